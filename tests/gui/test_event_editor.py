"""The selected event has a readable editor (type, sub-type, flags, arguments) that the
keyboard reaches: F2 from the text, Tab between fields, Delete on an argument, Esc back
(issue 10, item 10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import find, stored

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_editor_shows_every_argument_in_full(qtbot, window, view):
    window.gestures.select(find(view, "shelled"))
    editor = window.panels.editor
    assert [editor.arguments.item(i).text() for i in range(editor.arguments.count())] == [
        "ACTOR: Russian forces",
        "LOCATION: Kharkiv",
    ]
    assert "shelled" in editor.heading.text() and editor.type.currentData() == "EXPLOSION_REMOTE"


def test_f2_then_keys_set_sub_type_flags_and_remove_an_argument(qtbot, window, view, project_path):
    window.gestures.select(find(view, "shelled"))
    editor = window.panels.editor
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is editor.type and window.panels.currentIndex() == 2
    qtbot.keyClick(editor.type, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.sub_type
    qtbot.keyClick(editor.sub_type, Qt.Key.Key_Down)  # the first sub-type, saved at once
    assert stored(project_path).annotations.events[0].sub_type == "Chemical weapon"
    qtbot.keyClick(editor.sub_type, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.flags["negated"]
    qtbot.keyClick(editor.flags["negated"], Qt.Key.Key_Space)
    assert stored(project_path).annotations.events[0].negated
    editor.arguments.setFocus()
    editor.arguments.setCurrentRow(0)
    qtbot.keyClick(editor.arguments, Qt.Key.Key_Delete)
    assert [a.role for a in stored(project_path).annotations.events[0].arguments] == ["LOCATION"]
    assert "Russian forces" not in [view.text[s.start : s.end] for s in stored(project_path).annotations.spans]
    qtbot.keyClick(editor.arguments, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert [a.role for a in stored(project_path).annotations.events[0].arguments] == ["ACTOR", "LOCATION"]


def test_changing_the_type_in_the_editor_relabels_the_trigger(qtbot, window, view, project_path):
    window.gestures.select(find(view, "shelled"))
    editor = window.panels.editor
    editor.type.setFocus()
    index = editor.type.findData("BATTLE")
    editor.type.setCurrentIndex(index)
    editor.type.activated.emit(index)
    event = stored(project_path).annotations.events[0]
    assert event.event_type == "BATTLE" and event.trigger.label == "BATTLE"


def test_the_editor_sits_above_the_list_and_inside_the_window(qtbot, window, view):
    window.gestures.select(find(view, "shelled"))
    window.panels.setCurrentIndex(2)
    editor = window.panels.editor
    top_left = editor.sub_type.mapTo(window, editor.sub_type.rect().bottomRight())
    assert (
        editor.sub_type.y()
        < window.panels.event_table.mapTo(editor.parentWidget(), window.panels.event_table.rect().topLeft()).y()
    )
    assert window.rect().contains(top_left)
