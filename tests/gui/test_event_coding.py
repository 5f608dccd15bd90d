"""The selected event's date, claims and check warnings in the Events tab; warnings listed
before "done"; a codebook chosen for a new project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import select_text, stored

pytestmark = pytest.mark.gui


def select_event(window, view) -> None:
    trigger = window.session.span(next(e.trigger.id for e in window.session.annotations.events))
    window.gestures.select(trigger)


def test_a_time_argument_dates_the_event_and_the_date_is_corrected_in_the_panel(qtbot, window, view, project_path):
    select_event(window, view)
    panel = window.panels.coding
    assert "no date" in panel.date_label.text()
    assert "an event needs a date" in panel.warnings.text()
    qtbot.keyClick(view, Qt.Key.Key_E)  # on the selected trigger: roles
    select_text(view, "Monday")
    qtbot.keyClick(view, Qt.Key.Key_5)  # TIME
    assert "2025-05-12" in panel.date_label.text() and "“Monday”" in panel.date_label.text()  # published Fri 16 May
    assert "needs a date" not in panel.warnings.text()
    panel.date_edit.setText("2025-05-11")
    qtbot.keyClick(panel.date_edit, Qt.Key.Key_Return)
    assert "set by hand" in panel.date_label.text()
    (event,) = stored(project_path).annotations.events
    assert (event.date.first, str(event.date.origin)) == ("2025-05-11", "manual")


def test_claims_are_listed_added_and_conflicts_marked(qtbot, window, view, project_path):
    select_event(window, view)
    panel = window.panels.coding
    panel.kind.setCurrentText("killed")
    panel.figure.setValue(3)
    panel.counts.setText("civilians")
    panel.claimant.setText("regional governor")
    panel._add_claim()
    panel.figure.setValue(40)
    panel.qualifier.setCurrentText("more than")
    panel.claimant.setText("Kyiv")
    panel._add_claim()
    texts = [panel.claims.item(i).text() for i in range(panel.claims.count())]
    assert texts == ["⚠ killed: 3 civilians — regional governor", "⚠ killed: more than 40 — Kyiv"]
    assert "conflicting figures" in panel.warnings.text()
    panel.claims.setCurrentRow(1)
    panel._remove_claim()
    assert [c.figure for c in stored(project_path).annotations.events[0].claims] == [3]


def test_warnings_are_listed_before_done(qtbot, window, view, project_path, monkeypatch):
    from tests.gui.conftest import answer

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    message = window.statusBar().currentMessage()
    assert "codebook warning(s)" in message and "'shelled': an event needs a date" in message
    assert str(stored(project_path).current.status) == "in_progress"
    assert window.gestures.selected is not None and window.gestures.selected.label == "EXPLOSION_REMOTE"
    answer(qtbot, monkeypatch, "Accept")  # then the suggestions left (test_done_next)
    with qtbot.waitSignal(window.articleOpened, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert str(stored(project_path, article=1).current.status) == "done"


def test_typing_the_publication_date(qtbot, window, view, project_path):
    select_event(window, view)
    qtbot.keyClick(view, Qt.Key.Key_E)
    select_text(view, "Monday")
    qtbot.keyClick(view, Qt.Key.Key_5)
    panel = window.panels.coding
    panel.published.setText("2025-05-21")
    qtbot.keyClick(panel.published, Qt.Key.Key_Return)
    assert stored(project_path).current.article.published == "2025-05-21"
    assert "2025-05-19" in panel.date_label.text()


def test_the_new_project_dialog_makes_a_project_with_the_chosen_codebook(qtbot, window, tmp_path):
    from annotator.ui.new_project_dialog import NewProjectDialog

    dialog = NewProjectDialog(tmp_path, window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "acled.db"))
    dialog.choice.setCurrentIndex(dialog.choice.findData("acled"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.scheme.name == "acled"
    assert window.open_project(dialog.chosen_path(), dialog.scheme)
    assert window.project.scheme.name == "acled"
    assert set(window.gestures.event_keys.values()) == set(window.project.scheme.event_types)
    again = NewProjectDialog(tmp_path, window)
    qtbot.addWidget(again)
    again.path.setText(str(tmp_path / "acled.db"))
    again.accept()
    assert "already exists" in again.problem.text() and again.scheme is None


def test_the_cheat_sheet_shows_the_projects_codebook():
    from annotator.core.scheme import LabelScheme
    from annotator.ui.cheat_sheet import cheat_sheet_text

    text = cheat_sheet_text(LabelScheme.bundled("ucdp"))
    assert "CODEBOOK: UCDP-GED" in text and "S    STATE_BASED" in text
    assert "UCDP-GED records only events with at least one death" in text
