"""Review mode: the annotators' versions of an article merged into the gold set.

Agreed items arrive accepted; every disagreement arrives as suggestions. The reviewer
keeps one annotator's version with Ctrl+1…9 (in the order of the columns), or decides
span by span with the usual keys (A, X, Space, Tab, label keys, Delete…); Ctrl+Z undoes
either; Enter marks the article done and opens the next. The panel on the right says
who said what; clicking a span says it in the status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.services.adjudication import Adjudication, Disagreement
from annotator.services.project import Project
from annotator.ui.article_view import ArticleView
from annotator.ui.gestures import Gestures

DECIDED = "✓"


class ReviewWindow(QMainWindow):
    def __init__(self, path: Path, reviewer: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Review {Path(path).name} → gold — annotator ({reviewer})")
        self.resize(1360, 860)
        self.project = Project.open(path, create=False)
        self.review = Adjudication(self.project, reviewer)
        self.view = ArticleView(self.project.scheme)
        self.gestures = Gestures(self.review.session, self.view, self)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setContentsMargins(8, 4, 8, 4)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(centre)
        self.articles = QListWidget()
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for title, widget, area in (
            ("Articles to review", self.articles, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("Who said what", self.table, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock = QDockWidget(title, self, objectName=f"review{title.split()[0]}")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
        self.resizeDocks(
            [self.findChild(QDockWidget, "reviewArticles"), self.findChild(QDockWidget, "reviewWho")],
            [260, 560],
            Qt.Orientation.Horizontal,
        )
        self.view.key_handler = self.handle_key
        self.gestures.message.connect(self.status)
        self.gestures.changed.connect(self.refresh)
        self.gestures.doneAndNext.connect(self.open_next)
        self.view.spanClicked.connect(self.said_by)
        self.articles.currentItemChanged.connect(self._article_chosen)
        self.table.cellClicked.connect(lambda row, _column: self._select_row(row))
        self.current: int | None = None
        self._fill_articles()
        if self.articles.count():
            self.articles.setCurrentRow(0)
        else:
            self.status("Nothing to review yet: no article has two finished versions")

    # Articles ---------------------------------------------------------------------------

    def _fill_articles(self) -> None:
        self.articles.blockSignals(True)
        self.articles.clear()
        for article_id in self.review.articles():
            item = QListWidgetItem(self.project.article(article_id).title or f"article {article_id}")
            item.setData(Qt.ItemDataRole.UserRole, article_id)
            self.articles.addItem(item)
        self.articles.blockSignals(False)

    def _article_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_article(int(item.data(Qt.ItemDataRole.UserRole)))

    def open_article(self, article_id: int) -> None:
        try:
            current = self.review.open(article_id)
        except (AnnotatorError, KeyError) as error:
            self.status(f"Cannot review this article: {error}")
            return
        self.current = article_id
        self.gestures.set_mode("")
        self.view.set_article(current.article.text, current.annotations)
        for row in range(self.articles.count()):
            if self.articles.item(row).data(Qt.ItemDataRole.UserRole) == article_id:
                self.articles.blockSignals(True)
                self.articles.setCurrentRow(row)
                self.articles.blockSignals(False)
        self.refresh()
        pending = self.review.pending()
        self.gestures.select(self._anchor_span(pending[0]) if pending else None)
        self.view.setFocus()

    def open_next(self) -> None:
        ids = self.review.articles()
        later = [i for i in ids if self.current is not None and i > self.current] + ids
        following = next((i for i in later if i != self.current and not self._is_done(i)), None)
        if following is None:
            self.status("Every shared article is reviewed. 🎉")
            return
        self.open_article(following)

    def _is_done(self, article_id: int) -> bool:
        return self.review.is_reviewed(article_id)

    # Who said what -----------------------------------------------------------------------

    def refresh(self) -> None:
        if self.review.session.current is None:
            return
        text = self.review.session.text
        names = list(self.review.versions)
        self.table.setColumnCount(3 + len(names))
        self.table.setHorizontalHeaderLabels(
            ["", "Where", "Kind"] + [f"{n} (Ctrl+{i})" for i, n in enumerate(names, 1)]
        )
        rows = self.review.disagreements
        self.table.setRowCount(len(rows))
        for row, disagreement in enumerate(rows):
            cells = [
                DECIDED if self.review.is_decided(disagreement) else "",
                _snippet(text, disagreement),
                disagreement.kind,
            ] + [disagreement.describe(n, text) for n in names]
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        pending = len(self.review.pending())
        keys = " · ".join(f"Ctrl+{i} keep {n}'s" for i, n in enumerate(names, 1))
        self.header.setText(
            f"<b>Review → gold</b> · {', '.join(names)} · {self.review.taken} agreed items taken · "
            f"<b>{pending}</b> of {len(rows)} disagreements open · {keys} · Tab next · A/X accept/reject · "
            "Ctrl+Z undo · Enter done"
        )
        disagreement = self.review.disagreement_at(self.gestures.selected)
        if disagreement is not None:
            self.table.selectRow(rows.index(disagreement))

    def said_by(self, span: Span | None) -> None:
        if span is None:
            return
        voters = self.review.voters(span)
        others = [n for n in self.review.versions if n not in voters]
        said = ", ".join(voters) if voters else "nobody (added in review)"
        self.status(
            f"{span.label} · {span.status} — said by {said}" + (f"; not by {', '.join(others)}" if others else "")
        )

    def _select_row(self, row: int) -> None:
        if 0 <= row < len(self.review.disagreements):
            self.gestures.select(self._anchor_span(self.review.disagreements[row]))
            self.view.setFocus()

    def _anchor_span(self, disagreement: Disagreement) -> Span | None:
        spans = self.review.session.annotations.spans
        return next((s for key in disagreement.anchors for s in spans if s.key == key), None)

    def keep_version(self, index: int) -> None:
        names = list(self.review.versions)
        if not 0 <= index < len(names):
            self.status(f"there is no annotator {index + 1} here")
            return
        disagreement = self.review.disagreement_at(self.gestures.selected)
        if disagreement is None or self.review.is_decided(disagreement):
            pending = self.review.pending()
            disagreement = pending[0] if pending else None
        if disagreement is None:
            self.status("no disagreement left — Enter marks the article done")
            return
        if self.gestures.run(self.review.pick, disagreement, names[index]) is not None:
            pending = self.review.pending()
            self.gestures.select(self._anchor_span(pending[0]) if pending else None)

    def handle_key(self, event) -> bool:
        """Ctrl+1…9 keep an annotator's version; every other key is an ordinary gesture."""
        digit = event.key() - Qt.Key.Key_0
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and 1 <= digit <= 9:
            self.keep_version(digit - 1)
            return True
        return self.gestures.handle_key(event)

    def status(self, message: str) -> None:
        self.statusBar().showMessage(message, 0)

    def closeEvent(self, event) -> None:
        self.project.close()
        super().closeEvent(event)


def _snippet(text: str, disagreement: Disagreement) -> str:
    words = text[disagreement.start : disagreement.end].replace("\n", " ")
    return words if len(words) <= 40 else words[:37] + "…"
