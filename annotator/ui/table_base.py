"""A read-only table model over a list of plain rows, rebuilt when the session changes.
A row may carry a colour per cell, shown as a chip (the label's colour)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.ui.theme import chip_icon

Index = QModelIndex | QPersistentModelIndex


_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.UserRole + 1,
    )
)


class RowsModel(QAbstractTableModel):
    columns: Sequence[str] = ()
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        # Rows equal to those shown are not reset (a reset measures and repaints every row);
        # a view that sets this clears its selection itself, as the reset would have.
        self.skip_same = False
        self.items: list[Any] = []
        self.cells: list[tuple[Any, ...]] = []
        self.chips: list[tuple[str | None, ...]] = []

    def set_items(
        self, items: list[Any], cells: list[tuple[Any, ...]], chips: list[tuple[str | None, ...]] | None = None
    ) -> None:
        if self.skip_same and cells == self.cells and (chips or []) == self.chips and items == self.items:
            self.items = items
            return
        self.beginResetModel()
        self.items, self.cells = items, cells
        self.chips = chips or []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self.cells):
            return None  # the roles a view asks most (font, colours, alignment…) first: no answer
        if role == self.ItemRole:
            return self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DecorationRole and index.row() < len(self.chips):
            colours = self.chips[index.row()]
            colour = colours[index.column()] if index.column() < len(colours) else None
            return chip_icon(colour) if colour else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
