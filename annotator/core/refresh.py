"""Which edits bring an annotator's set up to a newer suggestion set.

An annotator's view of an article is their decisions plus the newest model's suggestions
on every place they have not decided (DESIGN, "Suggestion vs decision"). The rules, from
docs/adr/0010-suggestions-refresh-as-a-recorded-edit.md:

- A span is *decided* when it is not a plain model suggestion: accepted, rejected, edited
  or added by a person. A quote or event is decided when its anchor (content, trigger) or
  any of its parts (speaker, the entity it names, cue, arguments) is decided, or a person
  set an event's date or a claim; it is then kept whole.
- Undecided suggestions the newer set still makes stay as they are (same ids); the others
  go, with the undecided quotes and events that use them.
- A newer suggestion is added unless its words are taken: it overlaps a decided span of
  the same layer (entity, quote or trigger). A quote or event anchored there is left out;
  a speaker, cue or argument there is linked to the person's span when it has the same
  offsets and label, and left out otherwise (or when that span was rejected).

Pure functions over core types: the session applies the result as one recorded edit.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from annotator.core import edits as e
from annotator.core.model import Annotations, Argument, Event, Layer, Origin, Quote, Span, Status

PLACE_LAYERS = (Layer.ENTITY, Layer.QUOTE, Layer.TRIGGER)
SpanKey = tuple[int, int, str, str]


def is_decided(span: Span) -> bool:
    """Anything but a plain model suggestion: accepted, rejected, edited or added."""
    return span.status != Status.SUGGESTED or span.origin != Origin.MODEL


def refresh_edits(current: Annotations, newest: Annotations) -> tuple[e.Edit, ...]:
    """The edits that turn `current` into decisions + `newest`'s suggestions.

    Args:
        current (Annotations): The annotator's set, with store ids.
        newest (Annotations): The newest suggestion set (its ids are ignored).
    RETURNS (tuple[Edit, ...]): Removals first, then additions; empty when up to date.
    """
    kept_quotes = [q for q in current.quotes if _quote_decided(q)]
    kept_events = [ev for ev in current.events if _event_decided(ev)]
    kept: dict[int | None, Span] = {s.id: s for s in current.spans if is_decided(s)}
    for quote in kept_quotes:
        kept.update((p.id, p) for p in _quote_parts(quote))
    for event in kept_events:
        kept.update((p.id, p) for p in _event_parts(event))
    newest_keys = {s.key for s in newest.spans}
    survivors = {s.id: s for s in current.spans if s.id not in kept and s.key in newest_keys}
    stale = [s for s in current.spans if s.id not in kept and s.id not in survivors]

    anchors = {q.content.id for q in kept_quotes} | {ev.trigger.id for ev in kept_events}
    plan = _Additions(current, {s.key: s for s in (*kept.values(), *survivors.values())}, anchors)
    for span in newest.spans:
        if span.layer in PLACE_LAYERS:
            plan.resolve(span)
    planned_quotes = {_quote_signature(q): q for q in map(plan.quote, newest.quotes) if q}
    planned_events = {_event_signature(ev): ev for ev in map(plan.event, newest.events) if ev}
    open_quotes = [q for q in current.quotes if not _quote_decided(q)]
    open_events = [ev for ev in current.events if not _event_decided(ev)]
    dropped_quotes = [q for q in open_quotes if _quote_signature(q) not in planned_quotes]
    dropped_events = [ev for ev in open_events if _event_signature(ev) not in planned_events]
    staying_quotes = [q for q in open_quotes if _quote_signature(q) in planned_quotes]
    staying_events = [ev for ev in open_events if _event_signature(ev) in planned_events]
    for quote in staying_quotes:
        planned_quotes.pop(_quote_signature(quote), None)
    for event in staying_events:
        planned_events.pop(_event_signature(event), None)
    quotes, events = list(planned_quotes.values()), list(planned_events.values())
    linked = {p.id for q in (*staying_quotes, *quotes) for p in _quote_parts(q)}
    linked |= {p.id for ev in (*staying_events, *events) for p in _event_parts(ev)}
    stale += [s for s in survivors.values() if s.layer not in PLACE_LAYERS and s.id not in linked]
    needed = {p.key for q in quotes for p in _quote_parts(q)} | {p.key for ev in events for p in _event_parts(ev)}
    added = [s for s in plan.added.values() if s.layer in PLACE_LAYERS or s.key in needed]

    changes: list[e.Edit] = [e.RemoveQuote(q) for q in dropped_quotes]
    changes += [e.RemoveEvent(ev) for ev in dropped_events]
    changes += [e.RemoveSpan(s) for s in stale]
    changes += [e.AddSpan(s) for s in added]
    changes += [e.AddQuote(q) for q in quotes]
    changes += [e.AddEvent(ev) for ev in events]
    return tuple(changes)


@dataclass(frozen=True)
class RefreshCounts:
    """What a refresh did, for a status message."""

    added: int
    removed: int

    @classmethod
    def of(cls, edit: e.Edit) -> RefreshCounts:
        children = edit.edits if isinstance(edit, e.Compound) else (edit,)
        return cls(
            sum(isinstance(c, e.AddSpan) and c.span.layer in PLACE_LAYERS for c in children),
            sum(isinstance(c, e.RemoveSpan) and c.span.layer in PLACE_LAYERS for c in children),
        )

    def describe(self) -> str:
        return f"+{self.added} −{self.removed}"


class _Additions:
    """New suggestion spans, quotes and events, each place decided at most once."""

    def __init__(self, current: Annotations, present: dict[SpanKey, Span], kept_anchors: set[int | None]):
        self.present = present
        self.kept_anchors = kept_anchors
        self.added: dict[SpanKey, Span] = {}
        self.taken = {
            layer: _Intervals([s for s in current.spans if s.layer == layer and is_decided(s)])
            for layer in PLACE_LAYERS
        }

    def resolve(self, span: Span) -> Span | None:
        """The span to use for `span`: the one already there, a new one, or None (taken)."""
        if span.key in self.present:
            found = self.present[span.key]
            return None if found.status == Status.REJECTED else found
        if span.key in self.added:
            return self.added[span.key]
        if span.layer in PLACE_LAYERS and self.taken[span.layer].overlaps(span.start, span.end):
            return None
        fresh = replace(span, id=None, status=Status.SUGGESTED, origin=Origin.MODEL)
        self.added[span.key] = fresh
        return fresh

    def _anchor(self, span: Span) -> Span | None:
        """An anchor the person decided, or that anchors a quote or event they touched,
        is their place: nothing is added there."""
        found = self.present.get(span.key)
        if found is not None and (is_decided(found) or found.id in self.kept_anchors):
            return None
        return self.resolve(span)

    def quote(self, quote: Quote) -> Quote | None:
        content = self._anchor(quote.content)
        if content is None:
            return None
        speaker = self.resolve(quote.speaker) if quote.speaker else None
        cue = self.resolve(quote.cue) if quote.cue else None
        return Quote(content, speaker, cue, quote.kind)

    def event(self, event: Event) -> Event | None:
        trigger = self._anchor(event.trigger)
        if trigger is None:
            return None
        arguments = tuple(Argument(a.role, span) for a in event.arguments if (span := self.resolve(a.span)) is not None)
        return replace(event, trigger=trigger, arguments=arguments, id=None)


class _Intervals:
    """Does [start, end) overlap any of these spans? Sorted starts and a running max end."""

    def __init__(self, spans: list[Span]):
        ordered = sorted((s.start, s.end) for s in spans)
        self.starts = [start for start, _ in ordered]
        self.max_ends: list[int] = []
        for _, end in ordered:
            self.max_ends.append(max(end, self.max_ends[-1]) if self.max_ends else end)

    def overlaps(self, start: int, end: int) -> bool:
        last = bisect.bisect_left(self.starts, end) - 1
        return last >= 0 and self.max_ends[last] > start


def _quote_parts(quote: Quote) -> list[Span]:
    return [p for p in (quote.content, quote.speaker, quote.cue, quote.speaker_entity) if p is not None]


def _event_parts(event: Event) -> list[Span]:
    return [event.trigger, *(a.span for a in event.arguments)]


def _quote_decided(quote: Quote) -> bool:
    return any(is_decided(p) for p in _quote_parts(quote))


def _event_decided(event: Event) -> bool:
    by_hand = (event.date is not None and event.date.origin != Origin.MODEL) or any(
        claim.origin != Origin.MODEL for claim in event.claims
    )
    return by_hand or any(is_decided(p) for p in _event_parts(event))


def _key(span: Span | None) -> SpanKey | None:
    return None if span is None else span.key


def _quote_signature(quote: Quote) -> tuple[object, ...]:
    return (_key(quote.content), _key(quote.speaker), _key(quote.cue), str(quote.kind), _key(quote.speaker_entity))


def _event_signature(event: Event) -> tuple[object, ...]:
    return (
        _key(event.trigger),
        event.event_type,
        event.sub_type,
        event.negated,
        event.hypothetical,
        event.future,
        tuple(sorted((a.role, a.span.key) for a in event.arguments)),
        event.date,
        tuple(event.claims),
    )
