"""Edits: every gesture as a plain value with an exact inverse.

The session applies an edit to one annotation set in one transaction and appends it to
the history; undo applies `edit.inverse()`. Because edits are plain data they serialise
to JSON (the audit log) and undo works across restarts and without Qt.

The JSON carries a format `version` (docs/adr/0003): version 2 tags every value an edit
field holds with its `type`; rows written before (no version: 1) are read by the field
names they were written with. A row that cannot be read raises `EditFormatError`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, fields, replace
from functools import cache
from typing import Any, ClassVar, overload

from annotator.core.codec import claim_from_json, date_from_json
from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    Argument,
    ArticleStatus,
    Claim,
    Event,
    EventDate,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
)

FORMAT_VERSION = 2


class EditFormatError(AnnotatorError):
    """A stored edit cannot be read: a newer format, an unknown kind, a missing field or a
    value of the wrong type."""


@dataclass(frozen=True)
class Edit:
    """Base class. Subclasses are frozen dataclasses registered by `kind`."""

    kind: ClassVar[str] = ""
    registry: ClassVar[dict[str, type[Edit]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            Edit.registry[cls.kind] = cls

    def inverse(self) -> Edit:
        raise NotImplementedError

    def describe(self) -> str:
        """A short human sentence for the status bar and the undo menu."""
        return self.kind.replace("_", " ")

    def to_json(self) -> dict[str, Any]:
        """The edit as JSON in the current format (`FORMAT_VERSION`)."""
        return {"version": FORMAT_VERSION, **_encode_edit(self)}

    @staticmethod
    def from_json(data: Any) -> Edit:
        """An edit from its JSON, in any format this version reads.

        RAISES (EditFormatError): the JSON is of a newer format or is not a valid edit.
        """
        if not isinstance(data, dict):
            raise EditFormatError(f"an edit is a JSON object, not {type(data).__name__}")
        version = data.get("version", 1)
        decode = _VALUE_DECODERS.get(version) if isinstance(version, int) else None
        if decode is None:
            raise EditFormatError(
                f"edit format version {version!r} is not one this annotator reads"
                f" (1 to {FORMAT_VERSION}); a newer annotator wrote it"
            )
        return _decode_edit(data, decode)


@dataclass(frozen=True)
class AddSpan(Edit):
    kind: ClassVar[str] = "add_span"
    span: Span

    def inverse(self) -> Edit:
        return RemoveSpan(self.span)

    def describe(self) -> str:
        return f"add {self.span.label}"


@dataclass(frozen=True)
class RemoveSpan(Edit):
    kind: ClassVar[str] = "remove_span"
    span: Span

    def inverse(self) -> Edit:
        return AddSpan(self.span)

    def describe(self) -> str:
        return f"remove {self.span.label}"


@dataclass(frozen=True)
class ChangeSpan(Edit):
    """Relabel, resize, accept or reject: any change of one span's fields but its id."""

    kind: ClassVar[str] = "change_span"
    before: Span
    after: Span

    def __post_init__(self) -> None:
        if self.before.id != self.after.id:
            raise ValueError("ChangeSpan must keep the span's id")

    def inverse(self) -> Edit:
        return ChangeSpan(self.after, self.before)

    def describe(self) -> str:
        b, a = self.before, self.after
        if b.label != a.label:
            return f"relabel {b.label} → {a.label}"
        if (b.start, b.end) != (a.start, a.end):
            return f"resize {a.label}"
        return f"{a.status} {a.label}"


@dataclass(frozen=True)
class AddQuote(Edit):
    kind: ClassVar[str] = "add_quote"
    quote: Quote

    def inverse(self) -> Edit:
        return RemoveQuote(self.quote)


@dataclass(frozen=True)
class RemoveQuote(Edit):
    kind: ClassVar[str] = "remove_quote"
    quote: Quote

    def inverse(self) -> Edit:
        return AddQuote(self.quote)


