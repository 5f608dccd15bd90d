"""Work packages out and back: pack, annotate in the copy, merge (idempotent, no
duplicates, history kept, conflicts resolved by the later change and reported).

Property: random edits in two copies of a work package, merged back in any order and
twice, equal the edits applied to one file; no history row of either copy is lost.
Where both copies changed the same article (a conflict), the one changed later wins, as
`merge` promises; the reference file gets that copy's edits of that article."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, ProjectError, SchemaVersionError, ValidationError
from annotator.core.model import Annotations, Article, ArticleStatus, Span, Status
from annotator.core.scheme import LabelScheme
from annotator.core.set_diff import canonical, content_hash, fingerprint
from annotator.core.text import article_uid
from annotator.services.assign import assign_articles
from annotator.services.merge import merge_packages
from annotator.services.packages import describe_package, pack
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles

TEXTS = [
    "Russian forces shelled Kharkiv on Monday, killing 3 civilians.",
    "Protesters gathered in Tbilisi on Sunday. Police arrested 20 people.",
    "Ukraine and Russia agreed to exchange 1,000 prisoners in Istanbul.",
    "Rebels attacked a convoy near Goma on Friday, the army said.",
]


def word(text: str, w: str) -> tuple[int, int]:
    start = text.index(w)
    return start, start + len(w)


def suggestions_for(text: str) -> Annotations:
    spans = []
    for w, label in (
        ("Kharkiv", "GPE"),
        ("Tbilisi", "GPE"),
        ("Istanbul", "GPE"),
        ("Goma", "GPE"),
        ("Monday", "DATE"),
        ("Sunday", "DATE"),
        ("Friday", "DATE"),
        ("Russia", "GPE"),
    ):
        if w in text:
            spans.append(Span(*word(text, w), label))
    return Annotations(tuple(spans))


def make_project(path: Path) -> Project:
    project = Project.open(path)
    ids = insert_articles(
        project.db, [Article(article_uid(t), t, f"article {i}") for i, t in enumerate(TEXTS)]
    ).inserted
    sets.store_suggestions(project.db, "test-model", [(ids[article_uid(t)], suggestions_for(t)) for t in TEXTS])
    return project


def content(project: Project, annotator: str) -> dict[str, tuple]:
    """uid -> canonical content of the annotator's set: what must be equal across files."""
    found = {}
    for info in sets.sets_for_annotator(project.db, annotator):
        uid = project.article(info.article_id).uid
        found[uid] = canonical(sets.load_annotations(project.db, info.id), info.status)
    return found


def history_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT COUNT(*) FROM history").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def main(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "main.db")
    assign_articles(project, ["alice", "bob"], overlap=0.5, seed=1)
    yield project
    project.close()


def annotate(path: Path, annotator: str, steps) -> None:
    with Project.open(path) as project:
        session = AnnotationSession(project, annotator)
        for article_id, gesture in steps:
            session.open(article_id)
            gesture(session)


def accept_first(session: AnnotationSession) -> None:
    session.accept(session.suggestions()[0])


def mark_done(session: AnnotationSession) -> None:
    session.set_status(ArticleStatus.DONE)


def test_pack_holds_the_annotators_articles_suggestions_and_scheme(main: Project, tmp_path: Path) -> None:
    report = pack(main, tmp_path / "alice.db", "alice")
    mine = {
        a
        for (a,) in main.db.execute(
            "SELECT article_id FROM assignments s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = 'alice'"
        )
    }
    assert report.articles == len(mine) > 0
    with Project.open(tmp_path / "alice.db", create=False) as package:
        assert set(package.article_ids()) == mine
        assert describe_package(package)["package_annotator"] == "alice"
        assert package.scheme.source == main.scheme.source
        for article_id in mine:
            assert package.suggestions(article_id) == main.suggestions(article_id)
            assert package.tokens(article_id) == main.tokens(article_id)


def test_pack_refuses_to_overwrite_and_an_unknown_annotator(main: Project, tmp_path: Path) -> None:
    (tmp_path / "taken.db").write_text("x")
    with pytest.raises(ValidationError, match="never written over"):
        pack(main, tmp_path / "taken.db", "alice")
    with pytest.raises(ValidationError, match="carol"):
        pack(main, tmp_path / "carol.db", "carol")
    assert not (tmp_path / "carol.db").exists()


def test_merge_brings_work_back_once_and_keeps_history(main: Project, tmp_path: Path) -> None:
    pack(main, tmp_path / "alice.db", "alice")
    with Project.open(tmp_path / "alice.db") as package:
        ids = package.article_ids()
    annotate(tmp_path / "alice.db", "alice", [(ids[0], accept_first), (ids[0], mark_done), (ids[1], accept_first)])
    first = merge_packages(main, [tmp_path / "alice.db"])
    assert first.sets_added == 2 and first.records == 3 and not first.conflicts
    with Project.open(tmp_path / "alice.db") as package:
        assert content(main, "alice") == content(package, "alice")
    articles, rows = main.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0], history_count(main.path)
    again = merge_packages(main, [tmp_path / "alice.db", tmp_path / "alice.db"])
    assert again.sets_added == again.sets_taken == again.records == 0
    assert main.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == articles
    assert history_count(main.path) == rows


