"""Coding events the way conflict datasets do: a date from the event's TIME argument,
read against the publication date, and the article's casualty and prisoner figures as
claims, each given to one event and attributed to whoever gives it.

A figure belongs to the nearest event in its sentence whose type takes that kind of
figure (the scheme's `claims` per event type); a figure in a sentence with no such event
goes to the nearest such event before it in its paragraph ("Rebels attacked the town.
Twelve soldiers were killed."), else to the event that already holds figures of that kind,
else to the only event that takes them; otherwise it is left out. Its claimant is the speaker of the quote it sits in
(a pronoun speaker is the named speaker of the quote before), else the "according to"
source or the subject of a reporting verb ("..., the UN agency reported") in its sentence;
"" when the article states it itself. Identical figures from one claimant are kept once.
What a person decided (a date or claims they set) is never replaced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from annotator.core.model import Annotations, Claim, Event, EventDate, Layer, Origin, Quote, Span, Status
from annotator.core.scheme import LabelScheme
from annotator.nlp.claims import find_claims
from annotator.nlp.dates import Anchor, resolve_date
from annotator.nlp.lexicon import lexicon_path, read_word_list, reporting_verb_forms

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'\u201d\u2019)]*\s+|\n+")
_ACCORDING = re.compile(
    r"\baccording to\s+((?:the\s+)?[^,.;:\n]{2,80}?)(?=\s*(?:[,.;:\n]|$|\s+(?:who|which|that)\b))", re.IGNORECASE
)


def code_events(annotations: Annotations, text: str, anchor: Anchor | None, scheme: LabelScheme) -> Annotations:
    """The annotations with each event's date and claims filled in where missing.

    annotations (Annotations): one set (suggestions or decisions) of the article.
    text (str): the article text.
    anchor (Anchor | None): the article's publication date (`publication_anchor`).
    scheme (LabelScheme): which claim kinds each event type takes.
    RETURNS (Annotations): the same set; events without a date get one from their TIME
        argument, events without claims get the figures that belong to them, and a
        claim that came without its place in the text (a file's bare figure) is placed.
    """
    live = [e for e in annotations.events if e.trigger.status != Status.REJECTED]
    claims = assign_claims(text, live, annotations.quotes, annotations.spans, scheme)
    found: list[Claim] | None = None
    events = []
    for event in annotations.events:
        key = _event_key(event)
        if event.date is None:
            event = replace(event, date=event_date(event, text, anchor))
        if not event.claims and claims.get(key):
            event = replace(event, claims=tuple(claims[key]))
        elif any(c.start is None and c.origin != Origin.MANUAL for c in event.claims):
            if found is None:
                found = [
                    replace(c, claimant=claimant(text, c, annotations.quotes, annotations.spans))
                    for c in find_claims(text)
                ]
            event = replace(event, claims=tuple(_placed(c, found) for c in event.claims))
        events.append(event)
    return replace(annotations, events=tuple(events))


def _placed(claim: Claim, found: Sequence[Claim]) -> Claim:
    """A claim that came without a place (a record's "dead: 156"), completed from the
    figure of that kind and number in the text: where, qualifier, what, who."""
    if claim.start is not None or claim.origin == Origin.MANUAL:
        return claim
    match = next((c for c in found if c.kind == claim.kind and c.figure == claim.figure), None)
    if match is None:
        return claim
    return replace(
        claim,
        high=claim.high if claim.high is not None else match.high,
        qualifier=claim.qualifier or match.qualifier,
        counts=claim.counts or match.counts,
        claimant=claim.claimant or match.claimant,
        start=match.start,
        end=match.end,
    )


def event_date(event: Event, text: str, anchor: Anchor | None) -> EventDate | None:
    """The date its first resolvable TIME argument names (future events prefer the future)."""
    for argument in event.arguments:
        if argument.role.rstrip("0123456789") == "TIME" and argument.span.status != Status.REJECTED:
            found = resolve_date(argument.span.text_in(text), anchor, "future" if event.future else "past")
            if found is not None:
                return found
    return None


def _event_key(event: Event) -> tuple[int, int, str]:
    return (event.trigger.start, event.trigger.end, event.event_type)


def assign_claims(
    text: str, events: Sequence[Event], quotes: Sequence[Quote], spans: Sequence[Span], scheme: LabelScheme
) -> dict[tuple[int, int, str], list[Claim]]:
    """The figures of the article, attributed, grouped by the event they belong to
    (keyed by trigger start, end and event type)."""
    takes = {name: set(spec.claims) for name, spec in scheme.event_types.items()}
    sentences = sentence_bounds(text)
    grouped: dict[tuple[int, int, str], list[Claim]] = {}
    for claim in find_claims(text):
        candidates = [e for e in events if str(claim.kind) in takes.get(e.event_type, ())]
        if not candidates:
            continue
        target = _owner(text, claim, candidates, sentences, grouped)
        if target is None:
            continue
        attributed = replace(claim, claimant=claimant(text, claim, quotes, spans, sentences))
        bucket = grouped.setdefault(_event_key(target), [])
        if not any(_same(attributed, other) for other in bucket):
            bucket.append(attributed)
    return grouped


def _owner(
    text: str,
    claim: Claim,
    candidates: Sequence[Event],
    sentences: Sequence[tuple[int, int]],
    grouped: dict[tuple[int, int, str], list[Claim]],
) -> Event | None:
    at = claim.start or 0
    start, end = _sentence_of(sentences, at)
    here = [e for e in candidates if start <= e.trigger.start < end]
    if here:
        return min(here, key=lambda e: abs(e.trigger.start - at))
    paragraph = text.rfind("\n", 0, at)
    before = [e for e in candidates if paragraph < e.trigger.start < at]
    if before:
        return max(before, key=lambda e: e.trigger.start)
    holding = [e for e in candidates if any(c.kind == claim.kind for c in grouped.get(_event_key(e), ()))]
    if holding:
        return holding[0]
    return candidates[0] if len(candidates) == 1 else None


def _same(a: Claim, b: Claim) -> bool:
    return (a.kind, a.figure, a.high, a.claimant) == (b.kind, b.figure, b.high, b.claimant) and (
        a.qualifier == b.qualifier or "each side" in (a.qualifier, b.qualifier)
    )


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence: split after . ! ? … (and closing quotes) and at line breaks."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _sentence_of(sentences: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    return next(((s, e) for s, e in sentences if s <= offset < e), (offset, offset + 1))


def claimant(
    text: str,
    claim: Claim,
    quotes: Sequence[Quote],
    spans: Sequence[Span],
    sentences: Sequence[tuple[int, int]] | None = None,
) -> str:
    """Who gives a figure: the quote's speaker, the "according to" source, the subject of a
    reporting verb in the figure's sentence; "" when the article states it itself."""
    at = claim.start or 0
    ordered = sorted((q for q in quotes if q.content.status != Status.REJECTED), key=lambda q: q.content.start)
    for index, quote in enumerate(ordered):
        if quote.content.start <= at < quote.content.end:
            return _speaker_name(text, ordered, index, spans)
    start, end = _sentence_of(sentences or sentence_bounds(text), at)
    sentence = text[start:end]
    for match in _ACCORDING.finditer(sentence):
        return _tidy_name(match.group(1))
    return _reported_by(sentence, at - start)


def _speaker_name(text: str, quotes: Sequence[Quote], index: int, spans: Sequence[Span]) -> str:
    quote = quotes[index]
    named = getattr(quote, "speaker_entity", None) or quote.speaker
    if named is None:
        return ""
    name = named.text_in(text)
    if name.lower() not in PRONOUNS:
        return name
    for earlier in reversed(quotes[:index]):
        speaker = getattr(earlier, "speaker_entity", None) or earlier.speaker
        if speaker is not None and speaker.text_in(text).lower() not in PRONOUNS:
            return speaker.text_in(text)
    people = [s for s in spans if s.layer == Layer.ENTITY and s.label == "PERSON" and s.end <= named.start]
    return people[-1].text_in(text) if people else name


def _reported_by(sentence: str, at: int) -> str:
    """The subject of the reporting verb nearest before the figure in its sentence, else of
    the first one after it ("..., killing 12, the agency reported")."""
    found = []
    for match in re.finditer(r"[A-Za-z']+", sentence):
        if match.group(0).lower() in _reporting_forms():
            subject = _subject_before(sentence, match.start())
            if subject:
                found.append((match.start(), subject))
    before = [item for item in found if item[0] < at]
    if before:
        return before[-1][1]
    after = [item for item in found if item[0] > at]
    return after[0][1] if after else ""


def _subject_before(sentence: str, verb_at: int) -> str:
    clause = re.split(r"[,;:\u2014\u2013(\"\u201c\u201d]|\s-\s", sentence[:verb_at])[-1]
    words = clause.split()
    while words and words[0].lower() in ("and", "but", "while", "whereas", "as", "which", "who", "also"):
        words.pop(0)
    if not words or len(words) > 7:
        return ""
    subject = " ".join(words)
    if subject.lower() in PRONOUNS or not re.search(r"[A-Za-z]", subject):
        return ""
    return _tidy_name(subject)


def _tidy_name(name: str) -> str:
    return name.strip().rstrip(".,;:")


@cache
def _reporting_forms() -> frozenset[str]:
    forms = reporting_verb_forms(read_word_list(lexicon_path("reporting_verbs.txt")))
    return frozenset(f for f in forms if not f.endswith("ing")) | {"claimed", "claims", "estimated", "estimates"}
