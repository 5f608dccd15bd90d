"""Assignments: which annotator is to annotate which article (`annotator assign`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlite_utils import Database

from annotator.store.annotations import annotator_id
from annotator.store.database import now


def assign(db: Database, pairs: Iterable[tuple[int, str]]) -> int:
    """Store (article id, annotator name) assignments in one transaction; known pairs are
    kept as they are. RETURNS (int): How many pairs were new."""
    stamp = now()
    added = 0
    with db.atomic():
        ids: dict[str, int] = {}
        for article_id, name in pairs:
            if name not in ids:
                ids[name] = annotator_id(db, name)
            added += db.execute(
                "INSERT OR IGNORE INTO assignments (article_id, annotator_id, assigned_at) VALUES (?, ?, ?)",
                [article_id, ids[name], stamp],
            ).rowcount
    return added


def assigned_article_ids(db: Database, name: str) -> list[int]:
    """Articles assigned to `name`, by id."""
    return [
        r[0]
        for r in db.execute(
            "SELECT s.article_id FROM assignments s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.name = ? ORDER BY s.article_id",
            [name],
        )
    ]


def unassigned_article_ids(db: Database) -> list[int]:
    return [
        r[0]
        for r in db.execute("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM assignments) ORDER BY id")
    ]


def assignees(db: Database, article_ids: Sequence[int] | None = None) -> dict[int, list[str]]:
    """Article id -> names of its annotators (all assigned articles, or only `article_ids`)."""
    sql = "SELECT s.article_id, a.name FROM assignments s JOIN annotators a ON a.id = s.annotator_id"
    params: list[object] = []
    if article_ids is not None:
        sql += " WHERE s.article_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(article_ids)))
    found: dict[int, list[str]] = {}
    for article_id, name in db.execute(sql + " ORDER BY s.article_id, a.name", params):
        found.setdefault(article_id, []).append(name)
    return found


def assignment_counts(db: Database) -> dict[str, int]:
    """Annotator name -> number of articles assigned."""
    return dict(
        db.execute(
            "SELECT a.name, COUNT(*) FROM assignments s JOIN annotators a ON a.id = s.annotator_id GROUP BY a.name"
            " ORDER BY a.name"
        )
    )


def assignments_by_uid(db: Database, name: str | None = None) -> list[tuple[str, str, str]]:
    """(article uid, annotator name, assigned_at) rows, for packages and merges."""
    sql = (
        "SELECT ar.uid, a.name, s.assigned_at FROM assignments s JOIN annotators a ON a.id = s.annotator_id"
        " JOIN articles ar ON ar.id = s.article_id"
    )
    params: list[object] = []
    if name is not None:
        sql += " WHERE a.name = ?"
        params.append(name)
    return list(db.execute(sql + " ORDER BY ar.id, a.name", params))


def add_by_uid(db: Database, rows: Iterable[tuple[str, str, str]]) -> int:
    """Add (uid, name, assigned_at) assignments whose article exists here, in the caller's
    transaction. RETURNS (int): How many were new."""
    added = 0
    for uid, name, assigned_at in rows:
        article = db.execute("SELECT id FROM articles WHERE uid = ?", [uid]).fetchone()
        if article is None:
            continue
        added += db.execute(
            "INSERT OR IGNORE INTO assignments (article_id, annotator_id, assigned_at) VALUES (?, ?, ?)",
            [article[0], annotator_id(db, name), assigned_at],
        ).rowcount
    return added
