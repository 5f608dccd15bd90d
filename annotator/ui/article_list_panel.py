"""The article list dock: search, status filter, order, "N of M done", and the lazy table.

Each row is two lines drawn by a delegate: the title and this annotator's status, then
"source · date" and the counts (to do, done), so the title gets the dock's whole width;
the full title is in the tooltip and above the text.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.article_list_model import SORTS, STATUS_TEXT, ArticleListModel
from annotator.ui.scrollbars import flat_scrollbar

FILTERS = [("All", None), ("New", "new"), ("In progress", "in_progress"), ("Done", "done"), ("Skipped", "skipped")]
HIDDEN_COLUMNS = (1, 2, 3, 4, 5)  # drawn in the title cell (the order menu sorts by them)


class TitleDelegate(QStyledItemDelegate):
    """Title (bold, elided) and status over "source · date" and the counts.

    The row's four strings come in one `RowRole` call, and the small and bold fonts
    (with their metrics) are made once per list font, not for every row painted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._fonts: tuple[str, QFont, QFontMetrics, QFont, QFontMetrics] | None = None

    def _fonts_for(self, font: QFont) -> tuple[QFont, QFontMetrics, QFont, QFontMetrics]:
        key = font.key()
        if self._fonts is None or self._fonts[0] != key:
            small = QFont(font)
            small.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
            bold = QFont(font)
            bold.setBold(True)
            self._fonts = (key, small, QFontMetrics(small), bold, QFontMetrics(bold))
        return self._fonts[1:]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        title, meta, status, counts = index.data(ArticleListModel.RowRole) or (option.text, "", "", "")
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        ink = option.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = ink if selected else option.palette.color(group, QPalette.ColorRole.PlaceholderText)
        small, small_metrics, bold, bold_metrics = self._fonts_for(option.font)
        rect = option.rect.adjusted(4, 1, -4, -1)
        half = rect.height() // 2
        top = QRect(rect.left(), rect.top(), rect.width(), half)
        bottom = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        status_width = small_metrics.horizontalAdvance(status) + 8
        counts_width = small_metrics.horizontalAdvance(counts) + 8
        painter.save()
        painter.setFont(small)
        painter.setPen(ink if status == STATUS_TEXT["done"] or selected else dim)
        painter.drawText(top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, status)
        painter.setPen(dim)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, counts)
        left = bottom.adjusted(0, 0, -counts_width, 0)
        painter.drawText(
            left,
            Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, left.width()),
        )
        painter.setFont(bold)
        painter.setPen(ink)
        title_rect = top.adjusted(0, 0, -status_width, 0)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignVCenter,
            bold_metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        painter.restore()


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
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filter.setMinimumContentsLength(5)
        self.order = QToolButton(text="Order", popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        self.order.setToolTip("Order of the list: as imported")
        orders = QMenu(self.order)
        group = QActionGroup(self.order)
        for text, key in SORTS:
            action = orders.addAction(text)
            action.setCheckable(True)
            action.setChecked(key == model.sort_key)
            action.triggered.connect(lambda _=False, k=key, t=text: self._order_by(k, t))
            group.addAction(action)
        self.order.setMenu(orders)
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m done")
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setItemDelegateForColumn(0, TitleDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # as imported: no re-sort
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in HIDDEN_COLUMNS:
            self.table.setColumnHidden(column, True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().hide()
        flat_scrollbar(self.table)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        second = QHBoxLayout()
        second.addWidget(self.progress, 1)
        second.addWidget(self.order)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(second)
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

    def _order_by(self, key: str, text: str) -> None:
        self.order.setToolTip(f"Order of the list: {text}")
        self.model.sort_by(key)

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