def test_a_span_added_twice_merges_twice_without_a_false_conflict(main: Project, tmp_path: Path) -> None:
    pack(main, tmp_path / "alice.db", "alice")
    with Project.open(tmp_path / "alice.db") as package:
        ids = package.article_ids()

    def twice(session: AnnotationSession) -> None:  # as older versions allowed: a gesture now refuses the twin
        from annotator.core import edits

        for _ in range(2):
            session.apply(edits.AddSpan(edits.manual_span(0, 7, "NORP")))

    annotate(tmp_path / "alice.db", "alice", [(ids[0], twice)])
    assert merge_packages(main, [tmp_path / "alice.db"]).sets_added == 1
    again = merge_packages(main, [tmp_path / "alice.db"])
    assert not again.conflicts and again.sets_taken == 0 and again.unchanged == 1


def test_work_continued_in_the_package_fast_forwards_and_undo_works_here(main: Project, tmp_path: Path) -> None:
    pack(main, tmp_path / "alice.db", "alice")
    with Project.open(tmp_path / "alice.db") as package:
        ids = package.article_ids()
    annotate(tmp_path / "alice.db", "alice", [(ids[0], accept_first)])
    merge_packages(main, [tmp_path / "alice.db"])
    annotate(tmp_path / "alice.db", "alice", [(ids[0], mark_done)])
    report = merge_packages(main, [tmp_path / "alice.db"])
    assert report.sets_taken == 1 and not report.conflicts
    session = AnnotationSession(main, "alice")
    opened = session.open(ids[0])
    assert opened.status == ArticleStatus.DONE
    assert session.undo() is not None  # the merge edit is one undoable step
    assert session.current.status == ArticleStatus.IN_PROGRESS


def test_a_package_of_new_articles_adds_them_without_duplicates(tmp_path: Path) -> None:
    with make_project(tmp_path / "other.db") as other:
        extra = "Talks on a ceasefire resumed in Doha on Tuesday."
        insert_articles(other.db, [Article(article_uid(extra), extra, "extra")])
        assign_articles(other, ["alice"], overlap=0)
        pack(other, tmp_path / "alice.db", "alice")
    with make_project(tmp_path / "main.db") as main:
        report = merge_packages(main, [tmp_path / "alice.db"])
        assert report.articles_added == 1
        assert main.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(TEXTS) + 1
        assert main.db.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] == len(TEXTS) + 1


def test_the_same_annotators_conflicting_edits_keep_the_later_and_are_reported(main: Project, tmp_path: Path) -> None:
    pack(main, tmp_path / "alice.db", "alice")
    shutil.copy(tmp_path / "alice.db", tmp_path / "alice-laptop.db")
    with Project.open(tmp_path / "alice.db") as package:
        target = package.article_ids()[0]

    def reject_first(session: AnnotationSession) -> None:
        session.reject(session.suggestions()[0])

    annotate(tmp_path / "alice.db", "alice", [(target, accept_first)])
    annotate(tmp_path / "alice-laptop.db", "alice", [(target, reject_first)])  # later
    with Project.open(tmp_path / "alice-laptop.db") as laptop:
        later = content(laptop, "alice")
    for order in (
        [tmp_path / "alice.db", tmp_path / "alice-laptop.db"],
        [tmp_path / "alice-laptop.db", tmp_path / "alice.db"],
    ):
        with make_project(tmp_path / f"m{len(str(order[0]))}.db") as fresh:
            report = merge_packages(fresh, order)
            assert len(report.conflicts) == 1 and "changed both here" in report.conflicts[0]
            assert content(fresh, "alice") == later
            statuses = {r[0] for r in fresh.db.execute("SELECT action FROM history WHERE kind = 'record'")}
            assert {"accept GPE", "reject GPE"} <= statuses  # the losing edit is kept for the record


def test_another_scheme_version_and_a_newer_schema_are_refused(main: Project, tmp_path: Path) -> None:
    scheme = LabelScheme.default()
    other = LabelScheme.from_toml(
        scheme.source.replace(f"version = {scheme.version}", f"version = {scheme.version + 1}", 1)
    )
    assert other.version == scheme.version + 1
    with Project.open(tmp_path / "other.db", scheme=other):
        pass
    with pytest.raises(ProjectError, match="label scheme .* version"):
        merge_packages(main, [tmp_path / "other.db"])
    newer = tmp_path / "newer.db"
    with Project.open(newer):
        pass
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    with pytest.raises(SchemaVersionError, match="newer annotator"):
        merge_packages(main, [newer])
    with pytest.raises(ProjectError, match="itself"):
        merge_packages(main, [main.path])


# Property ------------------------------------------------------------------------------

