"""The project's trained models with their dev scores; evaluate one, or suggest with it.

One row per model (newest first): id, when, base, articles, whose decisions, updates and
time, dev F1 overall and per label. "Evaluate" scores the selected model against an
annotator's done articles it was not trained on, next to its base (in a worker; the
result appears as a table below); "Suggest with this model" asks the window to re-suggest.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.services import models
from annotator.services.project import Project
from annotator.ui.workers import Worker

FIXED_COLUMNS = ["model", "trained", "from", "articles", "by", "updates", "time", "dev F1"]


class ModelsDialog(QDialog):
    """Lists `services.models.list_models(project)`; emits `resuggest(model_id)`."""

    resuggest = Signal(str)
    evaluated = Signal(object)  # EvaluationReport, or None after an error

    def __init__(self, project: Project, annotators: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Models — {project.path.name}")
        self.project_path = project.path
        self.records = list(reversed(models.list_models(project)))
        self.worker: Worker | None = None
        labels = sorted({label for record in self.records for label in record.labels})
        self.table = QTableWidget(len(self.records), len(FIXED_COLUMNS) + len(labels))
        self.table.setHorizontalHeaderLabels(FIXED_COLUMNS + labels)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, record in enumerate(self.records):
            values = [
                record.id,
                record.created_at[:16].replace("T", " "),
                record.base,
                f"{record.train_articles} + {record.dev_articles}",
                record.annotator,
                str(record.steps),
                f"{record.seconds:.0f} s",
                _f1(record.dev_f1),
            ]
            values += [_f1((record.dev_scores.get(label) or {}).get("f")) for label in labels]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.records:
            self.table.selectRow(0)
        self.against = QComboBox()
        for name in annotators:
            self.against.addItem(name)
        gold = self.against.findText("gold")
        if gold >= 0:
            self.against.setCurrentIndex(gold)
        self.evaluate_button = QPushButton("Evaluate", enabled=bool(self.records and annotators))
        self.evaluate_button.clicked.connect(lambda: self.evaluate())
        self.suggest_button = QPushButton("Suggest with this model", enabled=bool(self.records))
        self.suggest_button.clicked.connect(self._resuggest)
        self.result = QPlainTextEdit(readOnly=True)
        self.result.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.result.setPlaceholderText(
            "Evaluate: the selected model's entity suggestions against an annotator's "
            "done articles it was not trained on, next to its base model."
        )
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Against"))
        controls.addWidget(self.against)
        controls.addWidget(self.evaluate_button)
        controls.addStretch(1)
        controls.addWidget(self.suggest_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        folder = models.models_dir(project)
        heading = (
            f"{len(self.records)} model(s), newest first, in {folder}"
            if self.records
            else "No trained model yet: Model › Train a model…"
        )
        layout.addWidget(QLabel(heading))
        layout.addWidget(self.table, 2)
        layout.addLayout(controls)
        layout.addWidget(self.result, 3)
        layout.addWidget(buttons)
        self.resize(1100, 640)

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()].id if rows else None

    def evaluate(self, model_id: str | None = None) -> None:
        model_id = model_id or self.selected()
        if model_id is None or self.worker is not None:
            return
        against, path = self.against.currentText(), self.project_path

        def job(progress, cancelled):
            from annotator.services.evaluation import evaluate_model

            with Project.open(path, readonly=True) as project:
                return evaluate_model(
                    project, model_id, against=against, progress=lambda done, total: progress(done, total, "")
                )

        self.result.setPlainText(f"Evaluating {model_id} against {against}…")
        self.evaluate_button.setEnabled(False)
        self.worker = Worker(job)
        self.worker.signals.errored.connect(self._failed)
        self.worker.signals.finished.connect(self._finished)
        self.worker.start()

    def _failed(self, message: str) -> None:
        self.result.setPlainText(f"Evaluation failed: {message.splitlines()[0]}")
        if not os.environ.get("ANNOTATOR_NO_DIALOGS"):
            QMessageBox.warning(self, "Evaluation failed", message)

    def _finished(self, report) -> None:
        self.worker = None
        self.evaluate_button.setEnabled(True)
        if report is not None:
            self.result.setPlainText(report.table())
        self.evaluated.emit(report)

    def _resuggest(self) -> None:
        model_id = self.selected()
        if model_id is not None:
            self.resuggest.emit(model_id)
            self.accept()

    def reject(self) -> None:
        if self.worker is not None:
            self.result.appendPlainText("Still evaluating: close when it has finished.")
            return
        super().reject()


def _f1(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
