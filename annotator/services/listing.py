"""The article list the UI shows: ids in order (filtered, searched, sorted), rows by page,
and the annotator's progress. A thin layer over `annotator.store.listing`."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.services import assign
from annotator.services.project import Project
from annotator.store.articles import search_article_ids
from annotator.store.listing import ListingRow, listing_ids, listing_rows
from annotator.store.stats import status_counts

__all__ = ["ListingRow", "article_ids", "rows", "progress"]


def article_ids(project: Project, annotator: str, status: str | None = None, query: str = "",
                sort: str = "id", descending: bool = False, assignee: str | None = None) -> list[int]:
    """Ids of the articles to list. A non-empty `query` is a full-text search (FTS5);
    its hits are ranked best first unless another sort is asked for. `assignee` keeps
    the articles assigned to that name; in the default order the annotator's own
    assigned articles (their queue) come first.

    RETURNS (list[int]): Article ids in display order.
    """
    only = search_article_ids(project.db, query, limit=1_000_000) if query.strip() else None
    if only is not None and sort == "id" and not descending:
        sort = "rank"
    ids = listing_ids(project.db, annotator, status or None, only, sort, descending)
    if assignee:
        assigned = set(assign.assigned_ids(project, assignee))
        ids = [i for i in ids if i in assigned]
    return assign.queue_first(project, annotator, ids) if sort == "id" and not descending else ids


def rows(project: Project, annotator: str, ids: Sequence[int]) -> dict[int, ListingRow]:
    """Display rows for a page of ids (missing ids are simply absent)."""
    return listing_rows(project.db, annotator, ids)


def progress(project: Project, annotator: str) -> tuple[int, int]:
    """(articles done, articles in the project) for this annotator."""
    counts = status_counts(project.db, annotator)
    return counts.get("done", 0), sum(counts.values())


def next_article(project: Project, annotator: str, after: int) -> int | None:
    """The next article after `after` (by id, wrapping) that is not done or skipped."""
    ids = listing_ids(project.db, annotator)
    pending = set(listing_ids(project.db, annotator, "new")) | set(listing_ids(project.db, annotator, "in_progress"))
    queue = [i for i in assign.queue_first(project, annotator, ids) if i in pending and i != after]
    mine = set(assign.assigned_ids(project, annotator))
    if mine and any(i in mine for i in queue):
        queue = [i for i in queue if i in mine]
        later = [i for i in queue if i > after]
        return (later or queue)[0]
    later = [i for i in ids if i > after and i in pending]
    if later:
        return later[0]
    earlier = [i for i in ids if i != after and i in pending]
    return earlier[0] if earlier else None
