"""Paged listing of articles for the article list: ids in order, then rows by id.

The list holds only ids (cheap even for 100,000 articles) and asks for a page of rows
(title, source, date, this annotator's status, span counts) when a page scrolls into view.
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

_STATUS = (
    "COALESCE((SELECT s.status FROM annotation_sets s JOIN annotators n ON n.id = s.annotator_id"
    " WHERE s.article_id = a.id AND n.name = :annotator AND s.model = ''), 'new')"
)


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


def listing_ids(db: Database, annotator: str, status: str | None = None,
                only_ids: Sequence[int] | None = None, sort: str = "id", descending: bool = False) -> list[int]:
    """Article ids for the list, filtered by this annotator's status and optionally
    restricted to `only_ids` (e.g. full-text hits), in the requested order.

    Args:
        db (Database): The project database.
        annotator (str): Whose status counts.
        status (str | None): new, in_progress, done, skipped; None for all.
        only_ids (Sequence[int] | None): Restrict to these ids (order kept when sort="rank").
        sort (str): id, title, source, published, status or rank.
        descending (bool): Reverse the order.
    RETURNS (list[int]): Article ids.
    """
    where = []
    params: dict[str, object] = {"annotator": annotator}
    if status:
        where.append(f"{_STATUS} = :status")
        params["status"] = status
    if only_ids is not None:
        where.append("a.id IN (SELECT value FROM json_each(:ids))")
        params["ids"] = json.dumps(list(only_ids))
    order = SORT_COLUMNS.get(sort, "a.id")
    sql = f"SELECT a.id, {_STATUS} AS status FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if sort != "rank":
        sql += f" ORDER BY {order} {'DESC' if descending else 'ASC'}, a.id"
    ids = [row[0] for row in db.execute(sql, params)]
    if sort == "rank" and only_ids is not None:
        rank = {id_: i for i, id_ in enumerate(only_ids)}
        ids.sort(key=lambda i: rank.get(i, len(rank)), reverse=descending)
    return ids


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
        FROM articles a
        LEFT JOIN (SELECT s.id, s.article_id FROM annotation_sets s JOIN annotators n ON n.id = s.annotator_id
                   WHERE n.name = :annotator AND s.model = '') own ON own.article_id = a.id
        WHERE a.id IN (SELECT value FROM json_each(:ids))
    """
    found: dict[int, ListingRow] = {}
    rows = list(db.execute(sql, {"annotator": annotator, "ids": json.dumps(list(ids))}))
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
