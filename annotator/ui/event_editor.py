"""The selected event, readable and editable from the keyboard: type, sub-type, flags and
its arguments. F2 in the text comes here; Tab walks the fields; Delete removes the
selected argument; Esc goes back to the text. Every change is a session gesture (saved,
undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from annotator.core.model import Argument, Event
from annotator.ui.theme import chip_icon, role_colour

NONE = "—"


class ArgumentList(QListWidget):
    removeRequested = Signal(object)  # Argument
    leave = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item is not None:
            self.removeRequested.emit(item.data(Qt.ItemDataRole.UserRole))
        elif event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
        else:
            super().keyPressEvent(event)


class EventEditor(QWidget):
    typeChosen = Signal(str)
    subTypeChosen = Signal(str)
    flagToggled = Signal(str, bool)
    argumentRemoved = Signal(object)  # Argument
    leave = Signal()  # Esc: back to the text

    def __init__(self, scheme, parent=None):
        super().__init__(parent)
        self.scheme = scheme
        self.current: Event | None = None
        self.heading = QLabel("Select an event trigger (bold, boxed) in the text; F2 edits it here.")
        self.heading.setWordWrap(True)
        self.type = QComboBox()
        for name, spec in scheme.event_types.items():
            self.type.addItem(chip_icon(spec.colour), name, name)
        self.sub_type = QComboBox()
        for combo in (self.type, self.sub_type):
            combo.setMaxVisibleItems(12)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.flags = {name: QCheckBox(name) for name in ("negated", "hypothetical", "future")}
        flags = QGridLayout()
        flags.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.flags.values()):
            flags.addWidget(box, i // 2, i % 2)
        self.arguments = ArgumentList()
        self.arguments.setWordWrap(True)
        self.arguments.setToolTip("Delete removes the selected argument; E then a role key in the text adds one")
        self.arguments.setMaximumHeight(150)
        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.heading)
        form.addRow("&Type", self.type)
        form.addRow("&Sub-type", self.sub_type)
        form.addRow("Flags", flags)
        form.addRow("&Arguments", self.arguments)
        self._syncing = False
        self.type.activated.connect(lambda i: self._emit(self.typeChosen, self.type.itemData(i)))
        self.sub_type.activated.connect(
            lambda i: self._emit(
                self.subTypeChosen, "" if self.sub_type.itemText(i) == NONE else self.sub_type.itemText(i)
            )
        )
        for name, box in self.flags.items():
            box.clicked.connect(lambda checked, n=name: None if self._syncing else self.flagToggled.emit(n, checked))
        self.arguments.removeRequested.connect(self.argumentRemoved.emit)
        self.arguments.leave.connect(self.leave.emit)
        self.show_event(None, "")

    def _emit(self, signal, value) -> None:
        if not self._syncing and self.current is not None:
            signal.emit(value)

    def show_event(self, event: Event | None, text: str) -> None:
        """Fill the editor from `event` (None: disabled) on the article `text`."""
        self._syncing = True
        try:
            self.current = event
            for widget in (self.type, self.sub_type, self.arguments, *self.flags.values()):
                widget.setEnabled(event is not None)
            self.sub_type.clear()
            self.arguments.clear()
            if event is None:
                self.heading.setText("Select an event trigger (bold, boxed) in the text; F2 edits it here.")
                return
            trigger = text[event.trigger.start : event.trigger.end]
            self.heading.setText(f"<b>“{trigger}”</b> · {event.event_type} · {event.trigger.status}")
            self.type.setCurrentIndex(max(self.type.findData(event.event_type), 0))
            spec = self.scheme.event_types.get(event.event_type)
            self.sub_type.addItems([NONE, *(spec.sub_types if spec else ())])
            self.sub_type.setCurrentText(event.sub_type or NONE)
            for name, box in self.flags.items():
                box.setChecked(bool(getattr(event, name)))
            for argument in event.arguments:
                self.arguments.addItem(self._argument_item(argument, text))
        finally:
            self._syncing = False

    def _argument_item(self, argument: Argument, text: str) -> QListWidgetItem:
        words = " ".join(text[argument.span.start : argument.span.end].split())
        item = QListWidgetItem(chip_icon(role_colour(self.scheme, argument.role)), f"{argument.role}: {words}")
        item.setData(Qt.ItemDataRole.UserRole, argument)
        item.setToolTip(f"{argument.role}: {words} ({argument.span.status})")
        return item

    def focus(self) -> None:
        self.type.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
            return
        super().keyPressEvent(event)
