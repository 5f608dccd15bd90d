"""The annotation graph as flat formats need it: one numbered table of spans, the quote
and event links as (head, child, label) relations between its rows, and what a relation
cannot say: each span's layer, an event's sub-type and flags, a quote's kind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from annotator.core.model import Annotations, Event, Layer, Quote, Role, Span

SPEAKER_RELATION = "Speaker"
CUE_RELATION = "Cue"
FLAGS = ("negated", "hypothetical", "future")
ROLES = frozenset(role.value for role in Role)
_LAYER_NAMES = frozenset(name.upper() for name in (Layer.QUOTE, Layer.SPEAKER, Layer.CUE))
_Anchored = TypeVar("_Anchored", Quote, Event)


@dataclass(frozen=True)
class SpanTable:
    """Every span of a set once, in a stable order, with its row number.

    Spans are matched by content (`Span.key`), so a quote's speaker that is also an
    entity span is one row, referenced twice.
    """

    spans: tuple[Span, ...]
    rows: dict[tuple[int, int, str, str], int]

    def row(self, span: Span) -> int:
        """The row number of `span`."""
        return self.rows[span.key]


@dataclass(frozen=True)
class Relation:
    """A directed link: quote → speaker/cue (label Speaker/Cue) or trigger → argument (role)."""

    head: Span
    child: Span
    label: str


def span_table(annotations: Annotations) -> SpanTable:
    """Number the set's spans, adding any span a quote or event refers to but `spans` lacks.

    annotations (Annotations): the set to number.
    RETURNS (SpanTable): the spans in order of first appearance, and their rows.
    """
    rows: dict[tuple[int, int, str, str], int] = {}
    ordered: list[Span] = []
    for span in _all_spans(annotations):
        if span.key not in rows:
            rows[span.key] = len(ordered)
            ordered.append(span)
    return SpanTable(tuple(ordered), rows)


def relations(annotations: Annotations) -> list[Relation]:
    """Quotes and events as relations: Speaker and Cue from the quote's content span,
    one relation per event argument labelled with its role, from the trigger; quotes and
    events in text order (see `in_text_order`)."""
    found: list[Relation] = []
    for quote in in_text_order(annotations.quotes):
        if quote.speaker is not None:
            found.append(Relation(quote.content, quote.speaker, SPEAKER_RELATION))
        if quote.cue is not None:
            found.append(Relation(quote.content, quote.cue, CUE_RELATION))
    for event in in_text_order(annotations.events):
        found.extend(Relation(event.trigger, argument.span, argument.role) for argument in event.arguments)
    return found


def in_text_order(items: Iterable[_Anchored]) -> list[_Anchored]:
    """Quotes or events in the order of their content or trigger span in the text.

    Readers rebuild quotes and events in the order of their spans, so writing them in that
    order makes export → import → export give the same file.
    """
    return sorted(items, key=lambda item: _anchor(item).key)


def numbered_roles(roles: list[str]) -> list[str]:
    """Number repeated roles the way brat requires: ACTOR, ACTOR2, ACTOR3."""
    seen: dict[str, int] = {}
    numbered = []
    for role in roles:
        seen[role] = seen.get(role, 0) + 1
        numbered.append(role if seen[role] == 1 else f"{role}{seen[role]}")
    return numbered


def _anchor(item: Quote | Event) -> Span:
    return item.content if isinstance(item, Quote) else item.trigger


def _all_spans(annotations: Annotations) -> Iterator[Span]:
    yield from annotations.spans
    for quote in annotations.quotes:
        yield quote.content
        if quote.speaker is not None:
            yield quote.speaker
        if quote.speaker_entity is not None:
            yield quote.speaker_entity
        if quote.cue is not None:
            yield quote.cue
    for event in annotations.events:
        yield event.trigger
        for argument in event.arguments:
            yield argument.span


def event_attributes(event: Event) -> dict[str, Any]:
    """What an event holds besides its trigger and arguments: sub-type and the three flags."""
    return {"sub_type": event.sub_type, **{flag: getattr(event, flag) for flag in FLAGS}}


def quote_attributes(quote: Quote) -> dict[str, Any]:
    """What a quote holds besides its spans: its kind."""
    return {"kind": str(quote.kind)}


def layer_is_implied(span: Span, trigger: bool) -> bool:
    """Whether a reader that knows only the label and the event lines puts `span` on its layer.

    The brat reader's rule (`annotator.ingest.layers.layer_for_region` after the E lines):
    an event's trigger is a trigger, a role names the argument layer, QUOTE, SPEAKER and
    CUE name theirs, any other label is an entity. A span this rule misplaces (a speaker
    labelled PERSON, an entity labelled TIME, an argument labelled GPE) needs its layer
    written out.

    span (Span): the span.
    trigger (bool): whether the span is the trigger of an event in the same file.
    RETURNS (bool): True when the layer needs no mention.
    """
    if trigger or span.layer == Layer.TRIGGER:
        return trigger and span.layer == Layer.TRIGGER
    if span.label in ROLES:
        return span.layer == Layer.ARGUMENT
    if span.label.upper() in _LAYER_NAMES:
        return span.layer.upper() == span.label.upper()
    return span.layer == Layer.ENTITY
