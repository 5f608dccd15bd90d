"""Redaction at export: victims' names become placeholders, once, before any format writer.

Which names are victims' is the scheme's call (``[redact.victims]``; the defaults below
when a scheme says nothing): spans of the listed labels (PERSON) that are, or lie inside,
an argument in the listed roles (TARGET) of an event of the listed types. Every whole-word
occurrence of such a name in the article (and its title) is replaced by a numbered
placeholder ("[VICTIM-1]"), and so is each word of a several-word name on its own ("Karim"
of "Ahmad Karim", also in a relative's name: a family name identifies too). The text, the tokens, the sentence starts and every span, quote, event and
actor link are moved together, so each format's offsets point into its own redacted text.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace

from annotator.core.model import (
    ActorLink,
    AnnotatedArticle,
    Annotations,
    Argument,
    Layer,
    Span,
    Tokenisation,
)
from annotator.core.scheme import LabelScheme

DEFAULT_ROLES = frozenset({"TARGET"})
DEFAULT_LABELS = frozenset({"PERSON"})
DEFAULT_EVENTS = frozenset({"BATTLE", "EXPLOSION_REMOTE", "VIOLENCE_AGAINST_CIVILIANS", "RIOT"})
DEFAULT_PLACEHOLDER = "[VICTIM-{n}]"
WHAT = ("victims",)
"""What `--redact` accepts."""


@dataclass(frozen=True)
class VictimRule:
    """Which spans name a victim, and what replaces the name ({n}: the victim's number)."""

    roles: frozenset[str] = DEFAULT_ROLES
    labels: frozenset[str] = DEFAULT_LABELS
    events: frozenset[str] | None = DEFAULT_EVENTS
    placeholder: str = DEFAULT_PLACEHOLDER


def victim_rule(scheme: LabelScheme) -> VictimRule:
    """The scheme's ``[redact.victims]`` table as a rule (defaults for what it leaves out)."""
    try:
        table = tomllib.loads(scheme.source).get("redact", {}).get("victims", {}) if scheme.source else {}
    except tomllib.TOMLDecodeError:
        table = {}
    events = table.get("events", sorted(DEFAULT_EVENTS))
    return VictimRule(
        frozenset(table.get("roles", DEFAULT_ROLES)),
        frozenset(table.get("labels", DEFAULT_LABELS)),
        None if events == ["*"] else frozenset(events),
        str(table.get("placeholder", DEFAULT_PLACEHOLDER)),
    )


def victim_names(item: AnnotatedArticle, rule: VictimRule) -> list[str]:
    """The victims' names in an article, as written, in order of first mention."""
    text, annotations = item.article.text, item.annotations
    people = [s for s in annotations.spans if s.layer == Layer.ENTITY and s.label in rule.labels]
    found: dict[str, int] = {}
    for event in annotations.events:
        if rule.events is not None and event.event_type not in rule.events:
            continue
        for argument in event.arguments:
            if argument.role.rstrip("0123456789") not in rule.roles:
                continue
            holder = argument.span
            named = (
                [holder]
                if holder.label in rule.labels
                else [p for p in people if holder.start <= p.start and p.end <= holder.end]
            )
            for span in named:
                found.setdefault(" ".join(span.text_in(text).split()), span.start)
    return sorted(found, key=found.__getitem__)


def redact_victims(item: AnnotatedArticle, rule: VictimRule) -> AnnotatedArticle:
    """The article with its victims' names replaced (unchanged when it names none)."""
    names = victim_names(item, rule)
    if not names:
        return item
    text, tokens = item.article.text, item.tokens
    ranges: list[tuple[int, int, int]] = []
    for number, name in enumerate(names, 1):
        for part in [name, *_name_words(name)]:
            ranges += [(start, end, number) for start, end in _occurrences(text, part, tokens)]
    edits = _merge(_to_tokens(ranges, tokens), rule.placeholder)
    return _apply(item, edits, names, rule.placeholder)


def _name_words(name: str) -> list[str]:
    """The words of a several-word name that identify a person alone: capitalised, three
    letters or more ("Ahmad", "Karim" of "Ahmad Karim"; not "al" or "bin")."""
    words = name.split()
    if len(words) < 2:
        return []
    return [w for w in words if len(w) >= 3 and w[0].isupper() and w.isalpha()]


def _occurrences(text: str, name: str, tokens: Tokenisation) -> list[tuple[int, int]]:
    """Where `name` occurs in `text` starting and ending on token boundaries."""
    starts, ends = set(tokens.starts), set(tokens.ends)
    found, at = [], text.find(name)
    while at != -1:
        if at in starts and at + len(name) in ends:
            found.append((at, at + len(name)))
        at = text.find(name, at + 1)
    return found


def _to_tokens(ranges: list[tuple[int, int, int]], tokens: Tokenisation) -> list[tuple[int, int, int]]:
    """Each range widened to the tokens it touches, so a placeholder is whole tokens."""
    widened = []
    for start, end, number in ranges:
        touched = [(s, e) for s, e in tokens.tokens if s < end and start < e]
        if touched:
            start, end = min(start, touched[0][0]), max(end, touched[-1][1])
        widened.append((start, end, number))
    return widened


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    replacement: str


def _merge(ranges: list[tuple[int, int, int]], placeholder: str) -> list[_Edit]:
    """Overlapping ranges as one edit (the first victim's number wins), in text order."""
    merged: list[list[int]] = []
    for start, end, number in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, number])
    return [_Edit(start, end, placeholder.format(n=number)) for start, end, number in merged]


