"""Paged listing of articles for the article list: ids in order, then rows by id.

The list holds only ids (cheap even for 100,000 articles) and asks for a page of rows
(title, source, date, this annotator's status, span counts) when a page scrolls into view.
Everything the window asks for on a keystroke ("next not done", progress) is one indexed
query (migration `0010_scale`), never a pass over every article.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

SORT_COLUMNS = {
    "id": "a.id",
    "title": "a.title COLLATE NOCASE",
    "source": "a.source COLLATE NOCASE",
    "published": "a.published",
    "status": "status",
}

PENDING = ("new", "in_progress")

_OWN = "LEFT JOIN annotation_sets own ON own.article_id = a.id AND own.annotator_id = :aid AND own.model = ''"
_STATUS = "COALESCE(own.status, 'new')"


@dataclass(frozen=True)
class ListingRow:
    """One line of the article list."""

    id: int
    title: str
    source: str
    published: str
    status: str
    pending: int
    decided: int


def person_id(db: Database, annotator: str) -> int:
    """The annotator's row id, or -1 when the name has no row yet (then every article is
    `new` for them). Never creates the row: listing only reads."""
    row = db.execute("SELECT id FROM annotators WHERE name = ?", [annotator]).fetchone()
    return row[0] if row else -1


def listing_ids(
    db: Database,
    annotator: str,
    status: str | None = None,
    only_ids: Sequence[int] | None = None,
    sort: str = "id",
    descending: bool = False,
) -> list[int]:
    """Article ids for the list, filtered by this annotator's status and optionally
    restricted to `only_ids` (e.g. full-text hits), in the requested order.

    In the orders by id, rank and status nothing reads the articles table (whose rows
    carry the texts: a scan of it reads the whole file): ids come from the narrow uid
    index or the hits themselves, statuses from the sets' index. Only the orders by
    title, source and date read the articles' rows.

    Args:
        db (Database): The project database.
        annotator (str): Whose status counts.
        status (str | None): new, in_progress, done, skipped; None for all.
        only_ids (Sequence[int] | None): Restrict to these ids (order kept when sort="rank").
        sort (str): id, title, source, published, status or rank.
        descending (bool): Reverse the order.
    RETURNS (list[int]): Article ids.
    """
    if sort not in ("id", "rank", "status") and sort in SORT_COLUMNS:
        return _ids_by_column(db, annotator, status, only_ids, sort, descending)
    if only_ids is None and status in ("in_progress", "done", "skipped") and sort in ("id", "status"):
        # One range of the sets' index (annotation_sets_progress): the articles are never read.
        # By status, every id has the same status and ties stay by id, in either direction.
        order = " DESC" if descending and sort == "id" else ""
        return [
            row[0]
            for row in db.execute(
                "SELECT article_id FROM annotation_sets WHERE annotator_id = ? AND model = '' AND status = ?"
                f" ORDER BY article_id{order}",
                [person_id(db, annotator), status],
            )
        ]
    if only_ids is not None:
        ids = list(dict.fromkeys(only_ids))
    else:
        ids = [row[0] for row in db.execute("SELECT id FROM articles")]  # the uid index covers it
    aid = person_id(db, annotator)
    statuses = (
        dict(
            db.execute(
                "SELECT article_id, status FROM annotation_sets WHERE annotator_id = ? AND model = ''", [aid]
            ).fetchall()
        )
        if status or sort == "status"
        else {}
    )
    if status:
        ids = [i for i in ids if statuses.get(i, "new") == status]
    if sort == "status":
        ids.sort(key=lambda i: (statuses.get(i, "new"), i))
        if descending:  # as ORDER BY status DESC, id: ties stay by id
            ids.sort(key=lambda i: statuses.get(i, "new"), reverse=True)
    elif sort == "rank" and only_ids is not None:
        if descending:
            ids.reverse()
    else:
        ids.sort(reverse=descending)
    return ids


def _ids_by_column(
    db: Database, annotator: str, status: str | None, only_ids: Sequence[int] | None, sort: str, descending: bool
) -> list[int]:
    where = []
    params: dict[str, object] = {"aid": person_id(db, annotator)}
    mine = "SELECT article_id FROM annotation_sets WHERE annotator_id = :aid AND model = ''"
    if status == "new":
        where.append(f"a.id NOT IN ({mine} AND status != 'new')")
    elif status:
        where.append(f"a.id IN ({mine} AND status = :status)")
        params["status"] = status
    if only_ids is not None:
        where.append("a.id IN (SELECT value FROM json_each(:ids))")
        params["ids"] = json.dumps(list(only_ids))
    sql = "SELECT a.id FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {SORT_COLUMNS[sort]} {'DESC' if descending else 'ASC'}, a.id"
    return [row[0] for row in db.execute(sql, params)]


def next_pending(db: Database, annotator: str, after: int, assigned_only: bool = False) -> int | None:
    """The first article after `after` (by id, wrapping round) that this annotator has not
    marked done or skipped; with `assigned_only`, among the articles assigned to them.
    One `LIMIT 1` query each way, walking the primary key (or the assignments index).

    RETURNS (int | None): An article id other than `after`, or None when none is left.
    """
    params = {"aid": person_id(db, annotator), "after": after}
    if assigned_only:
        base = (
            "SELECT g.article_id FROM assignments g"
            " LEFT JOIN annotation_sets own ON own.article_id = g.article_id"
            " AND own.annotator_id = g.annotator_id AND own.model = ''"
            f" WHERE g.annotator_id = :aid AND {_STATUS} IN {PENDING} AND g.article_id {{cmp}} :after"
            " ORDER BY g.article_id LIMIT 1"
        )
    else:
        base = (
            f"SELECT a.id FROM articles a {_OWN}"
            f" WHERE {_STATUS} IN {PENDING} AND a.id {{cmp}} :after ORDER BY a.id LIMIT 1"
        )
    for cmp in (">", "<"):
        row = db.execute(base.format(cmp=cmp), params).fetchone()
        if row is not None:
            return int(row[0])
    return None


def progress_counts(db: Database, annotator: str) -> tuple[int, int]:
    """(articles this annotator marked done, articles in the project), in one query."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM annotation_sets WHERE annotator_id = :aid AND model = '' AND status = 'done'),"
        " (SELECT COUNT(*) FROM articles)",
        {"aid": person_id(db, annotator)},
    ).fetchone()
    return row[0], row[1]


