"""A accept, X reject, Space accept-and-next, Tab / Shift+Tab, Ctrl+Shift+A accept all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from tests.gui.conftest import find, painted, stored_spans

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def key(span):
    return (span.start, span.end, span.label)


def test_suggested_accepted_rejected_look_different(qtbot, view):
    kharkiv, monday = find(view, "Kharkiv"), find(view, "Monday")
    suggested = painted(view, kharkiv.start)
    assert suggested.background().color().alpha() < 255
    assert suggested.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
    view.select_span(kharkiv)
    qtbot.keyClick(view, Qt.Key.Key_A)
    accepted = painted(view, kharkiv.start)
    assert accepted.background().color().alpha() == 255
    assert accepted.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    view.select_span(find(view, "Monday"))
    qtbot.keyClick(view, Qt.Key.Key_X)
    rejected = painted(view, monday.start)
    assert rejected.fontStrikeOut() and rejected.background().style() == Qt.BrushStyle.NoBrush


def test_a_accepts_and_undo_redo(qtbot, view, project_path):
    span = find(view, "Kharkiv")
    view.select_span(span)
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert stored_spans(project_path)[key(span)] == "accepted"
    assert view.selected.status == "accepted"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(project_path)[key(span)] == "suggested"
    assert find(view, "Kharkiv").status == "suggested"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored_spans(project_path)[key(span)] == "accepted"


def test_x_rejects_and_undo(qtbot, view, project_path):
    span = find(view, "Monday")
    view.select_span(span)
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert stored_spans(project_path)[key(span)] == "rejected"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(project_path)[key(span)] == "suggested"
    assert painted(view, span.start).background().color().alpha() < 255


def test_tab_and_shift_tab_walk_the_suggestions_in_reading_order(qtbot, view):
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    first = view.selected
    # "Russian forces" (an ACTOR argument) is decided with its event, so Tab starts at "shelled"
    assert first is not None and view.text[first.start : first.end] == "shelled"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    second = view.selected
    assert second.start > first.start
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    assert view.selected.id == first.id
    assert view.extraSelections()  # the selection is drawn


def test_space_accepts_and_moves_to_the_next_suggestion(qtbot, view, project_path):
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    first = view.selected
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert stored_spans(project_path)[key(first)] == "accepted"
    assert view.selected is not None and view.selected.start > first.start
    assert view.selected.status == "suggested"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(project_path)[key(first)] == "suggested"


def test_accept_all_is_one_undo_step(qtbot, window, view, project_path):
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    assert set(stored_spans(project_path).values()) == {"accepted"}
    assert window.undo_action.text().startswith("Undo accept all (8)")
    assert all(s.status == "accepted" for s in view.index.spans)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert set(stored_spans(project_path).values()) == {"suggested"}
    assert not window.undo_action.isEnabled() and window.redo_action.text().startswith("Redo accept all (8)")
