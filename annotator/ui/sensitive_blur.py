"""Blurring sentences with graphic violence until the annotator reveals them.

The passages come from the lexicon (`annotator.services.sensitive`); over each one lies a
patch showing a blurred picture of the text underneath (the view's own rendering, scaled
down and up), shaped to the passage's lines. A click on a patch, or V with the cursor or
selected span inside it, reveals that passage; V elsewhere reveals every passage of the
article. Whether to blur is each annotator's setting (on by default).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPixmap, QRegion, QTextCursor
from PySide6.QtWidgets import QWidget

from annotator.core.sensitive import Passage
from annotator.ui.article_view import ArticleView

REVEAL_KEY = Qt.Key.Key_V
SCALE = 7
CAPTION = "graphic passage · click or V to reveal"


class BlurPatch(QWidget):
    """A blurred picture over one passage; a click reveals it."""

    def __init__(self, owner: SensitiveBlur, index: int, parent: QWidget):
        super().__init__(parent)
        self.owner = owner
        self.index = index
        self.picture = QPixmap()
        self.caption_at: QRect | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Graphic passage (" + ", ".join(owner.passages[index].terms) + ") — click to reveal")

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.picture)
        painter.fillRect(self.rect(), QColor(128, 128, 128, 40))
        if self.caption_at is not None:
            font = painter.font()
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(QColor("#3a3a3a") if self.palette().base().color().lightness() > 128 else QColor("#e0e0e0"))
            painter.drawText(self.caption_at, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, CAPTION)

    def mousePressEvent(self, event) -> None:
        self.owner.reveal(self.index)


class SensitiveBlur(QObject):
    """Keeps blur patches over an `ArticleView`'s sensitive passages."""

    def __init__(self, view: ArticleView, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.passages: list[Passage] = []
        self.revealed: set[int] = set()
        self.enabled = True
        self.patches: list[BlurPatch] = []
        self._timer = QTimer(self, singleShot=True, interval=30)
        self._timer.timeout.connect(self.rebuild)
        view.verticalScrollBar().valueChanged.connect(self.refresh)
        view.horizontalScrollBar().valueChanged.connect(self.refresh)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show, QEvent.Type.PaletteChange):
            self.refresh()
        return False

    def set_passages(self, passages: list[Passage], enabled: bool) -> None:
        """A new article's passages; nothing is revealed yet."""
        self.passages, self.revealed, self.enabled = list(passages), set(), enabled
        self.refresh()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.refresh()

    @property
    def hidden(self) -> list[int]:
        """Indexes of the passages still blurred."""
        if not self.enabled:
            return []
        return [i for i in range(len(self.passages)) if i not in self.revealed]

    def reveal(self, index: int | None = None) -> int:
        """Reveal one passage (or, with None, every passage). RETURNS how many were revealed."""
        before = len(self.hidden)
        self.revealed |= set(range(len(self.passages))) if index is None else {index}
        self.refresh()
        return before - len(self.hidden)

    def passage_at(self, offset: int) -> int | None:
        return next((i for i, p in enumerate(self.passages) if p.start <= offset < p.end), None)

    def handle_key(self, event: QKeyEvent, cursor_offset: int | None) -> bool:
        """V reveals the passage at the cursor, or every passage; RETURNS whether it acted."""
        if event.key() != REVEAL_KEY or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier or not self.hidden:
            return False
        index = self.passage_at(cursor_offset) if cursor_offset is not None else None
        self.reveal(index if index in self.hidden else None)
        return True

    # Painting ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._timer.start()

    def rebuild(self) -> None:
        for patch in self.patches:
            patch.hide()
            patch.deleteLater()
        self.patches = []
        if not self.hidden or self.view.index is None:
            return
        viewport = self.view.viewport()
        shapes = {i: self._line_rects(self.passages[i]) for i in self.hidden}
        shapes = {i: rects for i, rects in shapes.items() if rects}
        if not shapes:
            return
        shot = viewport.grab()
        ratio = shot.devicePixelRatio()
        for index, rects in shapes.items():
            bounds = QRect()
            for rect in rects:
                bounds = bounds.united(rect)
            patch = BlurPatch(self, index, viewport)
            patch.setGeometry(bounds)
            patch.picture = _blurred(shot.copy(QRect(bounds.topLeft() * ratio, bounds.size() * ratio)), bounds.size())
            region = QRegion()
            for rect in rects:
                region = region.united(QRegion(rect.translated(-bounds.topLeft())))
            patch.setMask(region)
            widest = max(rects, key=lambda r: r.width())
            patch.caption_at = (
                widest.translated(-bounds.topLeft()).adjusted(6, 0, 0, 0) if widest.width() > 260 else None
            )
            patch.show()
            self.patches.append(patch)

    def _line_rects(self, passage: Passage) -> list[QRect]:
        """The passage's visible line pieces, in viewport coordinates."""
        view, index = self.view, self.view.index
        assert index is not None
        start, end = index.to_utf16(passage.start), index.to_utf16(passage.end)
        offset = view.contentOffset()
        height = view.viewport().height()
        rects: list[QRect] = []
        block = view.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            top = view.blockBoundingGeometry(block).translated(offset).top()
            layout = block.layout()
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                first = block.position() + line.textStart()
                last = first + line.textLength()
                if last <= start or first >= end:
                    continue
                x1 = _x(line, max(start, first) - block.position())
                x2 = _x(line, min(end, last) - block.position())
                rect = QRectF(x1 + offset.x(), top + line.y(), max(x2 - x1, 1.0), line.height()).toAlignedRect()
                if rect.bottom() >= 0 and rect.top() <= height:
                    rects.append(rect)
            block = block.next()
        return rects


def _x(line, position: int) -> float:
    found = line.cursorToX(position)
    return float(found[0] if isinstance(found, tuple) else found)


def _blurred(picture: QPixmap, size) -> QPixmap:
    """A blur by scaling down and up twice (cheap, and enough to make words unreadable)."""
    if picture.isNull() or size.width() < 2 or size.height() < 2:
        return picture
    small = picture.scaled(
        max(size.width() // SCALE, 1),
        max(size.height() // SCALE, 1),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    once = small.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    smaller = once.scaled(
        max(size.width() // 3, 1),
        max(size.height() // 3, 1),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return smaller.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)


def cursor_offset(view: ArticleView) -> int | None:
    """The code point offset of the view's cursor (or selected span), for V."""
    if view.selected is not None:
        return view.selected.start
    if view.index is None:
        return None
    cursor: QTextCursor = view.textCursor()
    return view.index.to_codepoint(cursor.position())
