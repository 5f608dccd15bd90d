"""The article list as a Qt table model that holds only ids and loads rows by page.

Filtering (this annotator's status), full-text search and sorting ask the listing service
for a new id list; rows are fetched 200 at a time when they are first painted and kept in
a small cache, so 100,000 articles scroll smoothly. Finding an article's row is a dict
look-up, and progress is one query: nothing done per keystroke grows with the project.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from annotator.services import listing
from annotator.services.listing import ListingRow
from annotator.services.project import Project

PAGE = 100
CACHE_PAGES = 20
COLUMNS = ("Title", "Source", "Date", "Status", "To do", "Done")
SORT_KEYS = ("title", "source", "published", "status", None, None)
STATUS_TEXT = {"new": "new", "in_progress": "in progress", "done": "✓ done", "skipped": "skipped"}
SORTS = [
    ("as imported", "id"),
    ("by title", "title"),
    ("by source", "source"),
    ("by date", "published"),
    ("by status", "status"),
]

Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.UserRole + 1,
        Qt.ItemDataRole.UserRole + 2,
        Qt.ItemDataRole.UserRole + 3,
    )
)  # Id, Meta, Row


class ArticleListModel(QAbstractTableModel):
    progressChanged = Signal(int, int)  # done, total

    IdRole = Qt.ItemDataRole.UserRole + 1
    MetaRole = Qt.ItemDataRole.UserRole + 2  # "source · date" under the title
    RowRole = Qt.ItemDataRole.UserRole + 3  # (title, "source · date", status, "N to do · M done"): one call per row

    def __init__(self, project: Project, annotator: str, parent=None):
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.status: str | None = None
        self.query = ""
        self.sort_key = "id"
        self.descending = False
        self.assignee: str | None = None  # set by the assignee filter (ui/assignee_filter.py)
        self.ids: list[int] = []
        self._rows: dict[int, int] | None = None  # id -> row, built on first use after a reload
        self._total: int | None = None  # articles in the project, counted on reload
        self._done: int | None = None  # of them done by this annotator: counted on reload, then followed
        self._pages: OrderedDict[int, dict[int, ListingRow]] = OrderedDict()
        self.reload()

    # Loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = listing.article_ids(
            self.project, self.annotator, self.status, self.query, self.sort_key, self.descending, self.assignee
        )
        self._rows = None
        self._pages.clear()
        self.endResetModel()
        self.emit_progress()

    def set_filter(self, status: str | None = None, query: str | None = None) -> None:
        self.status = status or None
        if query is not None:
            self.query = query
        self.reload()

    def emit_progress(self, recount: bool = True, step: int = 0) -> None:
        """Emit (done, total). Both are counted on reload (an import reloads); a row whose
        status changed to or from done moves the count by `step`, as counting the done
        articles again takes milliseconds at 100,000 articles; without a count yet,
        only the done articles are counted."""
        if recount or self._total is None:
            self._done, self._total = listing.progress(self.project, self.annotator)
        elif self._done is None or not step:
            self._done = listing.done(self.project, self.annotator)
        else:
            self._done += step
        self.progressChanged.emit(self._done, self._total)

    def refresh_article(self, article_id: int) -> None:
        """Re-read one article's row (status, counts) and repaint it; the progress
        follows when its status changed. One small query, not a page."""
        row = self.row_of(article_id)
        fresh = listing.rows(self.project, self.annotator, [article_id]).get(article_id)
        before = None
        for page in self._pages.values():
            if article_id in page:
                before = page[article_id]
                if fresh is not None:
                    page[article_id] = fresh
                else:
                    page.pop(article_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if before is None or fresh is None:
            self.emit_progress(recount=False)
        elif before.status != fresh.status and "done" in (before.status, fresh.status):
            self.emit_progress(recount=False, step=1 if fresh.status == "done" else -1)
        # new → in progress (each opening) leaves "done" as it was

    def row_of(self, article_id: int) -> int | None:
        if self._rows is None:
            self._rows = dict(zip(self.ids, range(len(self.ids))))
        return self._rows.get(article_id)

    def article_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def _row(self, row: int) -> ListingRow | None:
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            ids = self.ids[number * PAGE : (number + 1) * PAGE]
            page = listing.rows(self.project, self.annotator, ids)
            self._pages[number] = page
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self.ids[row])

    # Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None  # the roles a view asks most (font, colours, alignment…) first: no answer
        if role == self.IdRole:
            return self.ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, self.MetaRole, self.RowRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == self.RowRole:
            counts = f"{row.pending} to do · {row.decided} done" if row.pending is not None else ""
            return (_title(row), _meta(row), STATUS_TEXT.get(row.status, row.status), counts)
        column = index.column()
        if role == self.MetaRole:
            return _meta(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            meta = _meta(row)
            return _title(row) + (f"\n{meta}" if meta else "")
        if column == 0:
            return _title(row)
        if column == 1:
            return row.source
        if column == 2:
            return (row.published or "")[:10]
        if column == 3:
            return STATUS_TEXT.get(row.status, row.status)
        if column == 4:
            return row.pending
        if column == 5:
            return row.decided
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort_by(self, key: str, descending: bool = False) -> None:
        self.sort_key, self.descending = key, descending
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) else None
        wanted = (key or "id", order == Qt.SortOrder.DescendingOrder)
        if wanted == (self.sort_key, self.descending):
            return  # the view asks again when sorting is switched on: nothing to reload
        self.sort_key, self.descending = wanted
        self.reload()


def _title(row: ListingRow) -> str:
    return row.title or f"article {row.id}"


def _meta(row: ListingRow) -> str:
    """ "source · date" under the title."""
    return " · ".join(part for part in (row.source, (row.published or "")[:10]) if part)