@dataclass(frozen=True)
class ChangeQuote(Edit):
    """Link or unlink the speaker, its named entity or the cue, or change the kind."""

    kind: ClassVar[str] = "change_quote"
    before: Quote
    after: Quote

    def inverse(self) -> Edit:
        return ChangeQuote(self.after, self.before)

    def describe(self) -> str:
        if self.before.speaker != self.after.speaker:
            return "link speaker" if self.after.speaker else "unlink speaker"
        if self.before.speaker_entity != self.after.speaker_entity:
            return "link speaker entity" if self.after.speaker_entity else "unlink speaker entity"
        if self.before.cue != self.after.cue:
            return "link cue" if self.after.cue else "unlink cue"
        return f"quote kind {self.after.kind}"


@dataclass(frozen=True)
class AddEvent(Edit):
    kind: ClassVar[str] = "add_event"
    event: Event

    def inverse(self) -> Edit:
        return RemoveEvent(self.event)

    def describe(self) -> str:
        return f"add event {self.event.event_type}"


@dataclass(frozen=True)
class RemoveEvent(Edit):
    kind: ClassVar[str] = "remove_event"
    event: Event

    def inverse(self) -> Edit:
        return AddEvent(self.event)

    def describe(self) -> str:
        return f"remove event {self.event.event_type}"


@dataclass(frozen=True)
class ChangeEvent(Edit):
    """Change type, sub-type or flags; arguments change through Add/RemoveArgument."""

    kind: ClassVar[str] = "change_event"
    before: Event
    after: Event

    def inverse(self) -> Edit:
        return ChangeEvent(self.after, self.before)


@dataclass(frozen=True)
class AddArgument(Edit):
    kind: ClassVar[str] = "add_argument"
    event_id: int
    argument: Argument

    def inverse(self) -> Edit:
        return RemoveArgument(self.event_id, self.argument)

    def describe(self) -> str:
        return f"add {self.argument.role}"


@dataclass(frozen=True)
class RemoveArgument(Edit):
    kind: ClassVar[str] = "remove_argument"
    event_id: int
    argument: Argument

    def inverse(self) -> Edit:
        return AddArgument(self.event_id, self.argument)

    def describe(self) -> str:
        return f"remove {self.argument.role}"


@dataclass(frozen=True)
class LinkActor(Edit):
    """Say that an entity or argument span names a dictionary actor."""

    kind: ClassVar[str] = "link_actor"
    span: Span
    actor_id: int

    def inverse(self) -> Edit:
        return UnlinkActor(self.span, self.actor_id)

    def describe(self) -> str:
        return f"link {self.span.label} to actor {self.actor_id}"


@dataclass(frozen=True)
class UnlinkActor(Edit):
    kind: ClassVar[str] = "unlink_actor"
    span: Span
    actor_id: int

    def inverse(self) -> Edit:
        return LinkActor(self.span, self.actor_id)

    def describe(self) -> str:
        return f"unlink {self.span.label} from actor {self.actor_id}"


@dataclass(frozen=True)
class SetEventDate(Edit):
    """Set, correct or clear an event's normalised date."""

    kind: ClassVar[str] = "set_event_date"
    event_id: int
    before: EventDate | None
    after: EventDate | None

    def inverse(self) -> Edit:
        return SetEventDate(self.event_id, self.after, self.before)

    def describe(self) -> str:
        if self.after is None:
            return "clear event date"
        return f"event date {self.after.event_date} ({self.after.precision})"


@dataclass(frozen=True)
class AddClaim(Edit):
    kind: ClassVar[str] = "add_claim"
    event_id: int
    claim: Claim

    def inverse(self) -> Edit:
        return RemoveClaim(self.event_id, self.claim)

    def describe(self) -> str:
        return f"add claim {self.claim.figure_text} {self.claim.kind}"


@dataclass(frozen=True)
class RemoveClaim(Edit):
    kind: ClassVar[str] = "remove_claim"
    event_id: int
    claim: Claim

    def inverse(self) -> Edit:
        return AddClaim(self.event_id, self.claim)

    def describe(self) -> str:
        return f"remove claim {self.claim.figure_text} {self.claim.kind}"


