"""Train a model on the project's decided articles, off the GUI thread, with progress.

The dialog asks whose decisions to learn from, the seed and a time limit; a worker runs
`services.training.train_model` on its own connection and reports every update (step,
epoch, loss, dev F1 at each evaluation) through a signals object that lives on the GUI
thread. Cancel stops before the next update and keeps nothing. When the model is saved the
dialog offers to re-suggest with it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.ui.workers import Worker

if TYPE_CHECKING:
    from annotator.services.training import TrainingProgress, TrainSettings

DONE_CHOICE = "everyone (done articles, gold first)"


class _TrainingSignals(QObject):
    step = Signal(object)  # TrainingProgress
    stage = Signal(str)


class TrainingDialog(QDialog):
    """Choose the training set, start, watch, cancel; `resuggest(model_id)` when asked."""

    trained = Signal(object)  # TrainReport, or None after an error
    resuggest = Signal(str)

    def __init__(
        self,
        project_path: Path,
        annotators: list[str],
        done_count: int,
        parent=None,
        settings: TrainSettings | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Train a model")
        self.project_path = project_path
        self.settings = settings
        self.worker: Worker | None = None
        self.report = None
        self._close_when_done = False
        self.signals = _TrainingSignals(self)
        self.signals.step.connect(self._step)
        self.signals.stage.connect(self._stage)

        self.source = QComboBox()
        self.source.addItem(DONE_CHOICE, "done")
        for name in annotators:
            self.source.addItem(name, name)
        self.seed = QSpinBox(minimum=0, maximum=9999)
        self.limit = QSpinBox(minimum=0, maximum=600, suffix=" min", specialValueText="none")
        form = QFormLayout()
        form.addRow("Learn from", self.source)
        form.addRow("Seed", self.seed)
        form.addRow("Time limit", self.limit)
        intro = QLabel(
            f"{done_count} article(s) are marked done. The base model's entity recogniser is fine-tuned on "
            "them (one in five held out for dev scores); quotes, events and the entity rules stay as they are. "
            "About a minute or two on a laptop."
        )
        intro.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setFormat("%v / %m updates")
        self.bar.setValue(0)
        self.state = QLabel("Not started")
        self.checkpoints = QTableWidget(0, 5)
        self.checkpoints.setHorizontalHeaderLabels(["step", "epoch", "loss", "dev F1", "seconds"])
        self.checkpoints.verticalHeader().hide()
        self.checkpoints.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.checkpoints.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.start_button = QPushButton("Train")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel training", enabled=False)
        self.cancel_button.clicked.connect(self.cancel)
        self.suggest_button = QPushButton("Suggest with the new model", visible=False)
        self.suggest_button.clicked.connect(self._resuggest)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in (self.start_button, self.cancel_button, self.suggest_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.state)
        layout.addWidget(self.checkpoints)
        layout.addWidget(buttons)
        self.resize(560, 520)

    @property
    def running(self) -> bool:
        return self.worker is not None

    def start(self) -> None:
        if self.running:
            return
        annotator = str(self.source.currentData())
        seed, minutes = self.seed.value(), self.limit.value()
        path, settings, signals = self.project_path, self.settings, self.signals

        def job(progress, cancelled):
            from annotator.services.project import Project
            from annotator.services.training import TrainSettings, train_model

            def report(message: str, step: TrainingProgress | None) -> None:
                if step is None:
                    signals.stage.emit(message)
                else:
                    signals.step.emit(step)

            with Project.open(path) as project:
                return train_model(
                    project,
                    annotator,
                    seed=seed,
                    max_time=minutes * 60 or None,
                    settings=settings or TrainSettings(),
                    progress=report,
                    cancelled=cancelled,
                )

        self.checkpoints.setRowCount(0)
        self.suggest_button.hide()
        self.bar.setRange(0, 0)
        self.state.setText("Starting…")
        self.worker = Worker(job)
        self.worker.signals.errored.connect(self._failed)
        self.worker.signals.finished.connect(self._finished)
        for widget in (self.start_button, self.source, self.seed, self.limit):
            widget.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.state.setText("Cancelling at the next update…")

    def _stage(self, message: str) -> None:
        self.state.setText(message[:1].upper() + message[1:] + "…")

    def _step(self, step: TrainingProgress) -> None:
        if step.max_steps:
            self.bar.setRange(0, step.max_steps)
            self.bar.setValue(step.step)
        f1 = "–" if step.dev_f1 is None else f"{step.dev_f1:.3f}"
        self.state.setText(
            f"Training: step {step.step}{f'/{step.max_steps}' if step.max_steps else ''} · "
            f"epoch {step.epoch} · dev F1 {f1} · {step.seconds:.0f} s"
        )
        if step.evaluated:
            row = self.checkpoints.rowCount()
            self.checkpoints.insertRow(row)
            loss = "–" if step.loss is None else f"{step.loss:.1f}"
            for column, text in enumerate((str(step.step), str(step.epoch), loss, f1, f"{step.seconds:.0f}")):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.checkpoints.setItem(row, column, item)
            self.checkpoints.scrollToBottom()

    def _failed(self, message: str) -> None:
        self.state.setText(f"Training failed: {message.splitlines()[0]}")
        if not os.environ.get("ANNOTATOR_NO_DIALOGS"):
            QMessageBox.warning(self, "Training failed", message)

    def _finished(self, report) -> None:
        self.worker = None
        self.report = report
        self.cancel_button.setEnabled(False)
        for widget in (self.start_button, self.source, self.seed, self.limit):
            widget.setEnabled(True)
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        if report is not None:
            self.state.setText(report.summary())
            self.state.setWordWrap(True)
            if report.record is not None:
                self.bar.setValue(self.bar.maximum())
                self.suggest_button.show()
        self.trained.emit(report)
        if self._close_when_done:
            super().reject()

    def _resuggest(self) -> None:
        if self.report is not None and self.report.record is not None:
            self.resuggest.emit(self.report.record.id)
            self.accept()

    def reject(self) -> None:
        """Close; while training, cancel first and close when the worker has stopped."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.running:
            self._close_when_done = True
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