class _OffsetMap:
    """Old offsets → redacted offsets; an offset inside a replaced range goes to the
    placeholder's start (for a span's start) or end (for a span's end)."""

    def __init__(self, edits: list[_Edit]):
        self.edits = edits
        self.starts = [e.start for e in edits]
        self.shift: list[int] = []
        total = 0
        for edit in edits:
            self.shift.append(total)
            total += len(edit.replacement) - (edit.end - edit.start)
        self.total = total

    def __call__(self, offset: int, side: str) -> int:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return offset
        edit, before = self.edits[index], self.shift[index]
        if offset >= edit.end:
            return offset + before + len(edit.replacement) - (edit.end - edit.start)
        if offset == edit.start or side == "start":
            return edit.start + before
        return edit.start + before + len(edit.replacement)


def _apply(item: AnnotatedArticle, edits: list[_Edit], names: list[str], placeholder: str) -> AnnotatedArticle:
    text = item.article.text
    pieces, cursor = [], 0
    for edit in edits:
        pieces += [text[cursor : edit.start], edit.replacement]
        cursor = edit.end
    pieces.append(text[cursor:])
    where = _OffsetMap(edits)
    title = item.article.title
    for number, name in enumerate(names, 1):
        for part in [name, *_name_words(name)]:
            title = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", placeholder.format(n=number), title)
    article = replace(item.article, text="".join(pieces), title=title)
    return replace(
        item,
        article=article,
        tokens=_tokens(item.tokens, edits, where),
        annotations=_annotations(item.annotations, where),
    )


def _tokens(tokens: Tokenisation, edits: list[_Edit], where: _OffsetMap) -> Tokenisation:
    """Tokens inside a replaced range become one token: the placeholder."""
    kept: list[tuple[int, int]] = []
    new_index: dict[int, int] = {}
    open_edit: _Edit | None = None
    for index, (start, end) in enumerate(tokens.tokens):
        inside = next((e for e in edits if e.start <= start and end <= e.end), None)
        if inside is not None:
            if inside is not open_edit:
                kept.append((where(inside.start, "start"), where(inside.end, "end")))
                open_edit = inside
            new_index[index] = len(kept) - 1
            continue
        open_edit = None
        new_index[index] = len(kept)
        kept.append((where(start, "start"), where(end, "end")))
    sentences = tuple(dict.fromkeys(new_index[i] for i in tokens.sentence_starts if i in new_index))
    return Tokenisation(tuple(kept), sentences or (0,))


def _annotations(annotations: Annotations, where: _OffsetMap) -> Annotations:
    moved: dict[Span, Span] = {}

    def move(span: Span) -> Span:
        if span not in moved:
            moved[span] = replace(span, start=where(span.start, "start"), end=where(span.end, "end"))
        return moved[span]

    def maybe(span: Span | None) -> Span | None:
        return None if span is None else move(span)

    return Annotations(
        tuple(move(s) for s in annotations.spans),
        tuple(
            replace(
                q,
                content=move(q.content),
                speaker=maybe(q.speaker),
                cue=maybe(q.cue),
                speaker_entity=maybe(q.speaker_entity),
            )
            for q in annotations.quotes
        ),
        tuple(
            replace(
                e, trigger=move(e.trigger), arguments=tuple(Argument(a.role, move(a.span), a.id) for a in e.arguments)
            )
            for e in annotations.events
        ),
        tuple(ActorLink(move(link.span), link.actor_id) for link in annotations.actor_links),
    )


def redactor(what: str | None, scheme: LabelScheme) -> Callable[[AnnotatedArticle], AnnotatedArticle] | None:
    """The function an export applies to each article for `--redact what`, or None.

    RAISES (ValueError): `what` is not one of `WHAT`.
    """
    if not what:
        return None
    if what not in WHAT:
        raise ValueError(f"cannot redact {what!r}; choose from {', '.join(WHAT)}")
    rule = victim_rule(scheme)
    return lambda item: redact_victims(item, rule)


__all__ = ["VictimRule", "WHAT", "redact_victims", "redactor", "victim_names", "victim_rule"]