@dataclass(frozen=True)
class SetArticleStatus(Edit):
    kind: ClassVar[str] = "set_article_status"
    before: ArticleStatus
    after: ArticleStatus

    def inverse(self) -> Edit:
        return SetArticleStatus(self.after, self.before)

    def describe(self) -> str:
        return f"mark {self.after.replace('_', ' ')}"


@dataclass(frozen=True)
class Compound(Edit):
    """Several edits as one action (one transaction, one undo step)."""

    kind: ClassVar[str] = "compound"
    edits: tuple[Edit, ...]
    description: str = ""

    def inverse(self) -> Compound:
        description = (
            self.description.removeprefix("undo ")
            if self.description.startswith("undo ")
            else f"undo {self.description}"
        )
        return Compound(tuple(e.inverse() for e in reversed(self.edits)), description)

    def describe(self) -> str:
        return self.description or f"{len(self.edits)} changes"


@dataclass(frozen=True)
class RefreshSuggestions(Compound):
    """Undecided suggestions replaced by those of a newer suggestion set (docs/adr/0010).

    `model_set` is the suggestion set the annotator's suggestions now come from and
    `previous_set` the one they came from (None: unknown); undo swaps them.
    """

    kind: ClassVar[str] = "refresh_suggestions"
    model_set: int | None = None
    previous_set: int | None = None

    def inverse(self) -> RefreshSuggestions:
        undone = Compound.inverse(self)
        return RefreshSuggestions(undone.edits, undone.description, self.previous_set, self.model_set)


def accept(span: Span) -> ChangeSpan:
    return ChangeSpan(span, replace(span, status=Status.ACCEPTED))


def reject(span: Span) -> ChangeSpan:
    return ChangeSpan(span, replace(span, status=Status.REJECTED))


def relabel(span: Span, label: str) -> ChangeSpan:
    return ChangeSpan(span, replace(span, label=label, status=Status.ACCEPTED))


def resize(span: Span, start: int, end: int) -> ChangeSpan:
    return ChangeSpan(span, replace(span, start=start, end=end, status=Status.ACCEPTED))


def manual_span(start: int, end: int, label: str, layer: Layer = Layer.ENTITY) -> Span:
    """A span a person added: accepted by construction."""
    return Span(start, end, label, layer, Status.ACCEPTED, Origin.MANUAL)


# JSON ------------------------------------------------------------------------------------

# Version 2: the type tag of every value an edit field holds, and how each is read.
_TAGS: dict[type, str] = {
    Span: "span",
    Quote: "quote",
    Event: "event",
    Argument: "argument",
    EventDate: "event_date",
    Claim: "claim",
    ArticleStatus: "article_status",
}


def _encode_edit(edit: Edit) -> dict[str, Any]:
    return {"kind": edit.kind, **{f.name: _encode(getattr(edit, f.name)) for f in fields(edit)}}


def _encode(value: Any) -> Any:
    if isinstance(value, tuple) and all(isinstance(item, Edit) for item in value):
        return [_encode_edit(item) for item in value]
    if isinstance(value, ArticleStatus):
        return {"type": _TAGS[ArticleStatus], "value": str(value)}
    if type(value) in _TAGS:
        return {"type": _TAGS[type(value)], **asdict(value)}
    return value


def _decode_edit(data: dict[str, Any], decode: Callable[[str, Any], Any]) -> Edit:
    kind = data.get("kind")
    cls = Edit.registry.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise EditFormatError(f"unknown edit kind {kind!r}")
    expected = _field_types(kind)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            if f.default is MISSING:
                raise EditFormatError(f"{kind}: no {f.name!r}")
            continue
        try:
            value = decode(f.name, data[f.name])
        except EditFormatError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise EditFormatError(f"{kind}.{f.name}: cannot be read ({type(error).__name__}: {error})") from error
        if not isinstance(value, expected[f.name]):
            names = " or ".join(t.__name__ for t in expected[f.name])
            raise EditFormatError(f"{kind}.{f.name}: a {names} was expected, not {type(value).__name__}")
        values[f.name] = value
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        raise EditFormatError(f"{kind}: {error}") from error


