"""The annotation graph as flat formats need it: one numbered table of spans, and the
quote and event links as (head, child, label) relations between its rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from annotator.core.model import Annotations, Span

SPEAKER_RELATION = "Speaker"
CUE_RELATION = "Cue"


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
    one relation per event argument labelled with its role, from the trigger."""
    found: list[Relation] = []
    for quote in annotations.quotes:
        if quote.speaker is not None:
            found.append(Relation(quote.content, quote.speaker, SPEAKER_RELATION))
        if quote.cue is not None:
            found.append(Relation(quote.content, quote.cue, CUE_RELATION))
    for event in annotations.events:
        found.extend(Relation(event.trigger, argument.span, argument.role) for argument in event.arguments)
    return found


def numbered_roles(roles: list[str]) -> list[str]:
    """Number repeated roles the way brat requires: ACTOR, ACTOR2, ACTOR3."""
    seen: dict[str, int] = {}
    numbered = []
    for role in roles:
        seen[role] = seen.get(role, 0) + 1
        numbered.append(role if seen[role] == 1 else f"{role}{seen[role]}")
    return numbered


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