OPS = ("accept", "reject", "add", "relabel", "remove", "undo", "redo", "done")
steps = st.lists(
    st.tuples(st.integers(0, 1), st.integers(0, 3), st.sampled_from(OPS), st.integers(0, 40)),
    min_size=1,
    max_size=14,
)


def gesture(session: AnnotationSession, op: str, n: int) -> None:
    live = [s for s in session.annotations.spans if s.status != Status.REJECTED]
    try:
        if op == "accept" and session.suggestions():
            session.accept(session.suggestions()[n % len(session.suggestions())])
        elif op == "reject" and session.suggestions():
            session.reject(session.suggestions()[n % len(session.suggestions())])
        elif op == "add":
            token = session.tokens.tokens[n % len(session.tokens.tokens)]
            session.add_span(*token, ("PERSON", "ORG", "GPE")[n % 3])
        elif op == "relabel" and live:
            session.relabel(live[n % len(live)], ("PERSON", "ORG", "NORP")[n % 3])
        elif op == "remove" and live:
            session.remove(live[n % len(live)])
        elif op == "undo":
            session.undo()
        elif op == "redo":
            session.redo()
        elif op == "done":
            session.set_status(ArticleStatus.DONE if n % 2 else ArticleStatus.IN_PROGRESS)
    except AnnotatorError:
        pass


def run(path: Path, plan: list[tuple[int, str, int]]) -> None:
    with Project.open(path) as project:
        session = AnnotationSession(project, "alice")
        for article_id, op, n in plan:
            session.open(article_id)
            gesture(session, op, n)


def prints(project: Project) -> dict[str, set[str]]:
    found = {}
    for info in sets.sets_for_annotator(project.db, "alice"):
        rows = project.db.execute(
            "SELECT annotator, at, action, edit FROM history WHERE set_id = ? AND kind != 'merge'", [info.id]
        )
        found[project.article(info.article_id).uid] = {fingerprint(*row) for row in rows}
    return found


def winner(copies: list[Project], uid: str) -> int | None:
    """Which copy's version of an article `merge` must keep: the only one that changed it,
    else the later change (ties by content hash, as merge breaks them)."""
    candidates = []
    for index, project in enumerate(copies):
        article_id = next((a for a in project.article_ids() if project.article(a).uid == uid), None)
        info = sets.find_set(project.db, article_id, "alice") if article_id else None
        if info is not None:
            changed = bool(prints(project).get(uid))
            ann = sets.load_annotations(project.db, info.id)
            candidates.append((changed, info.updated_at, content_hash(ann, info.status), index))
    if not candidates:
        return None
    if any(c[0] for c in candidates):
        candidates = [c for c in candidates if c[0]]
    return max(candidates)[3]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=steps)
@example(plan=[(0, 2, "add", 2)])  # adding a span where the same suggestion lies (once lost a span)
@example(plan=[(0, 2, "add", 35)])
def test_two_copies_merged_in_any_order_and_twice_equal_one_file(tmp_path_factory, plan) -> None:
    folder = tmp_path_factory.mktemp("merge")
    with make_project(folder / "main.db") as main:
        assign_articles(main, ["alice"], overlap=0)
        pack(main, folder / "alice.db", "alice")
        ids = main.article_ids()
    for name in ("copy0.db", "copy1.db", "reference.db"):
        shutil.copy(folder / "alice.db", folder / name)
    for copy in (0, 1):
        run(folder / f"copy{copy}.db", [(ids[a], op, n) for c, a, op, n in plan if c == copy])

    copies = [Project.open(folder / f"copy{c}.db") for c in (0, 1)]
    try:
        uids = {c.article(a).uid: a for c in copies for a in c.article_ids()}
        chosen = {uid: winner(copies, uid) for uid in uids}
        expected_prints = [prints(c) for c in copies]
    finally:
        for c in copies:
            c.close()
    reference_plan = []
    for c, a, op, n in plan:
        uid_by_id = {v: k for k, v in uids.items()}
        if chosen.get(uid_by_id[ids[a]]) == c:
            reference_plan.append((ids[a], op, n))
    for uid, article_id in uids.items():
        if chosen[uid] is not None:
            reference_plan.insert(0, (article_id, "open", 0))  # a copy that only opened it
    run(folder / "reference.db", reference_plan)
    with Project.open(folder / "reference.db") as reference:
        expected = content(reference, "alice")

    orders = {
        "ab": ["copy0.db", "copy1.db"],
        "ba": ["copy1.db", "copy0.db"],
        "abab": ["copy0.db", "copy1.db", "copy0.db", "copy1.db"],
    }
    for label, order in orders.items():
        shutil.copy(folder / "main.db", folder / f"main-{label}.db")
        with Project.open(folder / f"main-{label}.db") as merged:
            merge_packages(merged, [folder / name for name in order])
            assert content(merged, "alice") == expected, label
            kept = prints(merged)
            for copy_prints in expected_prints:
                for uid, rows in copy_prints.items():
                    assert rows <= kept.get(uid, set()), f"{label}: history lost"
