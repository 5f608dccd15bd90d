"""Team › Agreement: pairwise figures per layer, and the articles with the most
disagreement first (double-click one to review it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.services.agreement import LAYERS, AgreementReport, PairFigures

BASE_COLUMNS = ("Pair", "Articles", "F1 exact", "F1 overlap", "Precision", "Recall", "Cohen's κ")
EXTRA = {"entity": (), "quote": ("Speaker", "Cue", "Kind"), "event": ("Trigger F1", "Type", "Sub-type")}


def _number(value: float | None, digits: int = 3) -> QTableWidgetItem:
    item = QTableWidgetItem("n/a" if value is None else f"{value:.{digits}f}")
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if value is not None:
        item.setData(Qt.ItemDataRole.UserRole, value)
    return item


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AgreementDialog(QDialog):
    reviewArticle = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Agreement")
        self.resize(900, 600)
        self.report: AgreementReport | None = None
        self.layer = QComboBox()
        self.layer.addItems(list(LAYERS))
        self.summary = QLabel("Measuring…")
        self.summary.setWordWrap(True)
        self.pairs = _table(BASE_COLUMNS)
        self.articles = _table(("Disagreements", "Mean F1", "Article", "Annotators"))
        self.articles.setToolTip("Double-click an article to review it")
        top = QHBoxLayout()
        top.addWidget(QLabel("Layer:"))
        top.addWidget(self.layer)
        top.addWidget(self.summary, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.pairs)
        lower = QDialog()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel("Articles with the most disagreement first (double-click to review):"))
        lower_layout.addWidget(self.articles)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.layer.currentTextChanged.connect(lambda _text: self._fill_pairs())
        self.articles.cellDoubleClicked.connect(self._review)

    def show_report(self, report: AgreementReport | None) -> None:
        if report is None:
            self.summary.setText("No figures: see the status bar for why.")
            return
        self.report = report
        self._fill_pairs()
        self.articles.setRowCount(len(report.articles))
        for row, article in enumerate(report.articles):
            self.articles.setItem(row, 0, _number(article.disagreements, 0))
            self.articles.setItem(row, 1, _number(article.f1))
            title = QTableWidgetItem(article.title or f"article {article.article_id}")
            title.setData(Qt.ItemDataRole.UserRole, article.article_id)
            self.articles.setItem(row, 2, title)
            self.articles.setItem(row, 3, QTableWidgetItem(", ".join(article.annotators)))

    def _fill_pairs(self) -> None:
        if self.report is None:
            return
        layer = self.layer.currentText()
        columns = BASE_COLUMNS + EXTRA[layer]
        self.pairs.setColumnCount(len(columns))
        self.pairs.setHorizontalHeaderLabels(list(columns))
        pairs = self.report.layers.get(layer, [])
        self.pairs.setRowCount(len(pairs))
        for row, pair in enumerate(pairs):
            for column, item in enumerate(self._row(pair, layer)):
                self.pairs.setItem(row, column, item)
        alpha, tokens = self.report.alpha.get(layer, (None, 0))
        self.summary.setText(
            f"{', '.join(self.report.annotators)} · articles {self.report.status} · Krippendorff's α "
            + (f"{alpha:.3f} over {tokens} tokens" if alpha is not None else "n/a")
        )

    def _row(self, pair: PairFigures, layer: str) -> list[QTableWidgetItem]:
        exact = pair.exact.get("ALL")
        items = [
            QTableWidgetItem(f"{pair.first} – {pair.second}"),
            _number(pair.articles, 0),
            _number(exact.f1 if exact else None),
            _number(pair.f1(True) if exact else None),
            _number(exact.precision if exact else None),
            _number(exact.recall if exact else None),
            _number(pair.kappa),
        ]
        parts = {"quote": ("speaker", "cue", "kind"), "event": (None, "type", "sub_type")}.get(layer, ())
        for part in parts:
            if part is None:
                items.append(_number(pair.spans_exact.f1 if pair.articles else None))
            else:
                share = pair.parts.get(part)
                items.append(_number(share.value if share else None))
        return items

    def _review(self, row: int, _column: int) -> None:
        item = self.articles.item(row, 2)
        if item is not None:
            self.reviewArticle.emit(int(item.data(Qt.ItemDataRole.UserRole)))
