"""Hints and messages read cleanly: a mode's hint shows once (in the banner above the
text), the role hint lists only the event type's roles, "saved" stays after S or C, the
cheat sheet never wraps, every character shown exists in the font, and the dark theme's
suggestions stand out from the page (issue 10, item 12)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics

from annotator.ui.cheat_sheet import CheatSheet
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.theme import dark_palette
from tests.gui.conftest import find, select_text

pytestmark = pytest.mark.gui


def test_a_mode_hint_shows_once_and_lists_only_the_roles_of_the_type(qtbot, window, view):
    select_text(view, "agreed")
    qtbot.keyClick(view, Qt.Key.Key_E)
    banner = window.pane.banner
    assert banner.isVisible() and banner.text().startswith("EVENT TYPE")
    assert "EVENT TYPE" not in window.statusBar().currentMessage()
    assert all("EVENT TYPE" not in w.text() for w in window.statusBar().findChildren(type(banner)))
    qtbot.keyClick(view, Qt.Key.Key_A)  # ACCUSE: ACTOR, TARGET, LOCATION, TIME
    assert banner.text().startswith("ACCUSE ROLES")
    assert "1 ACTOR, 2 TARGET, 4 LOCATION, 5 TIME ·" in banner.text()
    assert "FATALITIES" not in banner.text()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not banner.isVisible()


def test_saved_stays_in_the_status_bar_after_s(qtbot, window, view):
    select_text(view, "Istanbul")
    qtbot.keyClick(view, Qt.Key.Key_Q)  # a quote on "Istanbul", then its speaker
    select_text(view, "Vladimir Medinsky")
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert window.statusBar().currentMessage().startswith("saved: link speaker")
    assert window.selection_label.text().startswith("QUOTE")


def test_the_cheat_sheet_fits_without_wrapping(qtbot, window):
    sheet = CheatSheet(window.project.scheme, window)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    assert sheet.text.lineWrapMode() == sheet.text.LineWrapMode.NoWrap
    assert sheet.text.horizontalScrollBar().maximum() == 0, "every line is visible whole"
    assert "Shift+Enter" in sheet.text.toPlainText()


def test_every_article_done_message_is_in_the_font(qtbot, window, view):
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the codebook's warnings first
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)  # the second article has no suggestions
    message = window.statusBar().currentMessage()
    assert message.startswith("Every article is done")
    metrics = QFontMetrics(window.statusBar().font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in message), message


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio."""

    def luminance(c: QColor) -> float:
        def linear(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour: QColor, base: QColor) -> QColor:
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(
            alpha * c + (1 - alpha) * b
            for c, b in zip(
                (colour.redF(), colour.greenF(), colour.blueF()), (base.redF(), base.greenF(), base.blueF())
            )
        )
    )


def test_dark_theme_suggestions_stand_out_and_keep_text_readable(qtbot, window, view):
    palette = dark_palette()
    base, text = palette.color(palette.ColorRole.Base), palette.color(palette.ColorRole.Text)
    highlighter = SpanHighlighter(view.document(), window.project.scheme, dark=True)
    for label in window.project.scheme.entities:
        fill = over(highlighter.format_for(("entity", label, "suggested")).background().color(), base)
        assert (
            abs(fill.lightness() - base.lightness()) >= 18 or abs(fill.hsvSaturation() - base.hsvSaturation()) >= 60
        ), label
        assert contrast(fill, text) >= 4.5, label
    highlighter.setDocument(None)
    assert find(view, "Kharkiv")
