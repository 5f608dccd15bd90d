"""Light, dark or the desktop's own palette, and the colours highlights use on each."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from annotator.core.model import Layer, Span
from annotator.core.scheme import LabelScheme

THEMES = ("system", "light", "dark")


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, theme: str) -> None:
    """Set the palette: 'system' follows the desktop (Qt's colour scheme), 'dark' forces ours."""
    app.setStyle("Fusion")
    hints = app.styleHints()
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setPalette(app.style().standardPalette())
    else:
        scheme = hints.colorScheme()
        app.setPalette(dark_palette() if scheme == Qt.ColorScheme.Dark else app.style().standardPalette())


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#dfe1e5")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#26282b"))
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, window)
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, window)
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.Highlight, QColor("#3d6fb4"))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.Link, QColor("#6aa7ff"))
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#8c8f94"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#7a7d82"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#7a7d82"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#7a7d82"))
    return p


def label_background(colour: str, dark: bool, strength: float = 1.0) -> QColor:
    """A scheme colour as a highlight that keeps text readable on this palette.

    Light: the pale colour itself, fainter for suggestions. Dark: the same hue made deep
    enough for light text; suggestions stay clearly coloured (not merely dimmed)."""
    c = QColor(colour)
    if dark:
        c = c.darker(190 if strength >= 1.0 else 260)
        c.setAlphaF(1.0)
        return c
    c.setAlphaF(max(0.0, min(1.0, strength)))
    return c


def role_colour(scheme: LabelScheme, role: str) -> str:
    """An argument role's own colour (roles share names with entities, e.g. TIME)."""
    base = role.rstrip("0123456789")
    label = scheme.roles.get(base)
    return label.colour if label is not None else scheme.colour(base)


def part_colour(scheme: LabelScheme, span: Span) -> str:
    """The colour a span is painted with: its label's, its role's, or its layer's."""
    if span.layer == Layer.ARGUMENT:
        return role_colour(scheme, span.label)
    if span.layer in (Layer.QUOTE, Layer.CUE) or (span.layer == Layer.SPEAKER and span.label == "SPEAKER"):
        return scheme.colour(span.layer.value.upper())
    return scheme.colour(span.label)


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads on `colour`."""
    return QColor("#000000") if colour.lightness() > 150 else QColor("#ffffff")


@cache
def chip_icon(colour: str, size: int = 12) -> QIcon:
    """A small colour square for tables, menus and the legend."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)
