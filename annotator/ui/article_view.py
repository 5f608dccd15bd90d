"""The article text with its highlights: a read-only QPlainTextEdit.

Highlights come from `SpanHighlighter` over a plain `SpanIndex`; only the selected item
(and, for an event or quote, its linked parts) uses ExtraSelections. The text shown is the
article's own string: the view never reads text back from the widget, and never HTML.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPen, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from annotator.core.model import Annotations, Layer, Span
from annotator.core.scheme import LabelScheme
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.span_index import SpanIndex
from annotator.ui.theme import is_dark


class ArticleView(QPlainTextEdit):
    spanClicked = Signal(object)  # Span | None

    def __init__(self, scheme: LabelScheme, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.setObjectName("articleView")
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)
        self.scheme = scheme
        self.text = ""
        self.index: SpanIndex | None = None
        self.selected: Span | None = None
        self.linked: list[tuple[Span, str]] = []  # (span, role or part) shown with the selection
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.highlighter = SpanHighlighter(self.document(), scheme, is_dark(self.palette()))

    # Content ---------------------------------------------------------------------------

    def set_article(self, text: str, annotations: Annotations) -> None:
        self.text = text
        self.selected, self.linked = None, []
        self.index = SpanIndex.build(text, annotations)
        self.highlighter.set_index(self.index, rehighlight=False)
        self.setPlainText(text)  # the highlighter paints every block once here
        self.setExtraSelections([])

    def clear_article(self) -> None:
        self.text = ""
        self.index = None
        self.highlighter.set_index(None, rehighlight=False)
        self.setPlainText("")

    def set_annotations(self, annotations: Annotations) -> set[int]:
        """New annotations for the same text: repaint only the paragraphs that changed."""
        if self.index is None:
            return set()
        index = self.index.updated(annotations)
        self.index = index
        changed = self.highlighter.update_index(index)
        if self.selected is not None:
            self.selected = next((s for s in index.spans if s.id == self.selected.id), None)
        self._paint_selection()
        return changed

    def set_dark(self, dark: bool) -> None:
        self.highlighter.set_dark(dark)
        self._paint_selection()

    # Selection: code points at this edge only -------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        """The selected text as code point offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.index is None:
            return None
        start = self.index.to_codepoint(cursor.selectionStart())
        end = self.index.to_codepoint(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        """Select code point offsets [start, end) as text (e.g. for keyboard tests)."""
        assert self.index is not None
        cursor = self.textCursor()
        cursor.setPosition(self.index.to_utf16(start))
        cursor.setPosition(self.index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_text_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def select_span(self, span: Span | None, linked: list[tuple[Span, str]] | None = None) -> None:
        """Mark one span (and the parts linked to it) as selected and scroll to it."""
        same = span is not None and self.selected is not None and span.id == self.selected.id
        self.selected = span
        self.linked = linked or []
        if span is not None and self.index is not None and not same:
            self.clear_text_selection()
            cursor = self.textCursor()
            cursor.setPosition(self.index.to_utf16(span.start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self._paint_selection()

    def _paint_selection(self) -> None:
        if self.index is None or self.selected is None:
            self.setExtraSelections([])
            return
        dark = is_dark(self.palette())
        selections = []
        outline = QColor("#ffffff" if dark else "#000000")
        for span, role in self.linked:
            fmt = QTextCharFormat()
            colour = QColor(self.scheme.colour(role))
            colour.setAlphaF(0.55)
            fmt.setBackground(colour)
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self.scheme.colour(role)).darker(160))
            fmt.setToolTip(role)
            selections.append(self._extra(span, fmt))
        fmt = QTextCharFormat()
        fmt.setProperty(QTextFormat.Property.OutlinePen, QPen(outline, 0))
        fmt.setFontUnderline(True)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(outline)
        fmt.setFontOverline(True)
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(self.palette().text())
        background = QColor(self.scheme.colour(self.selected.label))
        if dark:
            background = background.darker(180)
        fmt.setBackground(background)
        selections.append(self._extra(self.selected, fmt))
        self.setExtraSelections(selections)

    def _extra(self, span: Span, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        assert self.index is not None
        extra = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.index.to_utf16(span.start))
        cursor.setPosition(self.index.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        extra.cursor = cursor
        extra.format = fmt
        return extra

    # Events ------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        if event.type() == QEvent.Type.ShortcutOverride and self.key_handler is not None:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.index is None:
            return
        if self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        self.spanClicked.emit(self.index.span_at(self.index.to_codepoint(position)))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.index is None or event.buttons():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        span = self.index.span_at(self.index.to_codepoint(position))
        if span is not None:
            layer = "" if span.layer == Layer.ENTITY else f" ({span.layer})"
            QToolTip.showText(event.globalPosition().toPoint(), f"{span.label}{layer} · {span.status}", self)
        else:
            QToolTip.hideText()
