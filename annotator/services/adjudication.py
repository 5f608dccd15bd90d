"""Adjudication: settling the annotators' versions of an article into the `gold` set.

When a reviewer first opens an article, the gold set is built in one undoable edit from
the annotators' finished versions: what all of them agree on is taken (accepted); every
other span, quote or event any of them made is added as a *suggestion* for the reviewer
to decide. Disagreements are clusters of overlapping candidates; for each, the reviewer
keeps one annotator's version (`pick`, one undoable edit) or decides span by span with
the usual gestures. Everything goes through the reviewer's `AnnotationSession` on the
gold set, so saving, history and undo are the session's own; history records the
reviewer's name.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core import edits as e
from annotator.core.errors import ValidationError
from annotator.core.ids import stored_id
from annotator.core.model import (
    GOLD_ANNOTATOR,
    MODEL_ANNOTATOR,
    AnnotatedArticle,
    Annotations,
    Argument,
    ArticleStatus,
    Event,
    Layer,
    Origin,
    Quote,
    Span,
    Status,
)
from annotator.core.set_diff import SpanKey, event_signature, quote_signature
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets

KINDS = ("entity", "quote", "event")


@dataclass
class Disagreement:
    """Overlapping candidates of one kind on which the annotators differ."""

    kind: str
    start: int
    end: int
    anchors: list[SpanKey] = field(default_factory=list)  # gold spans that carry the candidates
    versions: dict[str, list[Span | Quote | Event]] = field(default_factory=dict)  # annotator -> their items here

    def describe(self, annotator: str, text: str) -> str:
        """One annotator's version in a few words, e.g. "Vladimir Medinsky PERSON" or "—"."""
        items = self.versions.get(annotator, [])
        if not items:
            return "—"
        return "; ".join(_describe(item, text) for item in items)


def _describe(item: Span | Quote | Event, text: str) -> str:
    if isinstance(item, Quote):
        speaker = text[item.speaker.start : item.speaker.end] if item.speaker else "no speaker"
        return f"quote by {speaker}"
    if isinstance(item, Event):
        roles = ", ".join(f"{a.role} {text[a.span.start : a.span.end]}" for a in item.arguments)
        sub = f"/{item.sub_type}" if item.sub_type else ""
        return f"{item.event_type}{sub}" + (f" ({roles})" if roles else "")
    return f"{text[item.start : item.end]} {item.label}"


