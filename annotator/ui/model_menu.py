"""The Model menu (train, models, evaluate, re-suggest), the status-bar model label, and the
quiet retraining hint. Attached to the main window with `ModelMenu(window)`.

The label names the model whose suggestions the annotator sees (the newest suggestion
set) and, for a model the project trained, its dev F1. After every `hint_every` articles
the annotator marks done since the latest model, the status bar says retraining may help.
Both are looked at a moment after an article opens (not in the keypress that opened it:
counting the done articles is a few ms at 100,000 articles), and at once on a new project.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from annotator.services import models
from annotator.ui import jobs
from annotator.ui.models_dialog import ModelsDialog
from annotator.ui.training_dialog import TrainingDialog

HINT_EVERY = 20
HINT_SETTING = "model/hintEvery"
REFRESH_DELAY_MS = 300


class ModelMenu(QObject):
    """Adds the Model menu and the model label to `window` (a `MainWindow`)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.hint_every = int(QSettings().value(HINT_SETTING, HINT_EVERY))
        self._hinted: dict[str, int] = {}
        self.dialog: TrainingDialog | ModelsDialog | None = None
        self.menu = QMenu("&Model", window)
        self.train_action = self._add("&Train a model on done articles…", lambda: self.open_training())
        self.models_action = self._add("&Models and scores…", self.open_models)
        self.evaluate_action = self._add("&Evaluate the latest model…", self.evaluate_latest)
        self.menu.addSeparator()
        self.resuggest_action = self._add("&Re-suggest with the latest model", lambda: self.resuggest(models.LATEST))
        bar = window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
        bar.insertMenu(help_menu, self.menu) if help_menu is not None else bar.addMenu(self.menu)
        self.label = QLabel()
        window.statusBar().insertPermanentWidget(0, self.label)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._shown_project: object = None
        window.articleOpened.connect(self._article_opened)
        self.refresh()

    def _article_opened(self, _article: int) -> None:
        if self.window.project is not self._shown_project:
            self.refresh()
        else:
            self._refresh_timer.start()

    def _add(self, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    # State ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Update the label and the actions; show the retraining hint when it is due."""
        self._refresh_timer.stop()
        project = self.window.project
        self._shown_project = project
        for action in (self.train_action, self.models_action, self.evaluate_action, self.resuggest_action):
            action.setEnabled(project is not None)
        if project is None:
            self.label.setText("")
            return
        name, record = models.active_model(project)
        if record is not None:
            f1 = "–" if record.dev_f1 is None else f"{record.dev_f1:.2f}"
            self.label.setText(f"Model {record.id} · dev F1 {f1}")
            self.label.setToolTip(models.describe(record))
        else:
            self.label.setText(f"Model {name}" if name else "No suggestions yet")
            self.label.setToolTip("The model whose suggestions you see")
        has_model = models.latest_model(project) is not None
        self.evaluate_action.setEnabled(has_model)
        self.resuggest_action.setEnabled(has_model)
        self._hint(project)

    def _hint(self, project) -> None:
        if self.hint_every <= 0:
            return
        done = models.done_since_latest_model(project, self.window.annotator)
        key = str(project.path)
        bucket = done // self.hint_every
        if bucket > self._hinted.get(key, 0):
            self._hinted[key] = bucket
            since = "since the last model" if models.latest_model(project) else "so far"
            self.window.status(f"{done} articles done {since}: Model › Train may improve the suggestions")

    def annotators(self) -> list[str]:
        return models.annotators(self.window.project) if self.window.project else []

    # Actions ----------------------------------------------------------------------------------

    def open_training(self, settings=None) -> TrainingDialog | None:
        project = self.window.project
        if project is None:
            return None
        dialog = TrainingDialog(
            project.path, self.annotators(), models.decided_count(project), self.window, settings=settings
        )
        dialog.trained.connect(lambda _report: self.refresh())
        dialog.resuggest.connect(self.resuggest)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_models(self) -> ModelsDialog | None:
        project = self.window.project
        if project is None:
            return None
        dialog = ModelsDialog(project, self.annotators(), self.window)
        dialog.resuggest.connect(self.resuggest)
        self.dialog = dialog
        dialog.show()
        return dialog

    def evaluate_latest(self) -> None:
        dialog = self.open_models()
        if dialog is not None and dialog.records:
            dialog.evaluate(dialog.records[0].id)

    def resuggest(self, model: str) -> None:
        """Pre-annotate with `model`; then reload the list and re-open the current article,
        so the annotator sees the new suggestions wherever they have not decided."""
        if self.window.project is None:
            return
        self.window.run_job(
            f"Suggesting with {model}", jobs.preannotate_job(self.window.project.path, model), self._after_resuggest
        )

    def _after_resuggest(self, report) -> None:
        window = self.window
        if report is not None:
            window.status(f"Re-suggested: {report.summary()}")
        if window.list_model is not None:
            window.list_model.reload()
        current = window.session.current.article.id if window.session and window.session.current else None
        if current is not None:
            window.open_article(current)
        self.refresh()
