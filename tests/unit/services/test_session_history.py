"""The session's history as the only undo history: rows it cannot read, rows written
before the edit format had a version, and undo steps that fail (docs/adr/0003)."""

import json
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotations, Span, Status
from annotator.services.project import Project
from annotator.services.session import AnnotationSession, describe_unreadable
from annotator.store import annotations as sets

TEXT = "Russian forces shelled Kharkiv on Monday, killing 3 civilians in Kharkiv oblast."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def suggested(project: Project, article_id: int) -> AnnotationSession:
    """Alice's session on an article with three suggestions."""
    spans = (Span(*at("Russian forces"), "ORG"), Span(*at("Kharkiv"), "GPE"), Span(*at("Monday"), "DATE"))
    sets.store_suggestions(project.db, "m", [(article_id, Annotations(spans))])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    return session


def reopen(path: Path, article_id: int) -> AnnotationSession:
    session = AnnotationSession(Project.open(path), "alice")
    session.open(article_id)
    return session


def statuses(session: AnnotationSession) -> dict[str, str]:
    """What the database holds (not the session's copy in memory)."""
    stored = sets.load_annotations(session.project.db, session.set_id)  # type: ignore[arg-type]
    return {TEXT[s.start : s.end]: str(s.status) for s in stored.spans}


def damage(project: Project, set_id: int, edit: str, reverts: int | None = None) -> int:
    """Append a history row as a damaged file (or a newer annotator) would hold it."""
    with project.db.atomic():
        return project.db.execute(
            "INSERT INTO history (set_id, annotator, at, action, edit, reverts) VALUES (?, 'alice', '2026-01-01', '?', ?, ?)",
            [set_id, edit, reverts],
        ).lastrowid  # type: ignore[return-value]


def span(session: AnnotationSession, word: str) -> Span:
    return next(s for s in session.annotations.spans if (s.start, s.end) == at(word))


def test_an_unreadable_history_row_is_reported_and_the_article_opens_with_every_edit(
    project: Project, article_id: int, suggested: AnnotationSession
) -> None:
    suggested.accept(span(suggested, "Russian forces"))
    bad = damage(project, suggested.set_id, '{"version": 2, "kind": "change_span", "bef')  # type: ignore[arg-type]
    newer = damage(project, suggested.set_id, '{"version": 3, "kind": "split_span"}')  # type: ignore[arg-type]
    suggested.reject(span(suggested, "Monday"))
    suggested.accept(span(suggested, "Kharkiv"))

    again = reopen(project.path, article_id)
    assert [step.history_id for step in again.unreadable] == [bad, newer]
    assert "not JSON" in again.unreadable[0].reason and "version 3" in again.unreadable[1].reason
    note = describe_unreadable(again.unreadable)
    assert note.startswith("2 history row(s) could not be read") and f"history row {bad}" in note
    assert statuses(again) == {"Russian forces": "accepted", "Kharkiv": "accepted", "Monday": "rejected"}
    assert again.undo_text == "accept GPE"
    again.undo()
    again.undo()
    assert statuses(again) == {"Russian forces": "accepted", "Kharkiv": "suggested", "Monday": "suggested"}
    assert not again.can_undo, "undo stops at the unreadable row: the accept before it stays"
    again.redo()
    assert again.redo_text == "accept GPE"


def test_an_unreadable_redo_row_takes_its_place_and_undo_stops_there(
    project: Project, article_id: int, suggested: AnnotationSession
) -> None:
    suggested.accept(span(suggested, "Kharkiv"))
    suggested.accept(span(suggested, "Monday"))
    suggested.undo()
    undo_row = project.db.execute("SELECT max(id) FROM history").fetchone()[0]
    with project.db.atomic():  # the redo of that undo, its row damaged
        project.db.execute("UPDATE spans SET status = 'accepted' WHERE id = ?", [span(suggested, "Monday").id])
        damage(project, suggested.set_id, "null", reverts=undo_row)  # type: ignore[arg-type]
    again = reopen(project.path, article_id)
    assert [step.reason for step in again.unreadable] == ["an edit is a JSON object, not NoneType"]
    assert statuses(again) == {"Russian forces": "suggested", "Kharkiv": "accepted", "Monday": "accepted"}
    assert (again.undo_text, again.redo_text) == (None, None)
    assert not again.can_undo and not again.can_redo


def test_rows_written_before_the_format_had_a_version_undo_and_redo(
    project: Project, article_id: int, suggested: AnnotationSession
) -> None:
    kharkiv = span(suggested, "Kharkiv")
    fields = '"start": 23, "end": 30, "label": "GPE", "layer": "entity", "origin": "model", "id": ' + str(kharkiv.id)
    row = (
        '{"kind": "change_span", "before": {'
        + fields
        + ', "status": "suggested"}, "after": {'
        + fields
        + ', "status": "accepted"}}'
    )
    assert json.loads(row)["before"]["start"] == kharkiv.start
    with project.db.atomic():  # as annotator 0.x wrote an accept
        project.db.execute("UPDATE spans SET status = 'accepted' WHERE id = ?", [kharkiv.id])
        damage(project, suggested.set_id, row)  # type: ignore[arg-type]
    again = reopen(project.path, article_id)
    assert again.unreadable == ()
    assert again.undo_text == "accepted GPE"
    again.undo()
    assert statuses(again)["Kharkiv"] == "suggested"
    again = reopen(project.path, article_id)
    again.redo()
    assert statuses(again)["Kharkiv"] == "accepted"


def test_a_failed_undo_changes_nothing_and_is_still_the_step_to_undo(
    project: Project, article_id: int, suggested: AnnotationSession
) -> None:
    suggested.accept(span(suggested, "Kharkiv"))
    suggested.accept(span(suggested, "Monday"))
    other = reopen(project.path, article_id)  # a second window on the same file
    other.relabel(span(other, "Monday"), "TIME")
    with pytest.raises(AnnotatorError, match="changed since it was shown"):
        suggested.undo()
    assert suggested.undo_text == "accept DATE" and suggested.redo_text is None
    assert statuses(suggested) == {"Russian forces": "suggested", "Kharkiv": "accepted", "Monday": "accepted"}
    with pytest.raises(AnnotatorError):
        suggested.undo()  # still that step, not the accept before it
    assert statuses(suggested)["Kharkiv"] == "accepted"
    other.undo()
    assert suggested.undo() is not None
    assert statuses(suggested) == {"Russian forces": "suggested", "Kharkiv": "accepted", "Monday": "suggested"}
    assert suggested.undo_text == "accept GPE" and suggested.redo_text == "accept DATE"
    assert [s.status for s in suggested.annotations.spans if s.label == "DATE"] == [Status.SUGGESTED]


def test_newer_suggestions_reach_a_set_whose_history_has_an_unreadable_row(
    project: Project, article_id: int, suggested: AnnotationSession
) -> None:
    from annotator.services.session import refresh_all

    suggested.accept(span(suggested, "Kharkiv"))
    damage(project, suggested.set_id, "{}")  # type: ignore[arg-type]
    sets.store_suggestions(project.db, "m2", [(article_id, Annotations((Span(*at("civilians"), "NORP"),)))])
    assert refresh_all(project) == 1
    assert statuses(reopen(project.path, article_id)) == {"Kharkiv": "accepted", "civilians": "suggested"}
