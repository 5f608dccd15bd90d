"""Annotation sets: the model's suggestions and each annotator's decisions.

A set belongs to one article and one annotator (a person, `model` with a model id, or
`gold`). Spans of every layer live in `spans`; quotes, events and arguments link them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.core.model import (
    GOLD_ANNOTATOR,
    MODEL_ANNOTATOR,
    Annotations,
    Argument,
    ArticleStatus,
    Event,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
)
from annotator.store.actors import load_actor_links
from annotator.store.coding import insert_event_coding, load_event_coding
from annotator.store.database import inserted_id, now

SPAN_COLUMNS = "id, start_char, end_char, label, layer, status, origin"
# Enum lookups by value, built once: calling Layer(value) per row dominated loading.
_LAYERS = {member.value: member for member in Layer}
_STATUSES = {member.value: member for member in Status}
_ORIGINS = {member.value: member for member in Origin}


@dataclass(frozen=True)
class SetInfo:
    id: int
    article_id: int
    annotator: str
    model: str
    status: ArticleStatus
    updated_at: str


def annotator_id(db: Database, name: str) -> int:
    """The id of an annotator, created on first use."""
    row = db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
    if row:
        found: int = row[0]
        return found
    kind = "model" if name == MODEL_ANNOTATOR else "gold" if name == GOLD_ANNOTATOR else "person"
    with db.atomic():  # another process may add the same name meanwhile: then its row is ours
        row = db.execute(
            "INSERT INTO annotators (name, kind, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id",
            [name, kind, now()],
        ).fetchone()
        if row is None:
            row = db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
    return int(row[0])


def find_set(db: Database, article_id: int, annotator: str, model: str = "") -> SetInfo | None:
    row = db.execute(
        "SELECT s.id, s.article_id, a.name, s.model, s.status, s.updated_at FROM annotation_sets s"
        " JOIN annotators a ON a.id = s.annotator_id WHERE s.article_id = ? AND a.name = ? AND s.model = ?",
        [article_id, annotator, model],
    ).fetchone()
    return _set_info(row) if row else None


def get_set(db: Database, set_id: int) -> SetInfo:
    row = db.execute(
        "SELECT s.id, s.article_id, a.name, s.model, s.status, s.updated_at FROM annotation_sets s"
        " JOIN annotators a ON a.id = s.annotator_id WHERE s.id = ?",
        [set_id],
    ).fetchone()
    if row is None:
        raise KeyError(f"no annotation set {set_id}")
    return _set_info(row)


def _set_info(row: Sequence[Any]) -> SetInfo:
    return SetInfo(row[0], row[1], row[2], row[3], ArticleStatus(row[4]), row[5])


def create_set(
    db: Database,
    article_id: int,
    annotator: str,
    model: str = "",
    status: ArticleStatus = ArticleStatus.NEW,
    updated_at: str | None = None,
) -> int:
    """Create an empty set (inside the caller's transaction if there is one).

    `updated_at` keeps the time of the last change when a set comes from another file."""
    who = annotator_id(db, annotator)
    stamp = now()
    return inserted_id(
        db.execute(
            "INSERT INTO annotation_sets (article_id, annotator_id, model, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [article_id, who, model, str(status), stamp, updated_at or stamp],
        )
    )


def latest_model_set(db: Database, article_id: int) -> SetInfo | None:
    """The most recent suggestions for an article, whatever model made them."""
    row = db.execute(
        "SELECT s.id, s.article_id, a.name, s.model, s.status, s.updated_at FROM annotation_sets s"
        " JOIN annotators a ON a.id = s.annotator_id WHERE s.article_id = ? AND a.kind = 'model'"
        " ORDER BY s.updated_at DESC, s.id DESC LIMIT 1",
        [article_id],
    ).fetchone()
    return _set_info(row) if row else None


def copy_suggestions(db: Database, set_id: int, model_set_id: int) -> None:
    """Copy a suggestion set into an empty annotator's set (all `suggested`), in the
    caller's transaction; each copy remembers the suggestion it came from, and the set
    which suggestion set it follows."""
    insert_annotations(db, set_id, load_annotations(db, model_set_id), span_ids_by_key(db, model_set_id))
    set_refreshed_from(db, set_id, model_set_id)


def refreshed_from(db: Database, set_id: int) -> int | None:
    """The suggestion set a person's set follows (`suggestions_from`), None when unknown."""
    row = db.execute("SELECT suggestions_from FROM annotation_sets WHERE id = ?", [set_id]).fetchone()
    return row[0] if row else None


def set_refreshed_from(db: Database, set_id: int, model_set_id: int | None) -> None:
    """Record which suggestion set a person's set now follows (in the caller's transaction)."""
    db.execute("UPDATE annotation_sets SET suggestions_from = ? WHERE id = ?", [model_set_id, set_id])


def refreshable_sets(db: Database, article_ids: Sequence[int] | None = None) -> list[SetInfo]:
    """People's sets that take new suggestions: not `done` (done means every place is
    decided), optionally only for some articles."""
    sql = (
        "SELECT s.id, s.article_id, a.name, s.model, s.status, s.updated_at FROM annotation_sets s"
        " JOIN annotators a ON a.id = s.annotator_id WHERE a.kind = 'person' AND s.status != 'done'"
    )
    params: list[object] = []
    if article_ids is not None:
        sql += " AND s.article_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(article_ids)))
    return [_set_info(r) for r in db.execute(sql + " ORDER BY s.article_id, s.id", params)]


def load_annotations(db: Database, set_id: int) -> Annotations:
    """Every span, quote and event of a set, quotes and events holding their Span objects."""
    spans = {
        id_: Span(start, end, label, _LAYERS[layer], _STATUSES[status], _ORIGINS[origin], id_)
        for id_, start, end, label, layer, status, origin in db.execute(
            f"SELECT {SPAN_COLUMNS} FROM spans WHERE set_id = ? ORDER BY start_char, end_char, id", [set_id]
        )
    }
    quotes = tuple(
        Quote(
            spans[c],
            spans.get(s) if s else None,
            spans.get(q) if q else None,
            QuoteKind(kind),
            id_,
            spans.get(n) if n else None,
        )
        for id_, c, s, q, kind, n in db.execute(
            "SELECT id, content_span_id, speaker_span_id, cue_span_id, kind, speaker_entity_span_id FROM quotes"
            " WHERE set_id = ? ORDER BY id",
            [set_id],
        )
    )
    arguments: dict[int, list[Argument]] = {}
    for arg_id, event_id, role, span_id in db.execute(
        "SELECT a.id, a.event_id, a.role, a.span_id FROM arguments a JOIN events e ON e.id = a.event_id"
        " WHERE e.set_id = ? ORDER BY a.id",
        [set_id],
    ):
        arguments.setdefault(event_id, []).append(Argument(role, spans[span_id], arg_id))
    dates, claims = load_event_coding(db, set_id)
    events = tuple(
        Event(
            spans[t],
            etype,
            sub,
            bool(neg),
            bool(hyp),
            bool(fut),
            tuple(arguments.get(id_, ())),
            id_,
            dates.get(id_),
            tuple(claims.get(id_, ())),
        )
        for id_, t, etype, sub, neg, hyp, fut in db.execute(
            "SELECT id, trigger_span_id, event_type, sub_type, negated, hypothetical, future FROM events"
            " WHERE set_id = ? ORDER BY id",
            [set_id],
        )
    )
    return Annotations(tuple(spans.values()), quotes, events, load_actor_links(db, set_id, spans))


def insert_annotations(
    db: Database,
    set_id: int,
    annotations: Annotations,
    suggestion_ids: dict[tuple[int, int, str, str], int] | None = None,
) -> None:
    """Bulk-store a whole set's content (suggestions, copies, imports) in the caller's
    transaction: spans with executemany, then quotes, events and arguments by span key."""
    cursor = db.conn.cursor()
    ids: dict[tuple[int, int, str, str], int] = {}
    for span in annotations.spans:
        if span.key in ids:
            continue
        cursor.execute(
            "INSERT INTO spans (set_id, start_char, end_char, label, layer, status, origin, suggestion_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                set_id,
                span.start,
                span.end,
                span.label,
                str(span.layer),
                str(span.status),
                str(span.origin),
                (suggestion_ids or {}).get(span.key),
            ),
        )
        ids[span.key] = inserted_id(cursor)

    def span_id(span: Span | None) -> int | None:
        return None if span is None else ids[span.key]

    cursor.executemany(
        "INSERT INTO quotes (set_id, content_span_id, speaker_span_id, cue_span_id, kind, speaker_entity_span_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (set_id, span_id(q.content), span_id(q.speaker), span_id(q.cue), str(q.kind), span_id(q.speaker_entity))
            for q in annotations.quotes
        ],
    )
    for event in annotations.events:
        cursor.execute(
            "INSERT INTO events (set_id, trigger_span_id, event_type, sub_type, negated, hypothetical, future)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                set_id,
                span_id(event.trigger),
                event.event_type,
                event.sub_type,
                int(event.negated),
                int(event.hypothetical),
                int(event.future),
            ),
        )
        event_id = inserted_id(cursor)
        cursor.executemany(
            "INSERT INTO arguments (event_id, role, span_id) VALUES (?, ?, ?)",
            [(event_id, a.role, span_id(a.span)) for a in event.arguments],
        )
        insert_event_coding(cursor, event_id, event)


