"""E makes the selection an event trigger, a type key picks its type, role keys add arguments."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from tests.gui.conftest import at, find, painted, select_text, stored

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_e_type_and_role_keys(qtbot, window, view, project_path):
    trigger = select_text(view, "agreed")
    qtbot.keyClick(view, Qt.Key.Key_E)
    assert window.gestures.mode == "event-type"
    qtbot.keyClick(view, Qt.Key.Key_G)  # AGREE
    assert window.gestures.mode == "role"
    fmt = painted(view, trigger[0])
    assert fmt.fontWeight() == QFont.Weight.Bold and fmt.fontOverline()  # boxed trigger
    select_text(view, "Ukraine")
    qtbot.keyClick(view, Qt.Key.Key_1)  # ACTOR
    select_text(view, "Russia", nth=1)
    qtbot.keyClick(view, Qt.Key.Key_2)  # TARGET
    event = next(e for e in stored(project_path).annotations.events if (e.trigger.start, e.trigger.end) == trigger)
    assert event.event_type == "AGREE"
    assert {(a.role, a.span.start) for a in event.arguments} == {
        ("ACTOR", at("Ukraine")[0]),
        ("TARGET", at("Russia", nth=1)[0]),
    }
    assert {role for _, role in view.linked} == {"ACTOR", "TARGET"}
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.gestures.mode == ""

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    event = next(e for e in stored(project_path).annotations.events if e.trigger.start == trigger[0])
    assert [a.role for a in event.arguments] == ["ACTOR"]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    event = next(e for e in stored(project_path).annotations.events if e.trigger.start == trigger[0])
    assert len(event.arguments) == 2


def test_selecting_a_trigger_marks_its_arguments_and_e_adds_more(qtbot, window, view, project_path):
    window.gestures.select(find(view, "shelled"))
    assert {role for _, role in view.linked} == {"ACTOR", "LOCATION"}
    qtbot.keyClick(view, Qt.Key.Key_E)
    assert window.gestures.mode == "role"
    select_text(view, "Monday")
    qtbot.keyClick(view, Qt.Key.Key_5)  # TIME
    event = stored(project_path).annotations.events[0]
    assert "TIME" in {a.role for a in event.arguments}
