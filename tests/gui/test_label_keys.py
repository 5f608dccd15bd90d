"""Number keys label a selection (snapped to words) and relabel a selected span."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import TEXT, at, find, painted, stored_spans

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_number_key_labels_the_selection_and_undo_redo(qtbot, window, view, project_path):
    start, end = at("Istanbul")
    view.select_range(start + 2, end - 1)  # cuts the word: snapped to it
    qtbot.keyClick(view, Qt.Key.Key_3)  # GPE
    assert view.selected is not None and (view.selected.start, view.selected.end, view.selected.label) == (
        start,
        end,
        "GPE",
    )
    assert painted(view, start).background().color().alpha() == 255  # accepted: full colour
    assert stored_spans(project_path)[(start, end, "GPE")] == "accepted"
    assert "saved" in window.statusBar().currentMessage()

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert (start, end, "GPE") not in stored_spans(project_path)
    assert painted(view, start) is None
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored_spans(project_path)[(start, end, "GPE")] == "accepted"
    assert painted(view, start) is not None


def test_number_key_relabels_the_selected_span(qtbot, view, project_path):
    span = find(view, "Vladimir Medinsky")
    view.select_span(span)
    qtbot.keyClick(view, Qt.Key.Key_2)  # ORG
    assert stored_spans(project_path)[(span.start, span.end, "ORG")] == "accepted"
    assert view.selected.label == "ORG"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(project_path)[(span.start, span.end, "PERSON")] == "suggested"
    assert find(view, "Vladimir Medinsky").label == "PERSON"


def test_a_selection_of_only_spaces_is_refused_in_the_status_bar(qtbot, window, view, project_path):
    start = TEXT.index("\n\n")
    view.select_range(start, start + 2)
    before = stored_spans(project_path)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert "not done" in window.statusBar().currentMessage()
    assert stored_spans(project_path) == before
