"""Reading and writing what `annotator merge` needs: history rows with their kind, record
rows brought from another file, set times, and copies of articles and suggestions.

History kinds (docs/schema.md): `edit` a gesture made in this file (or its undo/redo);
`merge` a change made by a merge, bringing another file's version (undoable like an
edit); `record` an edit made in another file, kept for provenance only (its ids are that
file's; never undone here).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from annotator.core.model import ArticleStatus
from annotator.store.annotations import SetInfo
from annotator.store.database import inserted_id


@dataclass(frozen=True)
class HistoryRow:
    id: int
    annotator: str
    at: str
    action: str
    edit: str
    reverts: int | None
    kind: str
    origin: str


def history_rows(db: Database, set_id: int) -> list[HistoryRow]:
    """Every history row of a set, records included, oldest first."""
    return [
        HistoryRow(*row)
        for row in db.execute(
            "SELECT id, annotator, at, action, edit, reverts, kind, origin FROM history WHERE set_id = ? ORDER BY id",
            [set_id],
        )
    ]


def insert_record(db: Database, set_id: int, row: HistoryRow, origin: str, reverts: int | None) -> int:
    """Append an edit made in another file, for the record (in the caller's transaction)."""
    return inserted_id(
        db.execute(
            "INSERT INTO history (set_id, annotator, at, action, edit, reverts, kind, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, 'record', ?)",
            [set_id, row.annotator, row.at, row.action, row.edit, reverts, origin],
        )
    )


def set_updated_at(db: Database, set_id: int, stamp: str) -> None:
    """Give a set the time of the version it now holds (a merge keeps the source's time)."""
    db.execute("UPDATE annotation_sets SET updated_at = ? WHERE id = ?", [stamp, set_id])


def all_sets(db: Database) -> list[tuple[SetInfo, str, str]]:
    """Every annotation set with its article's uid and its annotator's kind, by article."""
    return [
        (SetInfo(row[0], row[1], row[2], row[3], ArticleStatus(row[4]), row[5]), row[6], row[7])
        for row in db.execute(
            "SELECT s.id, s.article_id, a.name, s.model, s.status, s.updated_at, ar.uid, a.kind"
            " FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
            " JOIN articles ar ON ar.id = s.article_id ORDER BY s.article_id, s.id"
        )
    ]


def article_ids_by_uid(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT uid, id FROM articles"))


def has_model_set(db: Database, article_id: int, model: str) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE s.article_id = ? AND a.kind = 'model' AND s.model = ?",
            [article_id, model],
        ).fetchone()
        is not None
    )


def scheme_identity(db: Database) -> tuple[str, int] | None:
    row = db.execute("SELECT name, version FROM schemes ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


def snapshot(source: Path, target: Path) -> None:
    """A consistent copy of a project file (with whatever its WAL holds), read-only on the source."""
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def status_of(db: Database, set_id: int) -> ArticleStatus:
    return ArticleStatus(db.execute("SELECT status FROM annotation_sets WHERE id = ?", [set_id]).fetchone()[0])
