"""Undo as the session has it: the Edit menu names the step, a failed undo is reported and
leaves the step where it was, and an article whose history holds an unreadable row opens
with the row reported (docs/adr/0003)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from tests.gui.conftest import TEXT, at, find, stored_spans

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def menu_texts(window) -> tuple[str | None, str | None]:
    """Undo and Redo as the Edit menu shows them (None: disabled)."""
    return tuple(
        a.text().split("\t")[0] if a.isEnabled() else None  # type: ignore[return-value]
        for a in (window.undo_action, window.redo_action)
    )


def accept(qtbot, view, word: str) -> None:
    view.select_span(find(view, word))
    qtbot.keyClick(view, Qt.Key.Key_A)


def other_window(path, word: str | None = None) -> tuple[AnnotationSession, object]:
    """A second session of alice's on the same file (another window or process)."""
    session = AnnotationSession(Project.open(path), "alice")
    session.open(1)
    span = next(s for s in session.annotations.spans if (s.start, s.end) == at(word)) if word else None
    return session, span


def test_the_edit_menu_names_the_step_to_undo_and_to_redo(qtbot, window, view):
    assert menu_texts(window) == (None, None)
    accept(qtbot, view, "Kharkiv")
    assert menu_texts(window) == ("Undo accept GPE", None)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert menu_texts(window) == (None, "Redo accept GPE")
    assert window.statusBar().currentMessage() == "undo: accept GPE"
    window.redo_action.trigger()
    assert menu_texts(window) == ("Undo accept GPE", None)
    assert find(view, "Kharkiv").status == "accepted"


def test_a_failed_undo_is_reported_and_nothing_drifts(qtbot, window, view, project_path):
    kharkiv, monday = (TEXT[slice(*at(w))] for w in ("Kharkiv", "Monday"))
    accept(qtbot, view, kharkiv)
    accept(qtbot, view, monday)
    other, span = other_window(project_path, "Monday")
    other.relabel(span, "TIME")  # the span changes under this window
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    message = window.statusBar().currentMessage()
    assert message.startswith("undo failed:") and "DATE span changed since it was shown" in message
    assert menu_texts(window) == ("Undo accept DATE", None), "the step that failed is still the one to undo"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # fails again; must not undo the accept before it
    assert stored_spans(project_path)[(*at("Kharkiv"), "GPE")] == "accepted"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.statusBar().currentMessage() == "nothing to redo"
    other.undo()
    other.project.close()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "undo: accept DATE"
    assert stored_spans(project_path)[(*at("Monday"), "DATE")] == "suggested"
    assert stored_spans(project_path)[(*at("Kharkiv"), "GPE")] == "accepted"
    assert menu_texts(window) == ("Undo accept GPE", "Redo accept DATE")


def test_an_unreadable_history_row_is_reported_and_the_article_opens(qtbot, project_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_NO_DIALOGS", "1")
    from annotator.ui.main_window import MainWindow

    earlier, kharkiv = other_window(project_path, "Kharkiv")
    earlier.accept(kharkiv)
    with earlier.project.db.atomic():
        bad = earlier.project.db.execute(
            "INSERT INTO history (set_id, annotator, at, action, edit) VALUES (?, 'alice', '', '', '{\"kind\": \"acc')",
            [earlier.set_id],
        ).lastrowid
    earlier.accept(next(s for s in earlier.annotations.spans if (s.start, s.end) == at("Monday")))
    earlier.project.close()

    window = MainWindow("alice")
    qtbot.addWidget(window)
    assert window.open_project(project_path)
    message = window.statusBar().currentMessage()
    assert f"1 history row(s) could not be read (history row {bad}: not JSON" in message
    assert find(window.view, "Kharkiv").status == find(window.view, "Monday").status == "accepted"
    assert menu_texts(window) == ("Undo accept DATE", None)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert menu_texts(window) == (None, "Redo accept DATE"), "undo stops at the unreadable row"
    assert find(window.view, "Kharkiv").status == "accepted"
    window.close()
