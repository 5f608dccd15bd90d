"""Entities, quotes and events of the open article, in sync with the view.

Selecting a row selects its span in the article. The quotes tab edits the selected
quote's kind, the events tab the selected event's sub-type and flags, through the session
(saved and undoable like any gesture).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)

from annotator.core.model import Event, Quote, QuoteKind, Span
from annotator.ui.entity_model import EntityModel
from annotator.ui.event_coding_panel import EventCodingPanel
from annotator.ui.event_model import EventModel
from annotator.ui.gestures import Gestures
from annotator.ui.quote_model import QuoteModel
from annotator.ui.table_base import RowsModel


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


class SidePanels(QTabWidget):
    def __init__(self, gestures: Gestures, parent=None):
        super().__init__(parent)
        self.gestures = gestures
        self.entities, self.quotes, self.events = EntityModel(self), QuoteModel(self), EventModel(self)
        self.entity_table, self.quote_table, self.event_table = (
            _table(self.entities), _table(self.quotes), _table(self.events))
        self.addTab(self.entity_table, "Entities")
        quotes_page = QWidget()
        quotes_layout = QVBoxLayout(quotes_page)
        quotes_layout.setContentsMargins(0, 0, 0, 0)
        quotes_layout.addWidget(self.quote_table)
        self.quote_kind = QComboBox()
        self.quote_kind.addItems([kind.value for kind in QuoteKind])
        self.quote_kind.setToolTip("Kind of the selected quote")
        quotes_layout.addWidget(self.quote_kind)
        self.addTab(quotes_page, "Quotes")
        events_page = QWidget()
        layout = QVBoxLayout(events_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.event_table)
        editor = QHBoxLayout()
        self.sub_type = QComboBox()
        self.sub_type.setToolTip("Sub-type of the selected event")
        editor.addWidget(self.sub_type, 1)
        self.flags = {name: QCheckBox(name) for name in ("negated", "hypothetical", "future")}
        for box in self.flags.values():
            editor.addWidget(box)
        layout.addLayout(editor)
        self.coding = EventCodingPanel(gestures)
        layout.addWidget(self.coding)
        self.addTab(events_page, "Events")
        self._syncing = False
        for table in (self.entity_table, self.quote_table, self.event_table):
            table.selectionModel().selectionChanged.connect(
                lambda selected, _deselected, t=table: self._row_selected(t, selected))
        self.sub_type.activated.connect(self._sub_type_chosen)
        self.quote_kind.activated.connect(self._quote_kind_chosen)
        for name, box in self.flags.items():
            box.clicked.connect(lambda checked, n=name: self._flag_clicked(n, checked))
        gestures.changed.connect(self.refresh)

    def refresh(self) -> None:
        session = self.gestures.session
        if session.current is None:
            return
        text, annotations = session.text, session.annotations
        self._syncing = True
        try:
            for model in (self.entities, self.quotes, self.events):
                model.update(text, annotations)
            self._sync_event_editor()
            self._sync_quote_editor()
        finally:
            self._syncing = False

    def current_event(self) -> Event | None:
        selected = self.gestures.selected
        return self.gestures.session.event_of(selected) if selected else None

    def current_quote(self) -> Quote | None:
        selected = self.gestures.selected
        return self.gestures.session.quote_of(selected) if selected else None

    def _sync_quote_editor(self) -> None:
        quote = self.current_quote()
        self.quote_kind.setEnabled(quote is not None)
        if quote is not None:
            self.quote_kind.setCurrentText(str(quote.kind))

    def _quote_kind_chosen(self, index: int) -> None:
        quote = self.current_quote()
        kind = QuoteKind(self.quote_kind.itemText(index))
        if quote is not None and not self._syncing and kind != quote.kind:
            self.gestures.run(self.gestures.session.change_quote_kind, quote, kind)

    def _sync_event_editor(self) -> None:
        event = self.current_event()
        enabled = event is not None
        self.sub_type.clear()
        if event is not None:
            spec = self.gestures.session.project.scheme.event_types.get(event.event_type)
            self.sub_type.addItems(["—"] + list(spec.sub_types if spec else ()))
            self.sub_type.setCurrentText(event.sub_type or "—")
            row = next((i for i, ev in enumerate(self.events.items) if ev.id == event.id), None)
            if row is not None:
                self.event_table.selectRow(row)
        for name, box in self.flags.items():
            box.setChecked(bool(getattr(event, name)) if event else False)
            box.setEnabled(enabled)
        self.sub_type.setEnabled(enabled)

    def _row_selected(self, table: QTableView, selected: QItemSelection) -> None:
        if self._syncing or not selected.indexes():
            return
        item = selected.indexes()[0].data(RowsModel.ItemRole)
        span: Span | None = item.trigger if isinstance(item, Event) else item.content if isinstance(item, Quote) else item
        if span is not None:
            self.gestures.select(span)

    def _sub_type_chosen(self, index: int) -> None:
        event = self.current_event()
        if event is None or self._syncing:
            return
        value = "" if index == 0 else self.sub_type.itemText(index)
        if value != event.sub_type:
            self.gestures.run(self.gestures.session.change_event, event, sub_type=value)

    def _flag_clicked(self, name: str, checked: bool) -> None:
        event = self.current_event()
        if event is not None and not self._syncing:
            self.gestures.run(self.gestures.session.change_event, event, **{name: checked})
