"""Shift+arrows resize the selected span by a word; Delete removes it (and what links to it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import TEXT, at, find, painted, stored_spans

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_shift_right_grows_and_shift_left_shrinks_the_end(qtbot, view, project_path):
    span = find(view, "Kharkiv")
    view.select_span(span)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    grown = (span.start, at("on")[1], "GPE")
    assert stored_spans(project_path)[grown] == "accepted"
    assert (view.selected.start, view.selected.end) == grown[:2]
    assert painted(view, at("on")[0]) is not None
    qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)
    assert stored_spans(project_path)[(span.start, span.end, "GPE")] == "accepted"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(project_path)[(span.start, span.end, "GPE")] == "suggested"


def test_ctrl_shift_left_grows_the_start(qtbot, view, project_path):
    span = find(view, "Monday")
    view.select_span(span)
    qtbot.keyClick(view, Qt.Key.Key_Left, CTRL | SHIFT)
    assert stored_spans(project_path)[(at("on Monday")[0], span.end, "DATE")] == "accepted"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(project_path)[(span.start, span.end, "DATE")] == "suggested"


def test_delete_removes_the_span_and_undo_restores_it(qtbot, view, project_path):
    span = find(view, "Kharkiv")
    view.select_span(span)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert (span.start, span.end, "GPE") not in stored_spans(project_path)
    assert view.selected is None
    assert painted(view, span.start) is None
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(project_path)[(span.start, span.end, "GPE")] == "suggested"
    assert painted(view, span.start) is not None
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert (span.start, span.end, "GPE") not in stored_spans(project_path)


def test_delete_on_a_trigger_removes_its_event(qtbot, window, view, project_path):
    view.select_span(find(view, "shelled"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.gestures.session.annotations.events == ()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert len(window.gestures.session.annotations.events) == 1
    assert TEXT  # the text is never changed
