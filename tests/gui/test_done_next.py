"""Enter marks the article done and opens the next; with suggestions still undecided it
asks first: accept the rest, leave them out, or cancel. Shift+Enter skips the article
(issue 10, item 5). The list's progress follows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.services.exporting import export_project
from annotator.services.project import Project
from tests.gui.conftest import answer, stored, stored_spans

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def past_the_codebook(qtbot, window, view) -> None:
    """The first Enter lists the codebook's warnings (see test_event_coding); then on."""
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert "Enter again marks the article done" in window.statusBar().currentMessage()


def test_enter_with_suggestions_left_asks_and_leave_them_out_rejects_them(
    qtbot, window, view, project_path, monkeypatch
):
    asked = answer(qtbot, monkeypatch, "Leave")
    past_the_codebook(qtbot, window, view)
    with qtbot.waitSignal(window.articleOpened, timeout=2000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert "6 suggestion(s) are still undecided" in asked[0]
    assert opened.args == [2]
    assert str(stored(project_path, article=1).current.status) == "done"
    assert set(stored_spans(project_path).values()) == {"rejected"}
    qtbot.waitUntil(lambda: window.list_panel.progress.text().startswith("1 of 2"), timeout=2000)
    window.open_article(1)  # one step: Ctrl+Z brings back "in progress" and every suggestion
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert str(stored(project_path, article=1).current.status) == "in_progress"
    assert set(stored_spans(project_path).values()) == {"suggested"}


def test_accept_the_rest_exports_the_article_with_its_entities(qtbot, window, view, project_path, monkeypatch):
    answer(qtbot, monkeypatch, "Accept")
    past_the_codebook(qtbot, window, view)
    with qtbot.waitSignal(window.articleOpened, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert set(stored_spans(project_path).values()) == {"accepted"}
    with Project.open(project_path) as project:
        report = export_project(project, project_path.parent / "out.jsonl", "jsonl", "alice", "done")
    assert report.articles == 1 and report.spans["entity"] == 4


def test_cancel_leaves_the_article_as_it_was(qtbot, window, view, project_path, monkeypatch):
    answer(qtbot, monkeypatch, "Cancel")
    past_the_codebook(qtbot, window, view)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert str(stored(project_path, article=1).current.status) == "in_progress"
    assert window.session.current.article.id == 1
    assert "not marked done" in window.statusBar().currentMessage()


def test_enter_with_everything_decided_asks_nothing(qtbot, window, view, project_path):
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    past_the_codebook(qtbot, window, view)
    with qtbot.waitSignal(window.articleOpened, timeout=2000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)  # ANNOTATOR_NO_DIALOGS would cancel a question
    assert opened.args == [2]
    assert str(stored(project_path, article=1).current.status) == "done"


def test_shift_enter_skips_and_the_skipped_filter_lists_it(qtbot, window, view, project_path):
    with qtbot.waitSignal(window.articleOpened, timeout=2000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return, SHIFT)
    assert opened.args == [2]
    assert str(stored(project_path, article=1).current.status) == "skipped"
    assert set(stored_spans(project_path).values()) == {"suggested"}, "nothing decided by skipping"
    panel = window.list_panel
    panel.filter.setCurrentIndex(panel.filter.findData("skipped"))
    assert window.list_model.ids == [1]
