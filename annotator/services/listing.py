"""The article list the UI shows: ids in order (filtered, searched, sorted), rows by page,
and the annotator's progress. A thin layer over `annotator.store.listing`.

What the window calls on a keystroke (`progress`, `next_article`) costs one indexed query
whatever the size of the project."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.services import assign
from annotator.services.project import Project
from annotator.store.articles import search_article_ids
from annotator.store.listing import ListingRow, done_count, listing_ids, listing_rows, next_pending, progress_counts

__all__ = ["ListingRow", "article_ids", "rows", "progress", "next_article"]


def article_ids(
    project: Project,
    annotator: str,
    status: str | None = None,
    query: str = "",
    sort: str = "id",
    descending: bool = False,
    assignee: str | None = None,
) -> list[int]:
    """Ids of the articles to list. A non-empty `query` is a full-text search (FTS5);
    its hits are ranked best first unless another sort is asked for. `assignee` keeps
    the articles assigned to that name; in the default order the annotator's own
    assigned articles (their queue) come first.

    RETURNS (list[int]): Article ids in display order.
    """
    only = search_article_ids(project.db, query, limit=1_000_000) if query.strip() else None
    if only is not None and sort == "id" and not descending:
        sort = "rank"
    if assignee:  # only their articles are listed: the others are never read
        assigned = assign.assigned_ids(project, assignee)
        if only is None:
            only = assigned
        else:
            keep = set(assigned)
            only = [i for i in only if i in keep]
    ids = listing_ids(project.db, annotator, status or None, only, sort, descending)
    return assign.queue_first(project, annotator, ids) if sort == "id" and not descending else ids


def rows(project: Project, annotator: str, ids: Sequence[int]) -> dict[int, ListingRow]:
    """Display rows for a page of ids (missing ids are simply absent)."""
    return listing_rows(project.db, annotator, ids)


def progress(project: Project, annotator: str) -> tuple[int, int]:
    """(articles done, articles in the project) for this annotator, from one query."""
    return progress_counts(project.db, annotator)


def done(project: Project, annotator: str) -> int:
    """Articles done by this annotator (progress after a status change, one index range)."""
    return done_count(project.db, annotator)


def next_article(project: Project, annotator: str, after: int) -> int | None:
    """The next article after `after` (by id, wrapping) that is not done or skipped; the
    annotator's own assigned articles come first while any of them is left."""
    mine = next_pending(project.db, annotator, after, assigned_only=True)
    return mine if mine is not None else next_pending(project.db, annotator, after)
