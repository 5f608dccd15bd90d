"""Q makes the selection a quote; then S marks its speaker and C its cue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import at, find, painted, select_text, stored

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_q_then_s_and_c(qtbot, window, view, project_path):
    content = select_text(view, "killing 3 civilians")
    qtbot.keyClick(view, Qt.Key.Key_Q)
    assert window.gestures.mode == "quote"
    assert painted(view, content[0]).fontUnderline()  # quotes are underlined
    select_text(view, "Russian forces")
    qtbot.keyClick(view, Qt.Key.Key_S)
    select_text(view, "shelled")
    qtbot.keyClick(view, Qt.Key.Key_C)
    quote = next(q for q in stored(project_path).annotations.quotes if (q.content.start, q.content.end) == content)
    assert (quote.speaker.start, quote.speaker.end) == at("Russian forces")
    assert (quote.cue.start, quote.cue.end) == at("shelled")
    assert {role for _, role in view.linked} == {"SPEAKER", "CUE"}  # marked when selected
    assert window.panels.quotes.rowCount() == 2

    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert not any((q.content.start, q.content.end) == content for q in stored(project_path).annotations.quotes)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert any((q.content.start, q.content.end) == content for q in stored(project_path).annotations.quotes)


def test_selecting_a_suggested_quote_marks_its_speaker_and_cue(qtbot, window, view):
    window.gestures.select(find(view, "We are ready to continue contacts"))
    assert {role for _, role in view.linked} == {"SPEAKER", "CUE"}
    assert len(view.extraSelections()) == 3


def test_quotes_panel_changes_the_kind_and_undo_restores_it(qtbot, window, view, project_path):
    window.gestures.select(find(view, "We are ready to continue contacts"))
    panels = window.panels
    assert panels.quote_kind.isEnabled() and panels.quote_kind.currentText() == "direct"
    panels.quote_kind.setCurrentIndex(1)
    panels._quote_kind_chosen(1)
    assert str(stored(project_path).annotations.quotes[0].kind) == "indirect"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert str(stored(project_path).annotations.quotes[0].kind) == "direct"
    assert panels.quote_kind.currentText() == "direct"
