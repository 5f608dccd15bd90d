"""The listing service answers "next not done", progress and status filters with single
queries; these tests hold it to what a full pass over every article would answer."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Article, ArticleStatus
from annotator.core.text import article_uid
from annotator.services import listing
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles
from annotator.store.assignments import assign

STATUSES = ["new", "in_progress", "done", "skipped", None]  # None: never opened
PENDING = {"new", "in_progress", None}


def _project(folder: Path, statuses: list[str | None], mine: set[int], other: set[int]) -> tuple[Project, list[int]]:
    project = Project.open(folder / "p.db")
    texts = [f"Article number {i} about shelling." for i in range(len(statuses))]
    inserted = insert_articles(
        project.db, [Article(article_uid(t), t, f"title {i}") for i, t in enumerate(texts)]
    ).inserted
    ids = [inserted[article_uid(t)] for t in texts]
    with project.db.atomic():
        for article_id, status in zip(ids, statuses):
            if status is not None:
                sets.create_set(project.db, article_id, "alice", status=ArticleStatus(status))
            sets.create_set(project.db, article_id, "bob", status=ArticleStatus.DONE)
    assign(project.db, [(ids[i], "alice") for i in sorted(mine)] + [(ids[i], "bob") for i in sorted(other)])
    return project, ids


def _reference(ids: list[int], statuses: list[str | None], mine: set[int], after: int) -> int | None:
    """The answer of a pass over every article (what the window used to compute)."""
    pending = [i for i, s in zip(ids, statuses) if s in PENDING and i != after]
    assigned = [i for i in pending if ids.index(i) in mine]
    queue = assigned or pending
    later = [i for i in queue if i > after]
    return (later or queue or [None])[0]


@settings(max_examples=40, deadline=None)
@given(
    statuses=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=9),
    mine=st.sets(st.integers(0, 8)),
    other=st.sets(st.integers(0, 8)),
    position=st.integers(0, 8),
)
def test_next_article_matches_a_full_pass(statuses, mine, other, position):
    mine = {i for i in mine if i < len(statuses)}
    other = {i for i in other if i < len(statuses)}
    with tempfile.TemporaryDirectory() as folder:
        project, ids = _project(Path(folder), statuses, mine, other)
        with project:
            after = ids[position % len(ids)]
            assert listing.next_article(project, "alice", after) == _reference(ids, statuses, mine, after)


def test_progress_and_status_filters_count_each_article_once(tmp_path):
    statuses = ["done", None, "skipped", "in_progress", "done", "new"]
    project, ids = _project(tmp_path, statuses, set(), set())
    with project:
        assert listing.progress(project, "alice") == (2, 6)
        assert listing.progress(project, "nobody") == (0, 6)
        by_status = {s: listing.article_ids(project, "alice", s) for s in ("new", "in_progress", "done", "skipped")}
        assert by_status == {
            "new": [ids[1], ids[5]],
            "in_progress": [ids[3]],
            "done": [ids[0], ids[4]],
            "skipped": [ids[2]],
        }
        assert listing.article_ids(project, "alice") == ids
        assert listing.article_ids(project, "alice", sort="status") == [ids[0], ids[4], ids[3], ids[1], ids[5], ids[2]]
        assert listing.article_ids(project, "alice", sort="status", descending=True) == [
            ids[2],
            ids[1],
            ids[5],
            ids[3],
            ids[0],
            ids[4],
        ]
        assert listing.article_ids(project, "alice", sort="title", descending=True) == [
            ids[5],
            ids[4],
            ids[3],
            ids[2],
            ids[1],
            ids[0],
        ]
        assert listing.article_ids(project, "alice", "done", sort="title") == [ids[0], ids[4]]
        assert listing.article_ids(project, "nobody", "new") == ids


def test_next_article_is_none_when_everything_is_done(tmp_path):
    project, ids = _project(tmp_path, ["done", "skipped", "done"], set(), set())
    with project:
        assert listing.next_article(project, "alice", ids[0]) is None


@settings(max_examples=25, deadline=None)
@given(
    statuses=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=9),
    mine=st.sets(st.integers(0, 8)),
    other=st.sets(st.integers(0, 8)),
)
def test_filters_list_what_filtering_the_whole_list_would(statuses, mine, other):
    """The status filter reads one index range and the assignee filter only the assigned
    articles; both must keep the order of the unfiltered list, queue first included."""
    mine = {i for i in mine if i < len(statuses)}
    other = {i for i in other if i < len(statuses)}
    with tempfile.TemporaryDirectory() as folder:
        project, ids = _project(Path(folder), statuses, mine, other)
        with project:
            status_of = {i: s or "new" for i, s in zip(ids, statuses)}
            assigned = {"alice": {ids[i] for i in mine}, "bob": {ids[i] for i in other}}
            for sort, descending in itertools.product(["id", "status", "title"], [False, True]):
                whole = listing.article_ids(project, "alice", sort=sort, descending=descending)
                for status, assignee in itertools.product(
                    ["new", "in_progress", "done", "skipped"], [None, "alice", "bob"]
                ):
                    expected = [
                        i for i in whole if status_of[i] == status and (assignee is None or i in assigned[assignee])
                    ]
                    got = listing.article_ids(
                        project, "alice", status, sort=sort, descending=descending, assignee=assignee
                    )
                    assert got == expected, (status, sort, descending, assignee)
