"""The label scheme: labels, colours, keys, event types with their roles, model-label map,
and for codebooks (ACLED, PLOVER, UCDP-GED) actor types, contexts and check rules.

A project stores the TOML text of its scheme at creation, so a project keeps meaning the
same thing even when the bundled default changes. Parsing here is plain; a scheme file a
person wrote is validated first by `annotator.services.schemes`, one message per error.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    """An event type: its roles, sub-types (ACLED sub-event types, PLOVER modes), the claim
    kinds its figures may count, and the name a codebook prints (``title``)."""

    name: str
    colour: str
    key: str
    roles: tuple[str, ...]
    sub_types: tuple[str, ...] = ()
    title: str = ""
    description: str = ""
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorType:
    """A codebook's actor type (ACLED's inter codes): an actor whose text holds one of
    `words`, or whose entity label is one of `labels`, is of this type."""

    name: str
    code: int
    words: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckRule:
    """A codebook rule checked on every event of the types it names (all when none).

    kind "roles": at least `min` arguments in `roles` (whose text holds one of `words`, or
    whose entity label is one of `labels`, when those are given); "date": a date, no coarser
    than `precision` when given; "sub_type": a sub-type; "claims": no two figures of one
    kind that cannot both be true; "figure": a claim of kind `claim` of at least `min`.
    """

    id: str
    kind: str
    message: str
    events: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    min: int = 1
    words: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    precision: str = ""
    claim: str = ""

    def applies_to(self, event_type: str) -> bool:
        return not self.events or event_type in self.events


ROLE_CLAIMS = {"FATALITIES": "killed", "INJURED": "injured", "ARRESTED": "captured"}
"""Claim kinds an event type takes when its scheme entry does not list them."""

BUNDLED_SCHEMES = ("conflict", "acled", "plover", "ucdp")


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
    checks: tuple[CheckRule, ...] = ()
    actor_types: Mapping[str, ActorType] = field(default_factory=dict)
    contexts: tuple[str, ...] = ()
    title: str = ""
    triggers: Mapping[str, Mapping[str, object]] = field(default_factory=dict)

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

        events = {name: _event_type(name, spec) for name, spec in data.get("events", {}).items()}
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
            checks=tuple(_check_rule(spec) for spec in data.get("checks", [])),
            actor_types={
                name: ActorType(
                    name, int(spec.get("code", 0)), tuple(spec.get("words", [])), tuple(spec.get("labels", []))
                )
                for name, spec in data.get("actor_types", {}).items()
            },
            contexts=tuple(data.get("contexts", [])),
            title=data.get("title", ""),
            triggers=dict(data.get("triggers", {})),
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

    @classmethod
    def bundled(cls, name: str) -> LabelScheme:
        """A bundled scheme by name: conflict, acled, plover or ucdp."""
        if name not in BUNDLED_SCHEMES:
            raise ValidationError(f"no bundled scheme {name!r}; choose one of {', '.join(BUNDLED_SCHEMES)}")
        return cls.load(resource_path("schemes", f"{name}.toml"))

    def event_type_for(self, label: str, sub_type: str = "") -> tuple[str, str] | None:
        """(event type, sub-type) of this scheme for an event type label of this or another
        scheme, through `aliases` ("TYPE:sub-type" keys first, then "TYPE"); a sub-type this
        scheme does not know is dropped; None when the label has no counterpart here."""
        if label in self.event_types:
            name, alias_sub_type = label, ""
        elif f"{label}:{sub_type}" in self.aliases:
            name, alias_sub_type = self.resolve_alias(f"{label}:{sub_type}")
        else:
            name, alias_sub_type = self.resolve_alias(label)
        spec = self.event_types.get(name)
        if spec is None:
            return None
        for candidate in (sub_type, alias_sub_type):
            if candidate and candidate in spec.sub_types:
                return name, candidate
        return name, ""

    def title_of(self, event_type: str) -> str:
        """The name a codebook prints for an event type ("Battles"), else the label."""
        spec = self.event_types.get(event_type)
        return (spec.title if spec else "") or event_type

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


# Tables as tomllib parses them: values of any TOML type.
def _event_type(name: str, spec: Mapping[str, Any]) -> EventType:
    roles = tuple(spec.get("roles", [r.value for r in Role]))
    claims = spec.get("claims")
    if claims is None:
        claims = [ROLE_CLAIMS[r] for r in roles if r in ROLE_CLAIMS]
    return EventType(
        name,
        str(spec.get("colour", "#cccccc")),
        str(spec.get("key", "")),
        roles,
        tuple(spec.get("sub_types", [])),
        str(spec.get("title", "")),
        str(spec.get("description", "")),
        tuple(claims),
    )


def _check_rule(spec: Mapping[str, Any]) -> CheckRule:
    def strings(key: str) -> tuple[str, ...]:
        return tuple(str(item) for item in spec.get(key, ()))

    return CheckRule(
        id=str(spec.get("id", "")),
        kind=str(spec.get("kind", "roles")),
        message=str(spec.get("message", "")),
        events=strings("events"),
        roles=strings("roles"),
        min=int(spec.get("min", 1)),
        words=strings("words"),
        labels=strings("labels"),
        precision=str(spec.get("precision", "")),
        claim=str(spec.get("claim", "")),
    )


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
