"""Label tags on spans: what a tag says, how wide it is, and where it is painted.

A `QPlainTextEdit` lays lines out tightly (it ignores line height), so tags cannot sit
above every line. Two kinds instead:
- *badges*, painted over the text just above a span: the selected span, the span under the
  mouse, and the parts (roles, speaker, cue) linked to the selection;
- *inline tags* (View › Label tags on every span): the highlighter widens the span's last
  character (letter spacing) and the view paints the tag in that gap, as displaCy does.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.model import Layer, Span, Status
from annotator.core.scheme import LabelScheme
from annotator.ui.span_index import SpanIndex
from annotator.ui.theme import label_background, part_colour, text_on

PAD = 3.0
GAP = 2.0
LAYER_TAGS = {Layer.QUOTE: "QUOTE", Layer.CUE: "CUE"}


def tag_text(span: Span) -> str | None:
    """What a span's tag says: its label (its role for an argument); None if rejected."""
    if span.status == Status.REJECTED:
        return None
    if span.layer == Layer.SPEAKER:
        return "SPEAKER" if span.label == "SPEAKER" else f"SPEAKER {span.label}"
    return LAYER_TAGS.get(span.layer, span.label)


def tag_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(6.0, base.pointSizeF() * 0.68))
    font.setBold(True)
    return font


def tag_width(metrics: QFontMetricsF, text: str) -> float:
    return metrics.horizontalAdvance(text) + 2 * PAD + GAP


@dataclass(frozen=True)
class Tail:
    """Inline tags of the spans ending at one offset: where, and how much room."""

    start: int  # UTF-16, in the block: the last character of the spans
    length: int
    texts: tuple[tuple[str, Span], ...]
    width: float


def block_tails(index: SpanIndex, block: int, metrics: QFontMetricsF) -> list[Tail]:
    """The inline tags of one block, grouped by the offset where their spans end."""
    spans = index.block_spans.get(block)
    if not spans:
        return []
    first = index.block_starts[block]
    last = index.block_starts[block + 1] - 1 if block + 1 < len(index.block_starts) else len(index.text)
    ends: dict[int, list[tuple[str, Span]]] = {}
    for span in sorted(spans, key=lambda s: (s.end, -s.start)):
        text = tag_text(span)
        if text is not None and first < span.end <= last:
            ends.setdefault(span.end, []).append((text, span))
    base = index.utf16[first]
    return [
        Tail(
            index.utf16[end - 1] - base,
            index.utf16[end] - index.utf16[end - 1],
            tuple(items),
            sum(tag_width(metrics, text) for text, _ in items),
        )
        for end, items in ends.items()
    ]


def span_rects(view: QPlainTextEdit, index: SpanIndex, span: Span) -> list[QRectF]:
    """One rectangle per visual line the span covers, in viewport coordinates; only for
    blocks that are laid out and on screen."""
    start, end = index.to_utf16(span.start), index.to_utf16(span.end)
    document = view.document()
    block = document.findBlock(start)
    offset = view.contentOffset()
    height = view.viewport().height()
    rects: list[QRectF] = []
    while block.isValid() and block.position() < end:
        geometry = view.blockBoundingGeometry(block).translated(offset)
        if geometry.top() > height:
            break
        layout = block.layout()
        if geometry.bottom() >= 0 and layout is not None and layout.lineCount():
            a, b = max(start - block.position(), 0), min(end - block.position(), block.length() - 1)
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lo, hi = max(a, line.textStart()), min(b, line.textStart() + line.textLength())
                if lo < hi:
                    x1, x2 = line.cursorToX(lo)[0], line.cursorToX(hi)[0]
                    rects.append(QRectF(geometry.left() + x1, geometry.top() + line.y(), x2 - x1, line.height()))
        block = block.next()
    return rects


class TagPainter:
    """Paints badges, outlines and inline tags for an `ArticleView`."""

    def __init__(self, scheme: LabelScheme):
        self.scheme = scheme

    def colours(self, span: Span, dark: bool, role: str | None = None) -> tuple[QColor, QColor]:
        """(fill, text) of a tag: roles in their strong colour, labels in their own."""
        if role is not None and role in self.scheme.roles or span.layer == Layer.ARGUMENT:
            fill = QColor(part_colour(self.scheme, span) if role is None else self.scheme.roles[role].colour)
            if dark:
                fill = fill.lighter(130)
        else:
            fill = label_background(part_colour(self.scheme, span), dark)
        return fill, text_on(fill)

    def badge(
        self,
        painter: QPainter,
        font: QFont,
        anchor: QRectF,
        text: str,
        fill: QColor,
        ink: QColor,
        avoid: list[QRectF] | None = None,
        right: float | None = None,
    ) -> QRectF:
        """A tag just above `anchor`, else just below it, else nudged right: never on a
        rectangle in `avoid` (other tags, outlined spans) when it can help it, and never
        past x = `right` (the viewport's edge)."""
        metrics = QFontMetricsF(font)
        width, height = metrics.horizontalAdvance(text) + 2 * PAD, metrics.height() + 1
        left = anchor.left() if right is None else max(0.0, min(anchor.left(), right - width - 1))
        above = QRectF(left, anchor.top() - height + 2, width, height)
        below = QRectF(left, anchor.bottom() - 1, width, height)
        candidates = ([above] if above.top() >= 0 else []) + [below]
        candidates += [c.translated(step * width / 2, 0) for step in (1, 2) for c in candidates[:2]]
        taken = avoid or []
        rect = next((c for c in candidates if not any(c.intersects(r) for r in taken)), candidates[0])
        self._box(painter, font, rect, text, fill, ink)
        return rect

    def inline(self, painter: QPainter, font: QFont, right: float, line: QRectF, tail: Tail, dark: bool) -> None:
        """The inline tags of one `Tail`, in the gap that ends at x = `right`."""
        metrics = QFontMetricsF(font)
        x = right - tail.width
        height = min(line.height() - 2, metrics.height() + 1)
        top = line.top() + (line.height() - height) / 2
        for text, span in tail.texts:
            width = tag_width(metrics, text) - GAP
            fill, ink = self.colours(span, dark)
            self._box(painter, font, QRectF(x + GAP / 2, top, width, height), text, fill, ink)
            x += width + GAP

    def outline(self, painter: QPainter, rects: list[QRectF], colour: QColor, width: float = 2.0) -> None:
        pen = QPen(colour, width)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)

    @staticmethod
    def _box(painter: QPainter, font: QFont, rect: QRectF, text: str, fill: QColor, ink: QColor) -> None:
        path = QPainterPath()
        path.addRoundedRect(rect, 3, 3)
        painter.fillPath(path, fill)
        painter.setPen(QPen(ink.darker(130) if ink.lightness() < 128 else QColor(0, 0, 0, 90), 0.8))
        painter.drawPath(path)
        painter.setPen(ink)
        painter.setFont(font)
        painter.drawText(
            rect.adjusted(PAD, 0, -PAD + 1, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
        )
