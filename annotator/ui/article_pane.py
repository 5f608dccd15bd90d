"""The centre of the window: the article's title and source above its text, the mode
banner (quote, event type, roles), the legend, then the `ArticleView`."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from annotator.core.model import Article
from annotator.core.scheme import LabelScheme
from annotator.ui.article_view import ArticleView
from annotator.ui.legend import Legend
from annotator.ui.theme import is_dark


class ArticlePane(QWidget):
    def __init__(self, scheme: LabelScheme, parent=None):
        super().__init__(parent)
        self.view = ArticleView(scheme)
        self.title = QLabel(objectName="articleTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setOpenExternalLinks(True)
        self.title_box = TitleBox(self.title)
        self.banner = QLabel(objectName="modeBanner", visible=False)
        self.banner.setWordWrap(True)
        self.legend = Legend(scheme, is_dark(self.palette()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 0, 0)
        layout.setSpacing(3)
        for widget in (self.title_box, self.legend, self.banner):
            layout.addWidget(widget)
        layout.addWidget(self.view, 1)
        self.set_dark(is_dark(self.palette()))

    def show_article(self, article: Article) -> None:
        """Title (or the first words), then source · date · link."""
        title = article.title or " ".join(article.text.split()[:12]) + "…"
        meta = [escape(part) for part in (article.source, (article.published or "")[:10]) if part]
        if article.url:
            meta.append(f'<a href="{escape(article.url, quote=True)}">{escape(_short(article.url))}</a>')
        self.title_box.set_text(
            f"<b style='font-size:large'>{escape(title)}</b>" + (f"<br><span>{' · '.join(meta)}</span>" if meta else "")
        )

    def set_mode_hint(self, hint: str) -> None:
        self.banner.setText(hint)
        self.banner.setVisible(bool(hint))

    def set_dark(self, dark: bool) -> None:
        self.view.set_dark(dark)
        self.legend.set_dark(dark)
        fill, ink = ("#3d4a63", "#ffffff") if dark else ("#fff3bf", "#000000")
        self.banner.setStyleSheet(
            f"QLabel#modeBanner {{ background: {fill}; color: {ink}; padding: 3px 6px;"
            " border-radius: 3px; font-weight: bold; }"
        )


class TitleBox(QWidget):
    """The title label in a box with no layout, as high as the label needs.

    A QLabel asks its parent's layout for a new geometry on every `setText`; in the pane's
    layout that request went up to the main window, which laid out every dock again
    (2.5 ms of each Enter). Here it stops at the box, and the pane is laid out again only
    when the title needs another height."""

    def __init__(self, label: QLabel, parent=None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit()

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self._fit()

    def _fit(self) -> None:
        width = self.width()
        height = self.label.heightForWidth(width) if width > 0 else -1
        if height < 0:
            height = self.label.sizeHint().height()
        if height != self.maximumHeight() or height != self.minimumHeight():
            self.setFixedHeight(height)
        if self.label.height() != height or self.label.width() != width:
            self.label.setGeometry(0, 0, width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


def _short(url: str, limit: int = 60) -> str:
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= limit else bare[: limit - 1] + "…"