def done_count(db: Database, annotator: str) -> int:
    """Articles this annotator marked done: a range of one index, without counting the
    articles (the window keeps that total from its last reload)."""
    return int(
        db.execute(
            "SELECT COUNT(*) FROM annotation_sets WHERE annotator_id = :aid AND model = '' AND status = 'done'",
            {"aid": person_id(db, annotator)},
        ).fetchone()[0]
    )


def listing_rows(db: Database, annotator: str, ids: Sequence[int]) -> dict[int, ListingRow]:
    """Rows for a page of ids. Counts come from the annotator's own set, or from the
    latest model suggestions when the annotator never opened the article."""
    if not ids:
        return {}
    sql = f"""
        SELECT a.id, a.title, a.source, COALESCE(a.published, ''), {_STATUS},
          own.id,
          (SELECT s.id FROM annotation_sets s JOIN annotators n ON n.id = s.annotator_id
            WHERE s.article_id = a.id AND n.kind = 'model' ORDER BY s.updated_at DESC, s.id DESC LIMIT 1)
        FROM articles a {_OWN}
        WHERE a.id IN (SELECT value FROM json_each(:ids))
    """
    found: dict[int, ListingRow] = {}
    rows = list(db.execute(sql, {"aid": person_id(db, annotator), "ids": json.dumps(list(ids))}))
    set_ids = [r[5] if r[5] is not None else r[6] for r in rows]
    counts = _span_counts(db, [s for s in set_ids if s is not None])
    for row, set_id in zip(rows, set_ids):
        pending, decided = counts.get(set_id, (0, 0)) if set_id is not None else (0, 0)
        if row[5] is None:
            pending, decided = pending + decided, 0
        found[row[0]] = ListingRow(row[0], row[1] or "", row[2] or "", row[3], row[4], pending, decided)
    return found


def _span_counts(db: Database, set_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    if not set_ids:
        return {}
    sql = (
        "SELECT set_id, SUM(status = 'suggested' AND layer IN ('entity', 'quote', 'trigger')),"
        " SUM(layer IN ('entity', 'quote', 'trigger')"
        "     AND (status = 'accepted' OR (origin != 'model' AND status != 'rejected')))"
        " FROM spans WHERE set_id IN (SELECT value FROM json_each(?)) GROUP BY set_id"
    )
    return {r[0]: (r[1] or 0, r[2] or 0) for r in db.execute(sql, [json.dumps(list(set_ids))])}