@cache
def _field_types(kind: str) -> dict[str, tuple[type, ...]]:
    """The runtime types each field of an edit kind may hold (from its annotations)."""
    cls = Edit.registry[kind]

    def runtime(hint: Any) -> tuple[type, ...]:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            return tuple(t for arg in typing.get_args(hint) for t in runtime(arg))
        return (origin,) if origin is not None else (hint,)

    hints = typing.get_type_hints(cls)
    return {f.name: runtime(hints[f.name]) for f in fields(cls)}


def _decode_v2(name: str, value: Any) -> Any:
    """Version 2: a value is what its type tag says; plain JSON values stay as they are."""
    if name == "edits":
        return tuple(_decode_edit(item, _decode_v2) for item in value)
    if isinstance(value, dict):
        tag = value.get("type")
        if tag not in _TAGGED:
            raise EditFormatError(f"{name}: unknown value type {tag!r}")
        return _TAGGED[tag](value)
    return value


# Version 1 (rows without a version): the value's type follows from the field's name and,
# for `before`/`after`, from the keys it holds. Kept as it was written; do not extend.
_SPAN_FIELDS = {"span", "trigger", "content", "speaker", "cue", "speaker_entity"}


def _decode_v1(name: str, value: Any) -> Any:
    if name == "edits":
        return tuple(_decode_edit(item, _decode_v1) for item in value)
    if name in _SPAN_FIELDS or (name in {"before", "after"} and isinstance(value, dict) and "layer" in value):
        return _span(value)
    if name == "quote" or (name in {"before", "after"} and isinstance(value, dict) and "content" in value):
        return _quote(value)
    if name == "event" or (name in {"before", "after"} and isinstance(value, dict) and "trigger" in value):
        return _event(value)
    if name == "argument":
        return _argument(value)
    if name in {"before", "after"} and isinstance(value, dict) and "precision" in value:
        return date_from_json(value)
    if name == "claim":
        return claim_from_json(value)
    if name in {"before", "after"} and isinstance(value, str):
        return ArticleStatus(value)
    return value


@overload
def _span(data: dict[str, Any]) -> Span: ...
@overload
def _span(data: None) -> None: ...
def _span(data: dict[str, Any] | None) -> Span | None:
    if data is None:
        return None
    return Span(
        data["start"],
        data["end"],
        data["label"],
        Layer(data["layer"]),
        Status(data["status"]),
        Origin(data["origin"]),
        data.get("id"),
    )


def _argument(data: dict[str, Any]) -> Argument:
    return Argument(data["role"], _span(data["span"]), data.get("id"))


def _quote(data: dict[str, Any]) -> Quote:
    return Quote(
        _span(data["content"]),
        _span(data["speaker"]),
        _span(data["cue"]),
        QuoteKind(data["kind"]),
        data.get("id"),
        _span(data.get("speaker_entity")),
    )


def _event(data: dict[str, Any]) -> Event:
    return Event(
        _span(data["trigger"]),
        data["event_type"],
        data["sub_type"],
        data["negated"],
        data["hypothetical"],
        data["future"],
        tuple(_argument(a) for a in data["arguments"]),
        data.get("id"),
        date_from_json(data.get("date")),
        tuple(claim_from_json(c) for c in data.get("claims", ())),
    )


_TAGGED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "span": _span,
    "quote": _quote,
    "event": _event,
    "argument": _argument,
    "event_date": date_from_json,
    "claim": claim_from_json,
    "article_status": lambda data: ArticleStatus(data["value"]),
}
_VALUE_DECODERS: dict[int, Callable[[str, Any], Any]] = {1: _decode_v1, 2: _decode_v2}
