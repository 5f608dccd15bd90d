"""File › Project set-up…: the project at a glance and what can be set for it — the
annotator's name, the spaCy model pre-annotation uses — with its label scheme (colours and
keys), and shortcuts to import and pre-annotate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from annotator.core.scheme import LabelScheme
from annotator.ui.theme import chip_icon

BEST = "best installed"


def scheme_items(scheme: LabelScheme) -> list[QListWidgetItem]:
    """One line per label: entities, event types and roles, each with its colour and key."""
    items = []
    for kind, table in (("entity", scheme.entities), ("event", scheme.event_types), ("role", scheme.roles)):
        for name, label in table.items():
            items.append(QListWidgetItem(chip_icon(label.colour), f"{label.key or ' '}  {name}  ({kind})"))
    return items


class ProjectSetup(QDialog):
    importRequested = Signal()
    preannotateRequested = Signal()

    def __init__(
        self,
        path: str,
        stats: dict[str, Any],
        scheme: LabelScheme,
        annotator: str,
        model: str | None,
        models: list[str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Project set-up")
        where = QLabel(path)
        where.setWordWrap(True)
        pre = ", ".join(f"{m['model']} ({m['articles']})" for m in stats.get("models", [])) or "not yet"
        counts = QLabel(f"{stats.get('articles', 0)} articles · pre-annotated by: {pre}")
        counts.setWordWrap(True)
        self.name = QLineEdit(annotator)
        self.model = QComboBox()
        self.model.addItems([BEST, *models])
        self.model.setCurrentText(model or BEST)
        labels = QListWidget()
        for item in scheme_items(scheme):
            labels.addItem(item)
        labels.setMinimumHeight(180)
        importing = QPushButton("&Import articles…")
        importing.clicked.connect(lambda: (self.accept(), self.importRequested.emit()))
        preannotating = QPushButton("&Pre-annotate now")
        preannotating.clicked.connect(lambda: (self.accept(), self.preannotateRequested.emit()))
        form = QFormLayout(self)
        form.addRow("Project file", where)
        form.addRow("Articles", counts)
        form.addRow("Your &name", self.name)
        form.addRow("spaCy &model", self.model)
        form.addRow(f"Label scheme: {scheme.name} v{scheme.version}", labels)
        form.addRow(importing, preannotating)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, 560)

    def chosen_model(self) -> str:
        """'' for the best installed pipeline, else its name."""
        return "" if self.model.currentText() == BEST else self.model.currentText()
