"""Entities, quotes and events of the open article, in sync with the view.

Selecting a row selects its span in the article. The quotes tab edits the selected
quote's kind; the events tab shows the selected event in an `EventEditor` (type,
sub-type, flags, arguments), then its coding (`EventCodingPanel`: date, claims, codebook
warnings, scrollable), then the list. Changes go through the session (saved and
undoable like any gesture). F2 in the text focuses the editor of the selection.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Argument, Event, Quote, QuoteKind, Span, Status
from annotator.ui.entity_model import EntityModel
from annotator.ui.event_coding_panel import EventCodingPanel
from annotator.ui.event_editor import EventEditor
from annotator.ui.event_model import EventModel
from annotator.ui.gestures import Gestures
from annotator.ui.quote_model import QuoteModel
from annotator.ui.table_base import RowsModel


def _table(model: RowsModel, widths: dict[int, str]) -> QTableView:
    """A table over `model`. Columns are as wide as their `widths` sample text (and a colour
    chip), not measured on every row: measuring each cell on every article, as
    ResizeToContents does, cost a second layout and paint of the table per Enter."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = view.fontMetrics()
    for column, sample in widths.items():
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 2 * metrics.height() + 8)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def _scrolled(widget: QWidget, sideways: bool) -> QScrollArea:
    """`widget` in a scroll area: it scrolls down when short of room, and sideways only when
    `sideways` (the coding panel is wider than a narrow dock; the editor never is)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    if not sideways:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class SidePanels(QTabWidget):
    def __init__(self, gestures: Gestures, parent=None):
        super().__init__(parent)
        self.gestures = gestures
        scheme = gestures.session.project.scheme
        self.entities, self.quotes, self.events = EntityModel(scheme, self), QuoteModel(self), EventModel(scheme, self)
        longest_label = max(scheme.entities, key=len, default="LABEL")
        status = str(Status.SUGGESTED)
        self.entity_table, self.quote_table, self.event_table = (
            _table(self.entities, {1: longest_label, 2: status}),
            _table(self.quotes, {1: "Speaker name", 2: "announced", 3: str(QuoteKind.INDIRECT), 4: status}),
            _table(self.events, {0: "Trigger word", 2: status}),
        )
        for table, stretch in ((self.entity_table, 0), (self.event_table, 1), (self.quote_table, 0)):
            table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setStretchLastSection(False)
        self.addTab(self.entity_table, "Entities")
        quotes_page = QWidget()
        quotes_layout = QVBoxLayout(quotes_page)
        quotes_layout.setContentsMargins(0, 0, 0, 0)
        self.quote_kind = QComboBox()
        self.quote_kind.addItems([kind.value for kind in QuoteKind])
        self.quote_kind.setToolTip("Kind of the selected quote (F2 in the text comes here)")
        kind_row = QHBoxLayout()
        kind_row.setContentsMargins(4, 2, 4, 2)
        kind_row.addWidget(QLabel("&Kind", buddy=self.quote_kind))
        kind_row.addWidget(self.quote_kind, 1)
        quotes_layout.addLayout(kind_row)
        quotes_layout.addWidget(self.quote_table)
        self.addTab(quotes_page, "Quotes")
        self.editor = EventEditor(scheme)
        self.coding = EventCodingPanel(gestures)
        editor, coding = _scrolled(self.editor, sideways=False), _scrolled(self.coding, sideways=True)
        events_page = QSplitter(Qt.Orientation.Vertical)
        for part, stretch in ((editor, 2), (coding, 2), (self.event_table, 1)):
            events_page.addWidget(part)
            events_page.setStretchFactor(events_page.count() - 1, stretch)
        self.addTab(events_page, "Events")
        self._syncing = False
        for model in (self.entities, self.quotes, self.events):
            model.skip_same = True  # most gestures leave a table's rows as they were
        for table in (self.entity_table, self.quote_table, self.event_table):
            table.selectionModel().selectionChanged.connect(
                lambda selected, _deselected, t=table: self._row_selected(t, selected)
            )
        self.quote_kind.activated.connect(self._quote_kind_chosen)
        self.editor.typeChosen.connect(self._type_chosen)
        self.editor.subTypeChosen.connect(lambda value: self._change_event(sub_type=value))
        self.editor.flagToggled.connect(lambda name, on: self._change_event(**{name: on}))
        self.editor.argumentRemoved.connect(self._remove_argument)
        self.editor.leave.connect(gestures.view.setFocus)
        gestures.changed.connect(self.refresh)
        gestures.editRequested.connect(self.focus_editor)

    # Keeping in step with the session ------------------------------------------------------

    def refresh(self) -> None:
        session = self.gestures.session
        if session.current is None:
            return
        text, annotations = session.text, session.annotations
        self._syncing = True
        try:
            for model, table in (
                (self.entities, self.entity_table),
                (self.quotes, self.quote_table),
                (self.events, self.event_table),
            ):
                table.selectionModel().clear()  # as the reset it skips would
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
            self._select_row(self.quote_table, self.quotes.items, quote.id)

    def _sync_event_editor(self) -> None:
        event = self.current_event()
        self.editor.show_event(event, self.gestures.session.text)
        if event is not None:
            self._select_row(self.event_table, self.events.items, event.id)

    @staticmethod
    def _select_row(table: QTableView, items: list, item_id: int | None) -> None:
        row = next((i for i, item in enumerate(items) if item.id == item_id), None)
        if row is not None:
            table.selectRow(row)

    def focus_editor(self) -> None:
        """F2: the selected event's editor, or the selected quote's kind."""
        if self.current_event() is not None:
            self.setCurrentIndex(2)
            self.editor.focus()
        elif self.current_quote() is not None:
            self.setCurrentIndex(1)
            self.quote_kind.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.gestures.message.emit("F2 edits a selected event or quote: select its trigger or content first")

    # Gestures from the panels ----------------------------------------------------------------

    def _row_selected(self, table: QTableView, selected: QItemSelection) -> None:
        if self._syncing or not selected.indexes():
            return
        item = selected.indexes()[0].data(RowsModel.ItemRole)
        span: Span | None = (
            item.trigger if isinstance(item, Event) else item.content if isinstance(item, Quote) else item
        )
        if span is not None:
            self.gestures.select(span)

    def _quote_kind_chosen(self, index: int) -> None:
        quote = self.current_quote()
        kind = QuoteKind(self.quote_kind.itemText(index))
        if quote is not None and not self._syncing and kind != quote.kind:
            self.gestures.run(self.gestures.session.change_quote_kind, quote, kind)

    def _type_chosen(self, event_type: str) -> None:
        event = self.current_event()
        if event is not None and event_type != event.event_type:
            self.gestures.run(self.gestures.session.relabel, event.trigger, event_type)

    def _change_event(self, **changes: object) -> None:
        event = self.current_event()
        if event is not None and any(getattr(event, k) != v for k, v in changes.items()):
            self.gestures.run(self.gestures.session.change_event, event, **changes)

    def _remove_argument(self, argument: Argument) -> None:
        event = self.current_event()
        if event is not None:
            self.gestures.run(self.gestures.session.remove_argument, event, argument)
