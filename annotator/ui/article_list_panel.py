"""The article list dock: search, status filter, "N of M done", and the lazy table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QProgressBar,
    QTableView, QVBoxLayout, QWidget,
)

from annotator.ui.article_list_model import ArticleListModel

FILTERS = [("All", None), ("New", "new"), ("In progress", "in_progress"), ("Done", "done"), ("Skipped", "skipped")]


class ArticleListPanel(QWidget):
    articleActivated = Signal(int)

    def __init__(self, model: ArticleListModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search articles (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox()
        for text, value in FILTERS:
            self.filter.addItem(text, value)
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m done")
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._apply_filter)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        model.progressChanged.connect(self._progress)
        model.emit_progress()

    def _apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.filter.currentData(), self.search.text())

    def _activated(self, index: QModelIndex) -> None:
        article_id = self.model.article_id(index.row())
        if article_id is not None:
            self.articleActivated.emit(article_id)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} of {total} done")

    def show_article(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