def span_ids_by_key(db: Database, set_id: int) -> dict[tuple[int, int, str, str], int]:
    return {
        (s, e, label, layer): id_
        for id_, s, e, label, layer in db.execute(
            "SELECT id, start_char, end_char, label, layer FROM spans WHERE set_id = ?", [set_id]
        )
    }


def set_status(db: Database, set_id: int, status: ArticleStatus) -> None:
    db.execute("UPDATE annotation_sets SET status = ?, updated_at = ? WHERE id = ?", [str(status), now(), set_id])


def touch(db: Database, set_id: int) -> None:
    db.execute("UPDATE annotation_sets SET updated_at = ? WHERE id = ?", [now(), set_id])


def latest_model(db: Database) -> str:
    """The model id of the most recently written suggestions, or '' when there are none."""
    row = db.execute(  # the newest set of each model annotator from the index, then the newest of those
        "SELECT s.model FROM annotators a JOIN annotation_sets s ON s.id = (SELECT id FROM annotation_sets"
        " WHERE annotator_id = a.id ORDER BY updated_at DESC, id DESC LIMIT 1)"
        " WHERE a.kind = 'model' ORDER BY s.updated_at DESC, s.id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else ""


def model_done_article_ids(db: Database, model: str) -> set[int]:
    """Articles that already have suggestions from this model (for resumable runs)."""
    return {
        r[0]
        for r in db.execute(
            "SELECT s.article_id FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.kind = 'model' AND s.model = ?",
            [model],
        )
    }


def store_suggestions(db: Database, model: str, results: Iterable[tuple[int, Annotations]]) -> int:
    """Store a batch of model outputs, one set per article, in one transaction.

    RETURNS (int): Number of spans stored.
    """
    count = 0
    with db.atomic():
        for article_id, annotations in results:
            if find_set(db, article_id, MODEL_ANNOTATOR, model):
                continue
            set_id = create_set(db, article_id, MODEL_ANNOTATOR, model, ArticleStatus.DONE)
            insert_annotations(db, set_id, annotations)
            count += len(annotations.spans)
    return count


def sets_for_annotator(
    db: Database, annotator: str, statuses: Iterable[ArticleStatus] | None = None, model: str = ""
) -> list[SetInfo]:
    """All sets of one annotator, optionally only those with the given statuses."""
    sql = (
        "SELECT s.id, s.article_id, a.name, s.model, s.status, s.updated_at FROM annotation_sets s"
        " JOIN annotators a ON a.id = s.annotator_id WHERE a.name = ?"
    )
    params: list[object] = [annotator]
    if model:
        sql += " AND s.model = ?"
        params.append(model)
    wanted = [str(s) for s in statuses] if statuses else []
    if wanted:
        sql += f" AND s.status IN ({','.join('?' * len(wanted))})"
        params += wanted
    return [_set_info(r) for r in db.execute(sql + " ORDER BY s.article_id", params)]


def annotator_names(db: Database) -> set[str]:
    """Names of everyone (and the model) who has at least one annotation set."""
    return {
        r[0]
        for r in db.execute("SELECT DISTINCT a.name FROM annotators a JOIN annotation_sets s ON s.annotator_id = a.id")
    }
