"""The article text with its highlights: a read-only QPlainTextEdit.

Highlights come from `SpanHighlighter` over a plain `SpanIndex`; the selected span (and,
for an event or quote, its linked parts) uses ExtraSelections plus outlines and tags
painted over the viewport (`span_tags`). The text shown is the article's own string: the
view never reads text back from the widget, and never HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from annotator.core.model import Annotations, Layer, Span
from annotator.core.scheme import LabelScheme
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.scrollbars import flat_scrollbar
from annotator.ui.span_index import SpanIndex
from annotator.ui.span_tags import TagPainter, span_rects, tag_font, tag_text
from annotator.ui.theme import is_dark, label_background, part_colour, role_colour


class ArticleView(QPlainTextEdit):
    spanClicked = Signal(object)  # Span | None

    def __init__(self, scheme: LabelScheme, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.setObjectName("articleView")
        flat_scrollbar(self)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(_unshaped(font))
        self.scheme = scheme
        self.text = ""
        self.index: SpanIndex | None = None
        self.selected: Span | None = None
        self.hovered: Span | None = None
        self.linked: list[tuple[Span, str]] = []  # (span, role or part) shown with the selection
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.highlighter = SpanHighlighter(self.document(), scheme, is_dark(self.palette()))
        self.tags = TagPainter(scheme)
        self._room_for_badges()

    # Content ---------------------------------------------------------------------------

    def set_article(self, text: str, annotations: Annotations) -> None:
        self.text = text
        self.selected, self.hovered, self.linked = None, None, []
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
        self.hovered = None
        self._paint_selection()
        return changed

    def set_dark(self, dark: bool) -> None:
        self.highlighter.set_dark(dark)
        self._paint_selection()

    def set_tags(self, on: bool) -> None:
        """Label tags on every span (View menu), or only on the selection and hover."""
        self.highlighter.set_tags(on, self.font())
        self.viewport().update()

    @property
    def tags_on(self) -> bool:
        return self.highlighter.tags

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

    def next_overlapping(self, offset: int | None = None) -> Span | None:
        """The span after the selected one among those covering `offset` (default: the
        selection's first character), wrapping: how overlapping spans are reached."""
        if self.index is None:
            return None
        if offset is None:
            offset = self.selected.start if self.selected else self.index.to_codepoint(self.textCursor().position())
        hits = self.index.spans_at(offset)
        if not hits:
            return None
        ids = [s.id for s in hits]
        if self.selected is not None and self.selected.id in ids:
            return hits[(ids.index(self.selected.id) + 1) % len(hits)]
        return hits[0]

    def _paint_selection(self) -> None:
        if self.index is None or self.selected is None:
            self.setExtraSelections([])
            self.viewport().update()
            return
        dark = is_dark(self.palette())
        selections = []
        for span, role in self.linked:
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self._link_colour(span, role)))
            fmt.setToolTip(role)
            selections.append(self._extra(span, fmt))
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(self.palette().text())
        fmt.setBackground(label_background(part_colour(self.scheme, self.selected), dark))
        selections.append(self._extra(self.selected, fmt))
        self.setExtraSelections(selections)
        self.viewport().update()

    def _link_colour(self, span: Span, role: str) -> str:
        return (
            role_colour(self.scheme, role)
            if role.rstrip("0123456789") in self.scheme.roles
            else part_colour(self.scheme, span)
        )

    def _extra(self, span: Span, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        assert self.index is not None
        extra = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.index.to_utf16(span.start))
        cursor.setPosition(self.index.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        extra.cursor = cursor
        extra.format = fmt
        return extra

    # Painting: outlines and tags over the text -------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.index is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = is_dark(self.palette())
        font = tag_font(self.font())
        if self.highlighter.tags:
            self._paint_inline_tags(painter, font, dark)
        badges: list[tuple[Span, str, str | None]] = []
        taken: list[QRectF] = []  # outlined spans and tags already drawn
        for span, role in self.linked:
            rects = span_rects(self, self.index, span)
            self.tags.outline(painter, rects, QColor(self._link_colour(span, role)))
            taken += rects
            badges.append((span, role, role))
        if self.selected is not None:
            rects = span_rects(self, self.index, self.selected)
            self.tags.outline(painter, rects, self.palette().text().color(), 1.5)
            taken += rects
            badges.insert(0, (self.selected, tag_text(self.selected) or self.selected.label, None))
        if self.hovered is not None and all(self.hovered.id != s.id for s, _, _ in badges):
            badges.append((self.hovered, tag_text(self.hovered) or self.hovered.label, None))
        for span, text, role in badges:
            rects = span_rects(self, self.index, span)
            if rects:
                fill, ink = self.tags.colours(span, dark, role)
                own = [r for r in taken if not any(r == mine for mine in rects)]
                taken.append(self.tags.badge(painter, font, rects[0], text, fill, ink, own, self.viewport().width()))
        painter.end()

    def _paint_inline_tags(self, painter: QPainter, font: QFont, dark: bool) -> None:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            layout = block.layout()
            for tail in self.highlighter.tails.get(block.blockNumber(), ()):
                line = layout.lineForTextPosition(tail.start)
                if not line.isValid():
                    continue
                right = geometry.left() + line.cursorToX(tail.start + tail.length)[0]
                rect = line.rect().translated(geometry.topLeft())
                self.tags.inline(painter, font, right, rect, tail, dark)
            block = block.next()

    def _room_for_badges(self) -> None:
        """A top margin as high as a tag, so the first line's badges sit above it."""
        self.document().setDocumentMargin(max(4.0, QFontMetricsF(tag_font(self.font())).height() + 2))

    # Events ------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self.key_handler is not None
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        ):
            event.accept()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        highlighter = getattr(self, "highlighter", None)
        if (
            event.type() == QEvent.Type.FontChange
            and not self.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
        ):
            self.setFont(_unshaped(self.font()))  # a font set from outside (zoom): changes again, once
            return
        if event.type() == QEvent.Type.FontChange and highlighter is not None:
            self._room_for_badges()
            if highlighter.tags:
                highlighter.set_tags(True, self.font())

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
        self.spanClicked.emit(self.next_overlapping(self.index.to_codepoint(position)))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.index is None or event.buttons():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        span = self.index.span_at(self.index.to_codepoint(position))
        if (span.id if span else None) != (self.hovered.id if self.hovered else None):
            self.hovered = span
            self.viewport().update()
        if span is not None:
            layer = "" if span.layer == Layer.ENTITY else f" ({span.layer})"
            more = len(self.index.spans_at(span.start)) - 1
            extra = f" · click again for {more} more here" if more > 0 else ""
            QToolTip.showText(event.globalPosition().toPoint(), f"{span.label}{layer} · {span.status}{extra}", self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        if self.hovered is not None:
            self.hovered = None
            self.viewport().update()


def _unshaped(font: QFont) -> QFont:
    """`font` without optional shaping: Latin text is laid out without HarfBuzz (a tenth
    of opening an article), kerning kept; scripts that need shaping still get it."""
    font = QFont(font)
    font.setStyleStrategy(font.styleStrategy() | QFont.StyleStrategy.PreferNoShaping)
    return font
