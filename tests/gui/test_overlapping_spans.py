"""Where spans overlap, a repeated click (or O) walks through every span on those words
instead of always picking one layer (issue 10, item 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.gui.conftest import at, select_text

pytestmark = pytest.mark.gui


def click_at(qtbot, view, offset: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.index.to_utf16(offset))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())


def _russian_overlaps(qtbot, view) -> int:
    """A NORP entity "Russian" inside the ACTOR argument "Russian forces"."""
    select_text(view, "Russian")
    qtbot.keyClick(view, Qt.Key.Key_5)
    view.clear_text_selection()
    return at("Russian")[0] + 2


def test_repeated_clicks_cycle_through_the_spans_under_the_mouse(qtbot, window, view):
    where = _russian_overlaps(qtbot, view)
    window.gestures.select(None)
    seen = []
    for _ in range(3):
        click_at(qtbot, view, where)
        seen.append((view.text[view.selected.start : view.selected.end], view.selected.label))
    assert seen == [("Russian", "NORP"), ("Russian forces", "ACTOR"), ("Russian", "NORP")]
    assert "O: 1 more here" in window.selection_label.text()


def test_o_cycles_from_the_keyboard(qtbot, window, view):
    _russian_overlaps(qtbot, view)
    assert view.selected.label == "NORP"
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert view.selected.label == "ACTOR"
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert view.selected.label == "NORP"