class Adjudication:
    """A reviewer's work on the gold set, article by article."""

    def __init__(self, project: Project, reviewer: str, annotators: Sequence[str] | None = None):
        self.project = project
        self.reviewer = reviewer.strip() or "reviewer"
        self.annotators = list(annotators) if annotators else reviewable_annotators(project)
        self.session = AnnotationSession(project, GOLD_ANNOTATOR, author=self.reviewer)
        self.versions: dict[str, Annotations] = {}
        self.disagreements: list[Disagreement] = []
        self.taken = 0

    # Articles --------------------------------------------------------------------------

    def articles(self) -> list[int]:
        """Articles that at least two of the annotators have finished, by id."""
        count: dict[int, int] = {}
        for name in self.annotators:
            for info in sets.sets_for_annotator(self.project.db, name, [ArticleStatus.DONE]):
                count[info.article_id] = count.get(info.article_id, 0) + 1
        return sorted(a for a, n in count.items() if n >= 2)

    def is_reviewed(self, article_id: int) -> bool:
        """Whether the gold version of the article is marked done."""
        info = sets.find_set(self.project.db, article_id, GOLD_ANNOTATOR)
        return info is not None and info.status == ArticleStatus.DONE

    def open(self, article_id: int) -> AnnotatedArticle:
        """Open an article for review; the first time, build its gold set (one undoable edit)."""
        db = self.project.db
        self.versions = {}
        for name in self.annotators:
            info = sets.find_set(db, article_id, name)
            if info is not None and info.status == ArticleStatus.DONE:
                self.versions[name] = sets.load_annotations(db, info.id).decided()
        if len(self.versions) < 2:
            raise ValidationError("this article needs two finished versions to review")
        fresh = sets.find_set(db, article_id, GOLD_ANNOTATOR) is None
        if fresh:
            with db.atomic():
                sets.create_set(db, article_id, GOLD_ANNOTATOR, status=ArticleStatus.IN_PROGRESS)
        opened = self.session.open(article_id)
        merged, taken, self.disagreements = _merge_versions(self.versions)
        self.taken = taken
        if fresh and merged.spans:
            edit = e.Compound(
                tuple(e.AddSpan(s) for s in merged.spans)
                + tuple(e.AddQuote(q) for q in merged.quotes)
                + tuple(e.AddEvent(ev) for ev in merged.events),
                f"review: {taken} agreed, {len(self.disagreements)} to decide",
            )
            self.session.apply(edit)
            assert self.session.current is not None, "opened above"
            opened = self.session.current
        return opened

    # Who said what ----------------------------------------------------------------------

    def voters(self, span: Span) -> list[str]:
        """The annotators whose version has this span (any of its layers' items)."""
        return [name for name, version in self.versions.items() if any(s.key == span.key for s in version.spans)]

    def pending(self) -> list[Disagreement]:
        """Disagreements whose candidates are not all decided yet."""
        return [d for d in self.disagreements if not self.is_decided(d)]

    def is_decided(self, disagreement: Disagreement) -> bool:
        for key in disagreement.anchors:
            span = self._gold_span(key)
            if span is not None and span.status == Status.SUGGESTED:
                return False
        return True

    def disagreement_at(self, span: Span | None) -> Disagreement | None:
        if span is None:
            return None
        return next((d for d in self.disagreements if span.key in d.anchors), None) or next(
            (d for d in self.disagreements if d.start < span.end and span.start < d.end), None
        )

    def _gold_span(self, key: SpanKey) -> Span | None:
        return next((s for s in self.session.annotations.spans if s.key == key), None)

    # Deciding -------------------------------------------------------------------------------

    def pick(self, disagreement: Disagreement, annotator: str) -> e.Edit:
        """Keep `annotator`'s version of a disagreement: their candidates accepted (with
        their quote or event structure), the others rejected. One undoable edit."""
        if annotator not in self.versions:
            raise ValidationError(f"{annotator} has no finished version of this article")
        mine = disagreement.versions.get(annotator, [])
        edits: list[e.Edit] = []
        for key in disagreement.anchors:
            span = self._gold_span(key)
            if span is None:
                continue
            item = next((i for i in mine if _anchor(i).key == key), None)
            if item is None:
                edits += self._decide(span, Status.REJECTED)
            elif isinstance(item, Quote):
                edits += self._take_quote(span, item)
            elif isinstance(item, Event):
                edits += self._take_event(span, item)
            else:
                edits += self._decide(span, Status.ACCEPTED)
        if not edits:
            raise ValidationError("nothing left to decide here")
        return self.session.apply(e.Compound(tuple(edits), f"keep {annotator}'s version"))

    def _decide(self, span: Span, status: Status) -> list[e.Edit]:
        parts: list[Span] = [span]
        quote, event = self.session.quote_of(span), self.session.event_of(span)
        if quote is not None:
            parts += [p for p in (quote.speaker, quote.speaker_entity, quote.cue) if p is not None]
        if event is not None:
            parts += [a.span for a in event.arguments]
        return [
            e.ChangeSpan(p, replace(p, status=status))
            for p in dict.fromkeys(parts)
            if p.status != status and (p is span or p.layer != Layer.ENTITY)
        ]

    def _ensure(self, wanted: Span, edits: list[e.Edit]) -> Span:
        found = self._gold_span(wanted.key)
        if found is not None:
            return found
        span = replace(wanted, id=None, status=Status.ACCEPTED, origin=Origin.IMPORT)
        edits.append(e.AddSpan(span))
        return span

    def _take_quote(self, content: Span, wanted: Quote) -> list[e.Edit]:
        current = self.session.quote_of(content)
        edits: list[e.Edit] = []
        speaker = self._ensure(wanted.speaker, edits) if wanted.speaker else None
        cue = self._ensure(wanted.cue, edits) if wanted.cue else None
        entity = self._ensure(wanted.speaker_entity, edits) if wanted.speaker_entity else None
        if current is None:
            edits.append(e.AddQuote(Quote(content, speaker, cue, wanted.kind, speaker_entity=entity)))
        elif quote_signature(current) != quote_signature(wanted):
            edits.append(
                e.ChangeQuote(
                    current, replace(current, speaker=speaker, cue=cue, kind=wanted.kind, speaker_entity=entity)
                )
            )
        edits += [
            e.ChangeSpan(p, replace(p, status=Status.ACCEPTED))
            for p in (content, speaker, cue, entity)
            if p is not None and p.id is not None and p.status != Status.ACCEPTED
        ]
        return edits

    def _take_event(self, trigger: Span, wanted: Event) -> list[e.Edit]:
        current = self.session.event_of(trigger)
        edits: list[e.Edit] = []
        if current is None:
            arguments = tuple(Argument(a.role, self._ensure(a.span, edits)) for a in wanted.arguments)
            edits.append(e.AddEvent(replace(wanted, trigger=trigger, arguments=arguments, id=None)))
            spans = [trigger]
        else:
            if event_signature(current)[:6] != event_signature(wanted)[:6]:
                edits.append(
                    e.ChangeEvent(
                        current,
                        replace(
                            current,
                            sub_type=wanted.sub_type,
                            negated=wanted.negated,
                            hypothetical=wanted.hypothetical,
                            future=wanted.future,
                        ),
                    )
                )
            keep = {(a.role, a.span.key) for a in wanted.arguments}
            have = {(a.role, a.span.key) for a in current.arguments}
            event_id = stored_id(current.id, "event")
            edits += [e.RemoveArgument(event_id, a) for a in current.arguments if (a.role, a.span.key) not in keep]
            edits += [
                e.AddArgument(event_id, Argument(a.role, self._ensure(a.span, edits)))
                for a in wanted.arguments
                if (a.role, a.span.key) not in have
            ]
            spans = [trigger] + [a.span for a in current.arguments if (a.role, a.span.key) in keep]
        edits += [
            e.ChangeSpan(p, replace(p, status=Status.ACCEPTED))
            for p in spans
            if p.id is not None and p.status != Status.ACCEPTED
        ]
        return edits

    def done(self) -> e.Edit:
        """Mark the gold article done (what export takes)."""
        return self.session.set_status(ArticleStatus.DONE)


