"""The label scheme: labels, colours, keys, event types with their roles, model-label map.

A project stores the TOML text of its scheme at creation, so a project keeps meaning the
same thing even when the bundled default changes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from annotator.core.errors import ValidationError
from annotator.core.model import Layer, Role, Span
from annotator.core.resources import resource_path


@dataclass(frozen=True)
class Label:
    name: str
    colour: str
    key: str
    description: str = ""


@dataclass(frozen=True)
class EventType:
    name: str
    colour: str
    key: str
    roles: tuple[str, ...]
    sub_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteRule:
    """What counts as a quote among quoted words (the scheme's `[quote_rule]` table).

    min_words: quoted text with fewer words is a short fragment ("a “clown”").
    fragments: whether short fragments are quotes (PolNeAR counts them, attributed to
        whoever used the words; the conflict scheme treats them as scare quotes).
    Quoted titles (“The Art of the Deal”) are never quotes.
    """

    min_words: int = 3
    fragments: bool = False


@dataclass(frozen=True)
class LabelScheme:
    """Validates what is saved: labels must exist, roles must fit their event type."""

    name: str
    version: int
    entities: Mapping[str, Label]
    quote_labels: Mapping[str, Label]
    event_types: Mapping[str, EventType]
    roles: Mapping[str, Label]
    model_labels: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    quote_rule: QuoteRule = QuoteRule()

    @classmethod
    def from_toml(cls, text: str) -> LabelScheme:
        """Parse a scheme from TOML text (see resources/schemes/conflict.toml)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ValidationError(f"label scheme is not valid TOML: {error}") from error

        def labels(table: Mapping[str, Mapping[str, str]]) -> dict[str, Label]:
            return {
                name: Label(name, spec.get("colour", "#cccccc"), spec.get("key", ""), spec.get("description", ""))
                for name, spec in table.items()
            }

        events = {
            name: EventType(
                name,
                spec.get("colour", "#cccccc"),
                spec.get("key", ""),
                tuple(spec.get("roles", [r.value for r in Role])),
                tuple(spec.get("sub_types", [])),
            )
            for name, spec in data.get("events", {}).items()
        }
        scheme = cls(
            name=data.get("name", "custom"),
            version=int(data.get("version", 1)),
            entities=labels(data.get("entities", {})),
            quote_labels=labels(data.get("quotes", {})),
            event_types=events,
            roles=labels(data.get("roles", {})),
            model_labels=dict(data.get("model_labels", {})),
            aliases=dict(data.get("aliases", {})),
            source=text,
            quote_rule=_quote_rule(data.get("quote_rule", {})),
        )
        unknown_roles = {r for e in events.values() for r in e.roles} - set(scheme.roles) - {r.value for r in Role}
        if unknown_roles:
            raise ValidationError(f"label scheme uses undefined roles: {sorted(unknown_roles)}")
        return scheme

    @classmethod
    def load(cls, path: str | Path) -> LabelScheme:
        return cls.from_toml(Path(path).read_text(encoding="utf-8"))

    @classmethod
    def default(cls) -> LabelScheme:
        """The bundled conflict scheme."""
        return cls.load(resource_path("schemes", "conflict.toml"))

    def labels_for(self, layer: Layer) -> Mapping[str, object]:
        """The labels a span on `layer` may carry."""
        if layer == Layer.ENTITY:
            return self.entities
        if layer == Layer.TRIGGER:
            return self.event_types
        if layer == Layer.ARGUMENT:
            return {**self.roles, **self.entities}
        if layer == Layer.QUOTE:
            return {"QUOTE": self.quote_labels.get("QUOTE")}
        if layer == Layer.SPEAKER:
            return {"SPEAKER": None, **self.entities}
        if layer == Layer.CUE:
            return {"CUE": None}
        return {}

    def map_model_label(self, label: str) -> str | None:
        """The scheme label for a model's entity label, or None when it is dropped."""
        if label in self.model_labels:
            return self.model_labels[label] or None
        return label if label in self.entities else None

    def resolve_alias(self, label: str) -> tuple[str, str]:
        """A label from another scheme as (our label, sub-type); unknown labels unchanged."""
        target = self.aliases.get(label)
        if target is None:
            return label, ""
        name, _, sub_type = target.partition(":")
        return name, sub_type

    def colour(self, label: str) -> str:
        for table in (self.entities, self.event_types, self.quote_labels, self.roles):
            if label in table:
                return table[label].colour
        return "#cccccc"

    def validate_span(self, span: Span, text_length: int) -> None:
        """Raise ValidationError if the span's label or offsets are not acceptable."""
        if not 0 <= span.start < span.end <= text_length:
            raise ValidationError(
                f"span [{span.start}, {span.end}) is outside the text (length {text_length}) or empty"
            )
        if span.label not in self.labels_for(span.layer):
            raise ValidationError(f"label {span.label!r} is not in scheme {self.name!r} for layer {span.layer}")

    def validate_role(self, event_type: str, role: str) -> None:
        """Raise ValidationError if `role` is not allowed for `event_type`."""
        spec = self.event_types.get(event_type)
        if spec is None:
            raise ValidationError(f"event type {event_type!r} is not in scheme {self.name!r}")
        if _base_role(role) not in spec.roles:
            raise ValidationError(f"role {role!r} does not fit event type {event_type}")


def _quote_rule(table: Mapping[str, object]) -> QuoteRule:
    unknown = set(table) - {"min_words", "fragments"}
    if unknown:
        raise ValidationError(f"label scheme [quote_rule] has unknown keys: {sorted(unknown)}")
    min_words, fragments = table.get("min_words", 3), table.get("fragments", False)
    if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 1:
        raise ValidationError("label scheme [quote_rule] min_words must be a whole number of at least 1")
    if not isinstance(fragments, bool):
        raise ValidationError("label scheme [quote_rule] fragments must be true or false")
    return QuoteRule(min_words, fragments)


def _base_role(role: str) -> str:
    """brat numbers a repeated role (ACTOR2); the scheme knows only ACTOR."""
    return role.rstrip("0123456789")
