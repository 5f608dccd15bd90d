"""The actor dictionary view: every actor with its aliases, type, Wikidata id and parent.

A table to browse and filter, a form to edit the selected actor, and buttons to add,
delete, merge (fold one actor into another, keeping its links), load the bundled seed,
and import or export CSV. Every change is saved at once through the actor service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.actors import Actor, InteractionCode
from annotator.core.errors import AnnotatorError
from annotator.services import actors as service
from annotator.services.project import Project

COLUMNS = ("Name", "Aliases", "ACLED type", "Wikidata", "Parent", "Linked")


class ActorDictionaryDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Actor dictionary")
        self.setObjectName("actorDictionary")
        self.project = project
        self.actors: list[Actor] = []
        self.filter = QLineEdit(placeholderText="Filter by name or alias…", clearButtonEnabled=True)
        self.filter.textChanged.connect(self.apply_filter)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.summary = QLabel()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter)
        column.addWidget(self.table)
        column.addWidget(self.summary)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._form())
        splitter.setSizes([700, 320])
        buttons = QHBoxLayout()
        for text, slot in (
            ("New actor", self.new_actor),
            ("Delete", self.delete_actor),
            ("Merge into…", self.merge),
            ("Load bundled seed", self.load_seed),
            ("Import CSV…", self.import_csv),
            ("Export CSV…", self.export_csv),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addLayout(buttons)
        self.resize(1180, 620)
        self.reload()

    def _form(self) -> QWidget:
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.name = QLineEdit()
        self.aliases = QPlainTextEdit(placeholderText="one alias a line")
        self.code = QComboBox()
        self.code.addItem("—", None)
        for code in InteractionCode:
            self.code.addItem(f"{int(code)} {code.title}", code)
        self.actor_type = QLineEdit(placeholderText="e.g. Jihadist insurgents")
        self.label = QComboBox(editable=True)
        self.label.addItems(["", "ARMED_GROUP", "ORG", "GPE", "NORP", "PERSON"])
        self.wikidata = QLineEdit(placeholderText="Q… (typed by you; never looked up)")
        self.wikidata.setValidator(QRegularExpressionValidator(QRegularExpression(r"(Q[1-9][0-9]*)?")))
        self.parent_actor = QComboBox()
        self.note = QLineEdit()
        for text, widget in (
            ("Name", self.name),
            ("Aliases", self.aliases),
            ("ACLED type", self.code),
            ("Type (own words)", self.actor_type),
            ("Entity label", self.label),
            ("Wikidata id", self.wikidata),
            ("Parent", self.parent_actor),
            ("Note", self.note),
        ):
            form.addRow(text, widget)
        save = QPushButton("Save actor")
        save.clicked.connect(self.save)
        form.addRow(save)
        self.current_id: int | None = None
        return form_widget

    # Content -----------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self.actors = service.project_actors(self.project)
        linked = service.linked_counts(self.project)
        self.table.setRowCount(len(self.actors))
        for row, actor in enumerate(self.actors):
            code = f"{int(actor.interaction_code)} {actor.interaction_code.title}" if actor.interaction_code else ""
            values = (
                actor.name,
                " | ".join(actor.aliases),
                code,
                actor.wikidata,
                actor.parent,
                str(linked.get(actor.id, 0)),
            )  # type: ignore[arg-type]  # a listed actor is stored: id set
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, actor.id)
                self.table.setItem(row, column, item)
        self.parent_actor.clear()
        self.parent_actor.addItem("", "")
        for actor in self.actors:
            self.parent_actor.addItem(actor.name, actor.name)
        self.summary.setText(
            f"{len(self.actors)} actors, {sum(len(a.aliases) for a in self.actors)} aliases, "
            f"{sum(linked.values())} linked spans"
            + ("" if self.actors else " — empty: load the bundled seed or import a CSV")
        )
        self.apply_filter(self.filter.text())
        if select is not None:
            self.select_actor(select)

    def apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row, actor in enumerate(self.actors):
            shown = not needle or any(needle in name.casefold() for name in actor.names)
            self.table.setRowHidden(row, not shown)

    def select_actor(self, actor_id: int) -> None:
        for row, actor in enumerate(self.actors):
            if actor.id == actor_id:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))

    def selected_actor(self) -> Actor | None:
        rows = self.table.selectionModel().selectedRows()
        return self.actors[rows[0].row()] if rows else None

    def show_selected(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        self.current_id = actor.id
        self.name.setText(actor.name)
        self.aliases.setPlainText("\n".join(actor.aliases))
        self.code.setCurrentIndex(self.code.findData(actor.interaction_code) if actor.interaction_code else 0)
        self.actor_type.setText(actor.actor_type)
        self.label.setCurrentText(actor.label)
        self.wikidata.setText(actor.wikidata)
        self.parent_actor.setCurrentIndex(max(self.parent_actor.findData(actor.parent), 0))
        self.note.setText(actor.note)

    def form_actor(self) -> Actor:
        aliases = tuple(line.strip() for line in self.aliases.toPlainText().splitlines() if line.strip())
        return Actor(
            self.name.text(),
            aliases,
            self.code.currentData(),
            self.actor_type.text(),
            self.label.currentText(),
            self.wikidata.text(),
            self.parent_actor.currentData() or "",
            self.note.text(),
            self.current_id,
        )

    # Actions ------------------------------------------------------------------------------------

    def _do(self, action, *args):
        try:
            return action(*args)
        except AnnotatorError as error:
            QMessageBox.warning(self, "Actor dictionary", str(error))
            return None

    def new_actor(self) -> None:
        self.table.clearSelection()
        self.current_id = None
        for widget in (self.name, self.actor_type, self.wikidata, self.note):
            widget.clear()
        self.aliases.clear()
        self.code.setCurrentIndex(0)
        self.label.setCurrentText("")
        self.parent_actor.setCurrentIndex(0)
        self.name.setFocus()

    def save(self) -> None:
        saved = self._do(service.save_actor, self.project, self.form_actor())
        if saved is not None:
            self.reload(select=saved.id)

    def delete_actor(self) -> None:
        actor = self.selected_actor()
        if actor is not None and self._do(service.remove_actor, self.project, actor.id) is None:
            self.reload()

    def merge(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            return
        names = [a.name for a in self.actors if a.id != actor.id]
        target, ok = QInputDialog.getItem(
            self, "Merge actor", f"Fold “{actor.name}” (names, links) into:", names, 0, False
        )
        if ok and target:
            target_id = next(a.id for a in self.actors if a.name == target)
            merged = self._do(service.merge_actors, self.project, actor.id, target_id)
            if merged is not None:
                self.reload(select=merged.id)

    def load_seed(self) -> None:
        counts = self._do(service.load_seed, self.project)
        if counts is not None:
            self.reload()
            self.summary.setText(self.summary.text() + f" — seed: {counts[0]} added, {counts[1]} updated")

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import actors", str(Path.home()), "CSV (*.csv);;All files (*)")
        if not path:
            return
        result = self._do(service.import_csv, self.project, Path(path))
        if result is not None:
            added, updated, problems = result
            self.reload()
            if problems:
                QMessageBox.information(
                    self, "Import actors", f"{added} added, {updated} updated\n\n" + "\n".join(problems[:20])
                )

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export actors", str(Path.home() / "actors.csv"), "CSV (*.csv)")
        if path:
            self._do(service.export_csv, self.project, Path(path))