def reviewable_annotators(project: Project) -> list[str]:
    """Every person with a finished article (not the model, not gold)."""
    names = sets.annotator_names(project.db) - {MODEL_ANNOTATOR, GOLD_ANNOTATOR}
    return sorted(n for n in names if sets.sets_for_annotator(project.db, n, [ArticleStatus.DONE]))


def _anchor(item: Span | Quote | Event) -> Span:
    return item.content if isinstance(item, Quote) else item.trigger if isinstance(item, Event) else item


def _merge_versions(versions: dict[str, Annotations]) -> tuple[Annotations, int, list[Disagreement]]:
    """The gold set's first content: agreed items accepted, the rest suggested; and the
    disagreements. RETURNS (merged, number of agreed items, disagreements)."""
    names = list(versions)
    plain = {name: v.without_ids() for name, v in versions.items()}
    spans: dict[SpanKey, Span] = {}
    quotes: list[Quote] = []
    events: list[Event] = []
    taken = 0
    candidates: dict[str, list[tuple[Span | Quote | Event, list[str]]]] = {kind: [] for kind in KINDS}

    def add(span: Span, agreed: bool) -> Span:
        status = Status.ACCEPTED if agreed else Status.SUGGESTED
        origin = Origin.IMPORT if agreed else Origin.MODEL  # a suggestion is only exported once accepted
        current = spans.get(span.key)
        if current is None or (agreed and current.status != Status.ACCEPTED):
            spans[span.key] = replace(span, status=status, origin=origin, id=None)
        return spans[span.key]

    def maybe(span: Span | None, agreed: bool) -> Span | None:
        return None if span is None else add(span, agreed)

    items_of: Callable[[Annotations], Iterable[Span | Quote | Event]]
    signature: Callable[[Any], Hashable]
    for kind, items_of, signature in (
        ("entity", lambda v: v.on_layer(Layer.ENTITY), lambda s: s.key),
        ("quote", lambda v: v.quotes, quote_signature),
        ("event", lambda v: v.events, event_signature),
    ):
        seen: dict[Hashable, tuple[Span | Quote | Event, list[str]]] = {}
        for name in names:
            for item in items_of(plain[name]):
                seen.setdefault(signature(item), (item, []))[1].append(name)
        anchors_used: set[SpanKey] = set()
        for item, voters in seen.values():
            agreed = len(set(voters)) == len(names)
            taken += int(agreed)
            if not agreed:
                candidates[kind].append((item, voters))
                if _anchor(item).key in anchors_used:
                    continue  # another version on the same anchor: decided by `pick`
                anchors_used.add(_anchor(item).key)
            if isinstance(item, Quote):
                quotes.append(
                    Quote(
                        add(item.content, agreed),
                        maybe(item.speaker, agreed),
                        maybe(item.cue, agreed),
                        item.kind,
                        speaker_entity=maybe(item.speaker_entity, agreed),
                    )
                )
            elif isinstance(item, Event):
                events.append(
                    replace(
                        item,
                        trigger=add(item.trigger, agreed),
                        id=None,
                        arguments=tuple(Argument(a.role, add(a.span, agreed)) for a in item.arguments),
                    )
                )
            else:
                add(item, agreed)
    disagreements = [d for kind in KINDS for d in _clusters(kind, candidates[kind], names)]
    ordered = tuple(sorted(spans.values(), key=lambda s: (s.start, s.end, s.label, str(s.layer))))
    return (
        Annotations(ordered, tuple(quotes), tuple(events)),
        taken,
        sorted(disagreements, key=lambda d: (d.start, d.end)),
    )


def _clusters(
    kind: str, candidates: list[tuple[Span | Quote | Event, list[str]]], names: list[str]
) -> list[Disagreement]:
    ordered = sorted(candidates, key=lambda c: (_anchor(c[0]).start, _anchor(c[0]).end))
    clusters: list[Disagreement] = []
    for item, voters in ordered:
        anchor = _anchor(item)
        if not clusters or anchor.start >= clusters[-1].end:
            clusters.append(Disagreement(kind, anchor.start, anchor.end, versions={n: [] for n in names}))
        cluster = clusters[-1]
        cluster.end = max(cluster.end, anchor.end)
        if anchor.key not in cluster.anchors:
            cluster.anchors.append(anchor.key)
        for name in voters:
            cluster.versions[name].append(item)
    return clusters
