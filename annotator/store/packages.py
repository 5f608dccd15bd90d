"""Writing a work package: a subset of a project copied row for row into a new file.

Rows keep their ids, so the history's resolved edits (which name span, quote and event
ids) stay valid in the package and undo works there as it did in the project.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database

from annotator.store.database import now

PACKAGE_KEYS = ("package_annotator", "packed_from", "packed_at")


def package_set_ids(db: Database, annotator: str, article_ids: Sequence[int]) -> list[int]:
    """The annotator's own sets and the latest model set of each article."""
    ids = json.dumps(list(article_ids))
    own = [
        r[0]
        for r in db.execute(
            "SELECT s.id FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.name = ? AND s.model = '' AND s.article_id IN (SELECT value FROM json_each(?))",
            [annotator, ids],
        )
    ]
    latest = [
        r[0]
        for r in db.execute(
            "SELECT (SELECT s.id FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
            "        WHERE s.article_id = ar.id AND a.kind = 'model' ORDER BY s.updated_at DESC, s.id DESC LIMIT 1)"
            " FROM articles ar WHERE ar.id IN (SELECT value FROM json_each(?))",
            [ids],
        )
        if r[0] is not None
    ]
    return sorted(set(own) | set(latest))


def copy_subset(
    source: Database, target: Database, article_ids: Sequence[int], set_ids: Sequence[int], annotator: str
) -> dict[str, int]:
    """Copy articles, their tokens, the given sets with everything in them and their
    history, the annotator's assignments, and the actor dictionary with the sets' links to
    it, keeping every id (one transaction).

    RETURNS (dict[str, int]): Rows copied per table.
    """
    articles = json.dumps(list(article_ids))
    sets = json.dumps(list(set_ids))
    in_sets = "set_id IN (SELECT value FROM json_each(:sets))"
    plan = [
        (
            "annotators",
            "id IN (SELECT annotator_id FROM annotation_sets WHERE id IN (SELECT value FROM json_each(:sets)))"
            " OR name = :annotator",
        ),
        ("articles", "id IN (SELECT value FROM json_each(:articles))"),
        ("tokenisations", "article_id IN (SELECT value FROM json_each(:articles))"),
        ("annotation_sets", "id IN (SELECT value FROM json_each(:sets))"),
        ("spans", in_sets),
        ("quotes", in_sets),
        ("events", in_sets),
        ("arguments", "event_id IN (SELECT id FROM events WHERE set_id IN (SELECT value FROM json_each(:sets)))"),
        ("event_dates", "event_id IN (SELECT id FROM events WHERE set_id IN (SELECT value FROM json_each(:sets)))"),
        ("claims", "event_id IN (SELECT id FROM events WHERE set_id IN (SELECT value FROM json_each(:sets)))"),
        ("history", in_sets),
        ("actors", "1"),
        ("actor_aliases", "1"),
        ("actor_links", "span_id IN (SELECT id FROM spans WHERE set_id IN (SELECT value FROM json_each(:sets)))"),
        (
            "assignments",
            "article_id IN (SELECT value FROM json_each(:articles)) AND annotator_id IN"
            " (SELECT id FROM annotators WHERE name = :annotator)",
        ),
    ]
    params = {"articles": articles, "sets": sets, "annotator": annotator}
    counts: dict[str, int] = {}
    with target.atomic():
        target.execute("PRAGMA defer_foreign_keys = ON")  # an actor's parent may come after it
        for table, where in plan:
            cursor = source.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", params)
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            marks = ", ".join("?" * len(columns))
            target.conn.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            counts[table] = len(rows)
    return counts


def mark_package(db: Database, annotator: str, packed_from: str) -> None:
    """Record in the package whose work it carries and where it came from."""
    with db.atomic():
        db.table("project").upsert_all(
            [
                {"key": "package_annotator", "value": annotator},
                {"key": "packed_from", "value": packed_from},
                {"key": "packed_at", "value": now()},
            ],
            pk="key",
        )


def package_info(db: Database) -> dict[str, str]:
    """The package keys of a project file (empty for an ordinary project)."""
    marks = ", ".join("?" * len(PACKAGE_KEYS))
    return dict(db.execute(f"SELECT key, value FROM project WHERE key IN ({marks})", list(PACKAGE_KEYS)))
