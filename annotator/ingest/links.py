"""Turn a peer file's spans and labelled relations into quotes and events.

Conventions (the ones our exporters write): a relation labelled SPEAKER or CUE between a
QUOTE span and another span gives that quote its speaker or cue; a relation labelled with an
argument role (ACTOR, TARGET, ..., numbered as brat does: ACTOR2) between an event trigger
and another span adds an argument. Direction does not matter, nor does case. Every QUOTE
span is a quote and every trigger span an event, with or without relations. Relations that
fit none of this (a coreference, a second speaker) are returned so the reader can keep them
in the article's meta rather than drop them.

What a relation cannot say travels as attributes of the anchor span, checked here for every
format alike: an event's ``sub_type`` and flags (``negated``, ``hypothetical``,
``future``) on its trigger, a quote's ``kind`` on its content span; and a span's ``layer``
where its label does not imply it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from annotator.core.model import Annotations, Argument, Event, Layer, Quote, QuoteKind, Role, Span

_ROLES = frozenset(role.value for role in Role)
FLAGS = ("negated", "hypothetical", "future")
SpanKey = tuple[int, int, str, str]


@dataclass(frozen=True)
class Relation:
    """A labelled link between two spans, as a peer file states it."""

    head: Span
    child: Span
    label: str

    def as_record(self) -> dict[str, Any]:
        """A JSON-ready form, for keeping unused relations in an article's meta."""
        return {
            "head": {"start": self.head.start, "end": self.head.end, "label": self.head.label},
            "child": {"start": self.child.start, "end": self.child.end, "label": self.child.label},
            "label": self.label,
        }


def link(
    spans: Sequence[Span],
    relations: Sequence[Relation],
    attributes: Mapping[SpanKey, Mapping[str, Any]] | None = None,
) -> tuple[Annotations, list[Relation]]:
    """Build annotations: all spans, a quote per QUOTE span, an event per trigger span.

    spans (Sequence[Span]): Every span of the record; relation ends must be among them.
    relations (Sequence[Relation]): The record's relations.
    attributes (Mapping[SpanKey, Mapping[str, Any]] | None): Checked attributes (see
        `checked_attributes`) by the key of the trigger or quote span they describe.
    RETURNS (tuple[Annotations, list[Relation]]): The annotations, and the relations that
        did not become a speaker, cue or argument.
    """
    attributes = attributes or {}
    quotes = {
        span.key: Quote(content=span, **attributes.get(span.key, {})) for span in spans if span.layer == Layer.QUOTE
    }
    events = {
        span.key: Event(trigger=span, event_type=span.label, **attributes.get(span.key, {}))
        for span in spans
        if span.layer == Layer.TRIGGER
    }
    unused: list[Relation] = []
    for relation in relations:
        label = relation.label.upper()
        if label in ("SPEAKER", "CUE") and _attach_to_quote(quotes, relation, label):
            continue
        if label.rstrip("0123456789") in _ROLES and _attach_to_event(events, relation, label):
            continue
        unused.append(relation)
    annotations = Annotations(tuple(spans), tuple(quotes.values()), tuple(events.values()))
    return annotations, unused


def layer_named(value: Any) -> Layer | None:
    """The layer a file names (``"speaker"``), or None when it names none we know."""
    return Layer(value) if isinstance(value, str) and value in Layer._value2member_map_ else None


def checked_attributes(raw: Any, layer: Layer) -> tuple[dict[str, Any], list[str]]:
    """The attributes a file gives a trigger or a quote span, keeping only those that fit.

    raw (Any): The attributes as read: an object of name → value.
    layer (Layer): The layer of the span they describe (trigger or quote).
    RETURNS (tuple[dict[str, Any], list[str]]): Fields for `Event` or `Quote`, and one
        message per attribute that was left out, saying why.
    """
    if not isinstance(raw, Mapping):
        return {}, [f"attributes {raw!r} are not an object; ignored"]
    fields: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in raw.items():
        if (
            layer == Layer.TRIGGER
            and name == "sub_type"
            and isinstance(value, str)
            or layer == Layer.TRIGGER
            and name in FLAGS
            and isinstance(value, bool)
        ):
            fields[name] = value
        elif layer == Layer.QUOTE and name == "kind" and value in QuoteKind._value2member_map_:
            fields[name] = QuoteKind(value)
        else:
            problems.append(f"attribute {name}={value!r} does not fit a {layer} span; ignored")
    return fields, problems


def _ends(relation: Relation, layer: Layer) -> tuple[Span, Span] | None:
    if relation.head.layer == layer:
        return relation.head, relation.child
    if relation.child.layer == layer:
        return relation.child, relation.head
    return None


def _attach_to_quote(quotes: dict[SpanKey, Quote], relation: Relation, label: str) -> bool:
    ends = _ends(relation, Layer.QUOTE)
    if ends is None:
        return False
    content, other = ends
    quote = quotes[content.key]
    if label == "SPEAKER":
        if quote.speaker is not None:
            return False
        quotes[content.key] = replace(quote, speaker=other)
    else:
        if quote.cue is not None:
            return False
        quotes[content.key] = replace(quote, cue=other)
    return True


def _attach_to_event(events: dict[SpanKey, Event], relation: Relation, role: str) -> bool:
    ends = _ends(relation, Layer.TRIGGER)
    if ends is None:
        return False
    trigger, other = ends
    event = events[trigger.key]
    events[trigger.key] = replace(event, arguments=event.arguments + (Argument(role, other),))
    return True
