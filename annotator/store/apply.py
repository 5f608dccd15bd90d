"""Writing edits: one edit, one transaction, one history row.

`apply_edit` returns the edit *resolved*: every span, quote, event and argument it
created carries its new id, so its inverse restores exactly the same rows (same ids),
and links made later in the same compound edit find the spans made earlier in it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import singledispatch
from typing import overload

from sqlite_utils import Database

from annotator.core.edits import (
    AddArgument,
    AddClaim,
    AddEvent,
    AddQuote,
    AddSpan,
    ChangeEvent,
    ChangeQuote,
    ChangeSpan,
    Compound,
    Edit,
    EditFormatError,
    LinkActor,
    RemoveArgument,
    RemoveClaim,
    RemoveEvent,
    RemoveQuote,
    RemoveSpan,
    SetArticleStatus,
    SetEventDate,
    UnlinkActor,
)
from annotator.core.errors import ValidationError
from annotator.core.model import Argument, ArticleStatus, Event, Layer, Origin, Quote, Span, Status
from annotator.store.annotations import SPAN_COLUMNS, set_status, touch
from annotator.store.coding import delete_claim, insert_claims, insert_event_coding, set_event_date
from annotator.store.database import inserted_id, now


class _Context:
    """Per-apply state: the set, the database, and ids of spans created so far."""

    def __init__(self, db: Database, set_id: int):
        self.db = db
        self.set_id = set_id
        self.new_span_ids: dict[tuple[int, int, str, str], int] = {}

    @overload
    def resolve(self, span: Span) -> Span: ...
    @overload
    def resolve(self, span: None) -> None: ...
    def resolve(self, span: Span | None) -> Span | None:
        if span is None or span.id is not None:
            return span
        if span.key in self.new_span_ids:
            return replace(span, id=self.new_span_ids[span.key])
        row = self.db.execute(
            "SELECT id FROM spans WHERE set_id = ? AND start_char = ? AND end_char = ? AND label = ? AND layer = ?",
            [self.set_id, span.start, span.end, span.label, str(span.layer)],
        ).fetchone()
        if row is None:
            raise ValidationError(f"no {span.layer} span {span.label} [{span.start}, {span.end}) in this set")
        return replace(span, id=row[0])

    def current_span(self, span_id: int | None) -> Span:
        row = self.db.execute(
            f"SELECT {SPAN_COLUMNS} FROM spans WHERE id = ? AND set_id = ?", [span_id, self.set_id]
        ).fetchone()
        if row is None:
            raise ValidationError(f"span {span_id} is not in this set (changed elsewhere?)")
        return Span(row[1], row[2], row[3], Layer(row[4]), Status(row[5]), Origin(row[6]), row[0])


def apply_edit(
    db: Database,
    set_id: int,
    annotator: str,
    edit: Edit,
    reverts: int | None = None,
    kind: str = "edit",
    origin: str = "",
) -> tuple[Edit, int]:
    """Apply `edit` to set `set_id` and append it to the history, atomically.

    Args:
        db (Database): The project database.
        set_id (int): The annotation set the edit changes.
        annotator (str): Who made the change (recorded in the history).
        edit (Edit): The change.
        reverts (int | None): History id this edit undoes, when it is an undo.
        kind (str): "edit" (a gesture) or "merge" (a change made by `annotator merge`).
        origin (str): For a merge, the file whose version it brought in.
    RETURNS (tuple[Edit, int]): The resolved edit and its history row id.
    """
    context = _Context(db, set_id)
    with db.atomic():
        resolved = _apply(edit, context)
        touch(db, set_id)
        history_id = inserted_id(
            db.execute(
                "INSERT INTO history (set_id, annotator, at, action, edit, reverts, kind, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    set_id,
                    annotator,
                    now(),
                    resolved.describe(),
                    json.dumps(resolved.to_json(), ensure_ascii=False),
                    reverts,
                    kind,
                    origin,
                ],
            )
        )
    return resolved, history_id


@singledispatch
def _apply(edit: Edit, context: _Context) -> Edit:
    raise TypeError(f"cannot apply {type(edit).__name__}")


@_apply.register
def _(edit: Compound, context: _Context) -> Edit:
    return replace(edit, edits=tuple(_apply(child, context) for child in edit.edits))


@_apply.register
def _(edit: AddSpan, context: _Context) -> Edit:
    span = edit.span
    cursor = context.db.execute(
        "INSERT INTO spans (id, set_id, start_char, end_char, label, layer, status, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            span.id,
            context.set_id,
            span.start,
            span.end,
            span.label,
            str(span.layer),
            str(span.status),
            str(span.origin),
        ],
    )
    span_id = inserted_id(cursor)
    resolved = replace(span, id=span_id)
    context.new_span_ids[span.key] = span_id
    return AddSpan(resolved)


@_apply.register
def _(edit: RemoveSpan, context: _Context) -> Edit:
    span = context.resolve(edit.span)
    assert span is not None
    _expect_span(context, span)
    db = context.db
    in_use = db.execute(
        "SELECT (SELECT COUNT(*) FROM quotes WHERE content_span_id = :id OR speaker_span_id = :id OR cue_span_id = :id"
        " OR speaker_entity_span_id = :id)"
        " + (SELECT COUNT(*) FROM events WHERE trigger_span_id = :id)"
        " + (SELECT COUNT(*) FROM arguments WHERE span_id = :id)",
        {"id": span.id},
    ).fetchone()[0]
    if in_use:
        raise ValidationError(f"{span.label} span is still linked from a quote or event; unlink it first")
    db.execute("DELETE FROM spans WHERE id = ? AND set_id = ?", [span.id, context.set_id])
    return RemoveSpan(span)


@_apply.register
def _(edit: ChangeSpan, context: _Context) -> Edit:
    before = context.resolve(edit.before)
    assert before is not None
    _expect_span(context, before)
    after = replace(edit.after, id=before.id)
    context.db.execute(
        "UPDATE spans SET start_char = ?, end_char = ?, label = ?, layer = ?, status = ?, origin = ? WHERE id = ?",
        [after.start, after.end, after.label, str(after.layer), str(after.status), str(after.origin), after.id],
    )
    return ChangeSpan(before, after)


def _expect_span(context: _Context, expected: Span) -> None:
    """Refuse to change a span that is no longer what the edit was made against."""
    current = context.current_span(expected.id)
    if current != expected:
        raise ValidationError(f"{expected.label} span changed since it was shown; reload the article")


def _resolve_quote(quote: Quote, context: _Context) -> Quote:
    return replace(
        quote,
        content=context.resolve(quote.content),
        speaker=context.resolve(quote.speaker),
        cue=context.resolve(quote.cue),
        speaker_entity=context.resolve(quote.speaker_entity),
    )


@_apply.register
def _(edit: AddQuote, context: _Context) -> Edit:
    quote = _resolve_quote(edit.quote, context)
    cursor = context.db.execute(
        "INSERT INTO quotes (id, set_id, content_span_id, speaker_span_id, cue_span_id, kind, speaker_entity_span_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            quote.id,
            context.set_id,
            quote.content.id,
            _id(quote.speaker),
            _id(quote.cue),
            str(quote.kind),
            _id(quote.speaker_entity),
        ],
    )
    return AddQuote(replace(quote, id=inserted_id(cursor)))


@_apply.register
def _(edit: RemoveQuote, context: _Context) -> Edit:
    deleted = context.db.execute("DELETE FROM quotes WHERE id = ? AND set_id = ?", [edit.quote.id, context.set_id])
    if deleted.rowcount != 1:
        raise ValidationError("quote is not in this set")
    return edit


@_apply.register
def _(edit: ChangeQuote, context: _Context) -> Edit:
    after = _resolve_quote(edit.after, context)
    updated = context.db.execute(
        "UPDATE quotes SET content_span_id = ?, speaker_span_id = ?, cue_span_id = ?, kind = ?, speaker_entity_span_id = ?"
        " WHERE id = ? AND set_id = ?",
        [
            after.content.id,
            _id(after.speaker),
            _id(after.cue),
            str(after.kind),
            _id(after.speaker_entity),
            edit.before.id,
            context.set_id,
        ],
    )
    if updated.rowcount != 1:
        raise ValidationError("quote is not in this set")
    return ChangeQuote(_resolve_quote(edit.before, context), replace(after, id=edit.before.id))


@_apply.register
def _(edit: AddEvent, context: _Context) -> Edit:
    event = edit.event
    trigger = context.resolve(event.trigger)
    cursor = context.db.execute(
        "INSERT INTO events (id, set_id, trigger_span_id, event_type, sub_type, negated, hypothetical, future)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            event.id,
            context.set_id,
            _id(trigger),
            event.event_type,
            event.sub_type,
            int(event.negated),
            int(event.hypothetical),
            int(event.future),
        ],
    )
    event_id = inserted_id(cursor)
    arguments = tuple(_insert_argument(context, event_id, argument) for argument in event.arguments)
    insert_event_coding(context.db, event_id, event)
    return AddEvent(replace(event, trigger=trigger, arguments=arguments, id=event_id))


@_apply.register
def _(edit: RemoveEvent, context: _Context) -> Edit:
    db = context.db
    db.execute("DELETE FROM arguments WHERE event_id = ?", [edit.event.id])
    db.execute("DELETE FROM event_dates WHERE event_id = ?", [edit.event.id])
    db.execute("DELETE FROM claims WHERE event_id = ?", [edit.event.id])
    deleted = db.execute("DELETE FROM events WHERE id = ? AND set_id = ?", [edit.event.id, context.set_id])
    if deleted.rowcount != 1:
        raise ValidationError("event is not in this set")
    return edit


@_apply.register
def _(edit: ChangeEvent, context: _Context) -> Edit:
    after = edit.after
    updated = context.db.execute(
        "UPDATE events SET event_type = ?, sub_type = ?, negated = ?, hypothetical = ?, future = ? WHERE id = ? AND set_id = ?",
        [
            after.event_type,
            after.sub_type,
            int(after.negated),
            int(after.hypothetical),
            int(after.future),
            edit.before.id,
            context.set_id,
        ],
    )
    if updated.rowcount != 1:
        raise ValidationError("event is not in this set")
    return edit


@_apply.register
def _(edit: AddArgument, context: _Context) -> Edit:
    owner = context.db.execute("SELECT set_id FROM events WHERE id = ?", [edit.event_id]).fetchone()
    if owner is None or owner[0] != context.set_id:
        raise ValidationError("event is not in this set")
    return AddArgument(edit.event_id, _insert_argument(context, edit.event_id, edit.argument))


def _insert_argument(context: _Context, event_id: int, argument: Argument) -> Argument:
    span = context.resolve(argument.span)
    cursor = context.db.execute(
        "INSERT INTO arguments (id, event_id, role, span_id) VALUES (?, ?, ?, ?)",
        [argument.id, event_id, argument.role, _id(span)],
    )
    return replace(argument, span=span, id=inserted_id(cursor))


@_apply.register
def _(edit: RemoveArgument, context: _Context) -> Edit:
    deleted = context.db.execute(
        "DELETE FROM arguments WHERE id = ? AND event_id = ?", [edit.argument.id, edit.event_id]
    )
    if deleted.rowcount != 1:
        raise ValidationError("argument is not on this event")
    return edit


@_apply.register
def _(edit: SetArticleStatus, context: _Context) -> Edit:
    current = context.db.execute("SELECT status FROM annotation_sets WHERE id = ?", [context.set_id]).fetchone()[0]
    if ArticleStatus(current) != edit.before:
        raise ValidationError(f"article status is {current}, not {edit.before}")
    set_status(context.db, context.set_id, edit.after)
    return edit


@_apply.register
def _(edit: LinkActor, context: _Context) -> Edit:
    span = context.resolve(edit.span)
    assert span is not None
    if context.db.execute("SELECT 1 FROM actors WHERE id = ?", [edit.actor_id]).fetchone() is None:
        raise ValidationError(f"actor {edit.actor_id} is not in the dictionary")
    context.current_span(span.id)
    inserted = context.db.execute(
        "INSERT OR IGNORE INTO actor_links (span_id, actor_id) VALUES (?, ?)", [span.id, edit.actor_id]
    )
    if inserted.rowcount != 1:
        raise ValidationError(f"{span.label} span is already linked to that actor")
    return LinkActor(span, edit.actor_id)


@_apply.register
def _(edit: UnlinkActor, context: _Context) -> Edit:
    span = context.resolve(edit.span)
    assert span is not None
    deleted = context.db.execute(
        "DELETE FROM actor_links WHERE span_id = ? AND actor_id = ?"
        " AND span_id IN (SELECT id FROM spans WHERE set_id = ?)",
        [span.id, edit.actor_id, context.set_id],
    )
    if deleted.rowcount != 1:
        raise ValidationError(f"{span.label} span is not linked to that actor")
    return UnlinkActor(span, edit.actor_id)


def _own_event(context: _Context, event_id: int) -> None:
    owner = context.db.execute("SELECT set_id FROM events WHERE id = ?", [event_id]).fetchone()
    if owner is None or owner[0] != context.set_id:
        raise ValidationError("event is not in this set")


@_apply.register
def _(edit: SetEventDate, context: _Context) -> Edit:
    _own_event(context, edit.event_id)
    row = context.db.execute(
        "SELECT first_day, last_day, precision, text, origin FROM event_dates WHERE event_id = ?", [edit.event_id]
    ).fetchone()
    current = None if row is None else (row[0], row[1], row[2], row[3], row[4])
    expected = (
        None
        if edit.before is None
        else (
            edit.before.first,
            edit.before.last,
            str(edit.before.precision),
            edit.before.text,
            str(edit.before.origin),
        )
    )
    if current != expected:
        raise ValidationError("the event's date changed since it was shown; reload the article")
    set_event_date(context.db, edit.event_id, edit.after)
    return edit


@_apply.register
def _(edit: AddClaim, context: _Context) -> Edit:
    _own_event(context, edit.event_id)
    insert_claims(context.db, edit.event_id, [edit.claim])
    return edit


@_apply.register
def _(edit: RemoveClaim, context: _Context) -> Edit:
    _own_event(context, edit.event_id)
    if not delete_claim(context.db, edit.event_id, edit.claim):
        raise ValidationError("that claim is not on this event")
    return edit


def _id(item: Span | Event | Quote | None) -> int | None:
    return None if item is None else item.id


def history(db: Database, set_id: int) -> list[tuple[int, Edit, int | None]]:
    """The set's history, oldest first: (history id, edit, id of the row it reverts).
    Rows kept only for the record (edits merged from another file) are left out.

    RAISES (EditFormatError): a row cannot be read (`read_history` reports it instead).
    """
    rows: list[tuple[int, Edit, int | None]] = []
    for row in read_history(db, set_id):
        if row.edit is None:
            raise EditFormatError(f"history row {row.id}: {row.problem}")
        rows.append((row.id, row.edit, row.reverts))
    return rows


@dataclass(frozen=True)
class StoredEdit:
    """One history row as read back: its edit, or why it could not be read."""

    id: int
    edit: Edit | None
    reverts: int | None
    problem: str = ""


def read_history(db: Database, set_id: int) -> list[StoredEdit]:
    """`history`, with each row that cannot be read kept as a `StoredEdit` without an
    edit and the reason, so that one damaged or newer row does not hide the rest."""
    rows: list[StoredEdit] = []
    for history_id, text, reverts in db.execute(
        "SELECT id, edit, reverts FROM history WHERE set_id = ? AND kind != 'record' ORDER BY id", [set_id]
    ):
        try:
            rows.append(StoredEdit(history_id, Edit.from_json(json.loads(text)), reverts))
        except (EditFormatError, ValueError, TypeError) as error:
            rows.append(StoredEdit(history_id, None, reverts, _reason(error)))
    return rows


def _reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"not JSON ({error.msg} at character {error.pos})"
    if isinstance(error, TypeError):
        return "no edit stored"
    return str(error)
