"""Spans show their label: a tag on the selected span and on the span under the mouse,
tags on every span on request (Ctrl+Shift+L), a legend of colours and keys; an event's
arguments are outlined in their role's colour with the role's tag, never filled like an
entity (issue 10, item 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QTextCursor
from PySide6.QtTest import QTest

from annotator.ui.span_tags import span_rects, tag_font
from annotator.ui.theme import is_dark
from tests.gui.conftest import find, painted

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def badge_colour(view, span) -> QColor:
    """The colour painted where a span's badge goes: just above the span's first line,
    inside the tag's left padding."""
    rect = span_rects(view, view.index, span)[0]
    height = QFontMetricsF(tag_font(view.font())).height() + 1
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    point = QPoint(int((rect.left() + 1.5) * ratio), int((rect.top() - height / 2 + 2) * ratio))
    return image.pixelColor(point)


def close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def test_the_selected_span_carries_its_label(qtbot, window, view):
    monday = find(view, "Monday")
    assert not close(badge_colour(view, monday), view.tags.colours(monday, False)[0])
    window.gestures.select(monday)
    view.repaint()
    assert close(badge_colour(view, monday), view.tags.colours(monday, is_dark(view.palette()))[0])


def test_the_span_under_the_mouse_carries_its_label(qtbot, window, view):
    kharkiv = find(view, "Kharkiv")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.index.to_utf16(kharkiv.start + 2))
    QTest.mouseMove(view.viewport(), view.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: view.hovered is not None and view.hovered.id == kharkiv.id, timeout=2000)
    view.repaint()
    assert close(badge_colour(view, kharkiv), view.tags.colours(kharkiv, False)[0])


def test_ctrl_shift_l_puts_a_tag_after_every_span(qtbot, window, view):
    kharkiv = find(view, "Kharkiv")
    last = painted(view, kharkiv.end - 1)
    assert last.fontLetterSpacing() in (0, 100)  # no room made yet (100: the default percentage)
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL | SHIFT)
    assert window.tags_action.isChecked() and view.tags_on
    widened = painted(view, kharkiv.end - 1)
    width = QFontMetricsF(tag_font(view.font())).horizontalAdvance("GPE")
    assert widened.fontLetterSpacing() > width  # room for the tag "GPE" (and "LOCATION")
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL | SHIFT)
    assert not view.tags_on


def test_arguments_are_outlined_in_role_colours_not_filled_like_entities(qtbot, window, view):
    window.gestures.select(find(view, "shelled"))
    roles = {role for _, role in view.linked}
    assert roles == {"ACTOR", "LOCATION"}
    for extra in view.extraSelections()[:-1]:  # the linked parts; the last is the selection
        assert extra.format.background().style() == Qt.BrushStyle.NoBrush
    scheme = window.project.scheme
    kharkiv = painted(view, find(view, "Kharkiv").start)  # keeps its own GPE colour
    assert kharkiv.background().color().name() == QColor(scheme.entities["GPE"].colour).name()
    forces = painted(view, find(view, "Russian forces").start)  # an argument only: underlined, no fill
    assert forces.background().style() == Qt.BrushStyle.NoBrush
    assert forces.underlineStyle() != forces.UnderlineStyle.NoUnderline
    assert forces.underlineColor().name() == QColor(scheme.roles["ACTOR"].colour).name()


def test_the_legend_shows_every_entity_label_with_its_key(qtbot, window):
    text = window.pane.legend.text()
    for name, label in window.project.scheme.entities.items():
        assert f"{label.key}&nbsp;{name}" in text
    window.legend_action.trigger()
    assert not window.pane.legend.isVisible()


def test_a_rejected_event_does_not_cross_out_its_accepted_arguments(qtbot, window, view):
    window.gestures.select(find(view, "Kharkiv"))
    qtbot.keyClick(view, Qt.Key.Key_A)
    window.gestures.select(find(view, "Russian forces"))  # an argument-only span
    qtbot.keyClick(view, Qt.Key.Key_A)
    window.gestures.select(find(view, "shelled"))
    qtbot.keyClick(view, Qt.Key.Key_X)  # the event goes, with its parts
    assert painted(view, find(view, "shelled").start).fontStrikeOut()
    kharkiv = painted(view, find(view, "Kharkiv").start)
    assert not kharkiv.fontStrikeOut() and kharkiv.background().color().alpha() == 255
    assert not painted(view, find(view, "Russian forces").start).fontStrikeOut()
