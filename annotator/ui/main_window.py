"""The main window: article view in the centre, article list and panels in docks.

It wires widgets to the session and the listing service; gestures live in `Gestures`,
long jobs in `workers`. Nothing here writes SQL or decides what an edit means.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFileDialog, QInputDialog, QLabel, QMainWindow, QMessageBox,
    QProgressBar, QPushButton, QStackedWidget,
)

from annotator.core.errors import AnnotatorError, ProjectCorruptError
from annotator.core.resources import resource_path
from annotator.core.scheme import LabelScheme
from annotator.services import listing
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.ui import jobs
from annotator.ui.article_list_model import ArticleListModel
from annotator.ui.article_list_panel import ArticleListPanel
from annotator.ui.actor_menu import install_actor_menu
from annotator.ui.article_view import ArticleView
from annotator.ui.backups import BackupTimer, offer_restore
from annotator.ui.cheat_sheet import CheatSheet
from annotator.ui.gestures import Gestures
from annotator.ui.model_menu import ModelMenu
from annotator.ui.side_panels import SidePanels
from annotator.ui.assignee_filter import install_assignee_filter
from annotator.ui.team_menu import install_team_menu
from annotator.ui.theme import apply_theme, is_dark
from annotator.ui.welcome import WelcomePage
from annotator.ui.workers import Worker
from annotator.ui.new_project_dialog import NewProjectDialog


def data_dir() -> Path:
    base = os.environ.get("ANNOTATOR_DATA_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


class MainWindow(QMainWindow):
    articleOpened = Signal(int)

    def __init__(self, annotator: str, parent=None):
        super().__init__(parent)
        self.annotator = annotator
        self.settings = QSettings()
        self.project: Project | None = None
        self.session: AnnotationSession | None = None
        self.gestures: Gestures | None = None
        self.view: ArticleView | None = None
        self.list_model: ArticleListModel | None = None
        self.list_panel: ArticleListPanel | None = None
        self.panels: SidePanels | None = None
        self.worker: Worker | None = None
        self.setWindowTitle("annotator")
        self.setWindowIcon(QIcon(str(resource_path("icons", "annotator.svg"))))
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.list_dock = QDockWidget("Articles", self, objectName="articlesDock")
        self.panel_dock = QDockWidget("Annotations", self, objectName="annotationsDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.list_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel_dock)
        self.mode_label = QLabel()
        self.job_bar = QProgressBar(maximumWidth=220, visible=False)
        self.cancel_button = QPushButton("Cancel", visible=False)
        self.cancel_button.clicked.connect(self.cancel_job)
        for widget in (self.mode_label, self.job_bar, self.cancel_button):
            self.statusBar().addPermanentWidget(widget)
        self.welcome.newProject.connect(self.new_project)
        self.welcome.openProject.connect(self.choose_project)
        self.welcome.importArticles.connect(self.import_articles)
        self.welcome.openSample.connect(self.open_sample)
        self.backups = BackupTimer(self)
        self.backups.message.connect(self.status)
        self._build_menus()
        install_team_menu(self)
        self.actor_tools = install_actor_menu(self)
        self.model_menu = ModelMenu(self)
        self.restoreGeometry(self.settings.value("geometry", b""))
        self.restoreState(self.settings.value("windowState", b""))
        if not self.settings.value("geometry"):
            self._first_size()

    def _first_size(self) -> None:
        """1360x860 logical pixels, but never larger than the screen (e.g. at 200% scaling)."""
        screen = QApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 1360, 860
        if available is not None:
            width, height = min(width, int(available.width() * 0.95)), min(height, int(available.height() * 0.95))
        self.resize(width, height)
        self.resizeDocks([self.list_dock, self.panel_dock], [width * 440 // 1360, width * 380 // 1360],
                         Qt.Orientation.Horizontal)

    # Menus ------------------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New project…", self.new_project, "Ctrl+N")
        self._action(file, "&Open project…", self.choose_project, "Ctrl+O")
        self._action(file, "Open the bundled &sample", self.open_sample)
        file.addSeparator()
        self._action(file, "&Import articles…", self.import_articles, "Ctrl+I")
        self._action(file, "&Pre-annotate with spaCy", self.preannotate, "Ctrl+P")
        file.addSeparator()
        self._action(file, "Change annotator &name…", self.change_name)
        self._action(file, "spaCy &model…", self.choose_model)
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", lambda: self.gestures and self.gestures.undo())
        self.undo_action.setShortcutVisibleInContextMenu(True)
        self.undo_action.setText("Undo\tCtrl+Z")
        self.redo_action = self._action(edit, "Redo\tCtrl+Shift+Z", lambda: self.gestures and self.gestures.redo())
        self._action(edit, "Accept &all suggestions\tCtrl+Shift+A", lambda: self.gestures and self.gestures.accept_all())
        self._action(edit, "Mark done and &next\tEnter", lambda: self.gestures and self.gestures.done_and_next())
        self._action(edit, "&Search articles", self.focus_search, "Ctrl+F")
        self._action(edit, "Go to article &list", self.focus_list, "Ctrl+L")
        self._action(edit, "Go to article &text", self.focus_view, "Ctrl+T")
        view = bar.addMenu("&View")
        themes = QActionGroup(self)
        current = self.settings.value("theme", "system")
        for name in ("system", "light", "dark"):
            action = self._action(view, f"{name.title()} theme", lambda _=False, n=name: self.set_theme(n))
            action.setCheckable(True)
            action.setChecked(name == current)
            themes.addAction(action)
        view.addSeparator()
        self._action(view, "Larger text", lambda: self.zoom(1), "Ctrl++")
        self._action(view, "Smaller text", lambda: self.zoom(-1), "Ctrl+-")
        view.addSeparator()
        view.addAction(self.list_dock.toggleViewAction())
        view.addAction(self.panel_dock.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard (F1, ?)", self.show_cheat_sheet, "F1")

    # Project -----------------------------------------------------------------------------------

    def open_project(self, path: str | Path, scheme: LabelScheme | None = None) -> bool:
        try:
            project = Project.open(path, scheme=scheme)
            session = AnnotationSession(project, self.annotator)
        except ProjectCorruptError as error:
            if offer_restore(self, path, error):
                return self.open_project(path)
            self.error(f"Cannot open {path}", str(error))
            return False
        except AnnotatorError as error:
            self.error(f"Cannot open {path}", str(error))
            return False
        if self.project is not None:
            self.project.close()
        self.project, self.session = project, session
        self.view = ArticleView(project.scheme)
        self.view.setFont(self._font())
        self.gestures = Gestures(session, self.view, self)
        self.gestures.message.connect(self.status)
        self.gestures.modeChanged.connect(self.mode_label.setText)
        self.gestures.doneAndNext.connect(self.open_next)
        self.gestures.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.gestures.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        while self.stack.count() > 1:
            self.stack.removeWidget(self.stack.widget(1))
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.list_model = ArticleListModel(project, self.annotator, self)
        self.list_panel = ArticleListPanel(self.list_model)
        self.list_panel.articleActivated.connect(self.open_article)
        self.list_dock.setWidget(self.list_panel)
        install_assignee_filter(self.list_panel, project, self.annotator)
        self.panels = SidePanels(self.gestures)
        self.panel_dock.setWidget(self.panels)
        self.backups.watch(path)
        self.settings.setValue("lastProject", str(Path(path).resolve()))
        self.setWindowTitle(f"{Path(path).name} — annotator ({self.annotator})")
        last = self.settings.value(f"lastArticle/{Path(path).resolve()}")
        ids = self.list_model.ids
        if ids:
            self.open_article(int(last) if last and int(last) in ids else ids[0])
        else:
            self.status("The project is empty: File › Import articles (Ctrl+I)")
        return True

    def open_article(self, article_id: int) -> None:
        if self.gestures is None or self.project is None:
            return
        previous = self.session.current.article.id if self.session and self.session.current else None
        try:
            self.gestures.open(article_id)
        except (AnnotatorError, KeyError) as error:
            self.error("Cannot open the article", str(error))
            return
        if previous is not None and self.list_model is not None:
            self.list_model.refresh_article(previous)
        if self.list_model is not None:
            self.list_model.refresh_article(article_id)
        if self.list_panel is not None:
            self.list_panel.show_article(article_id)
        self.settings.setValue(f"lastArticle/{self.project.path.resolve()}", article_id)
        article = self.session.current.article  # type: ignore[union-attr]
        pending = len(self.session.suggestions())  # type: ignore[union-attr]
        self.status(f"{article.title or 'article'} — {pending} suggestions to decide · Tab next · F1 keys")
        self.view.setFocus()  # type: ignore[union-attr]
        self.articleOpened.emit(article_id)

    def open_next(self) -> None:
        if self.project is None or self.session is None or self.session.current is None:
            return
        current = self.session.current.article.id
        if self.list_model is not None:
            self.list_model.refresh_article(current)  # type: ignore[arg-type]
        following = listing.next_article(self.project, self.annotator, current)  # type: ignore[arg-type]
        if following is None:
            self.status("Every article is done. 🎉")
            return
        self.open_article(following)

    def new_project(self) -> None:
        dialog = NewProjectDialog(data_dir(), self)
        if dialog.exec() and dialog.scheme is not None:
            self.open_project(dialog.chosen_path(), dialog.scheme)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(data_dir()), "Projects (*.db);;All files (*)")
        if path:
            self.open_project(path)

    def open_sample(self) -> None:
        path = data_dir() / "sample.db"
        sample = resource_path("samples", "ukraine-russia-pow-exchange.txt")
        if path.exists():
            self.open_project(path)
            return
        self.run_job("Importing the sample", jobs.import_job(path, [sample], self.annotator),
                     lambda _report: self.open_project(path))

    def import_articles(self) -> None:
        if self.project is None:
            self.new_project()
            if self.project is None:
                return
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", str(Path.home()),
                                                "Articles (*.txt *.html *.htm *.jsonl *.json *.ann);;All files (*)")
        if files:
            path = self.project.path
            self.run_job("Importing", jobs.import_job(path, [Path(f) for f in files], self.annotator),
                         lambda report: self._after_import(report))

    def _after_import(self, report) -> None:
        if report is not None:
            self.status(f"Import: {report.summary()}")
            if report.problems:
                QMessageBox.information(self, "Import", report.summary() + "\n\n" + "\n".join(report.problems[:20]))
        if self.list_model is not None:
            self.list_model.reload()

    def preannotate(self) -> None:
        if self.project is None:
            self.status("Open a project first")
            return
        self.run_job("Pre-annotating", jobs.preannotate_job(self.project.path, self.model()), self._after_preannotate)

    def _after_preannotate(self, report) -> None:
        if report is not None:
            self.status(f"Pre-annotation: {report.summary()}")
        if self.list_model is not None:
            self.list_model.reload()

    def model(self) -> str | None:
        """The spaCy pipeline chosen in the preferences; None: the best installed."""
        return str(self.settings.value("model", "") or "") or None

    def choose_model(self) -> None:
        from annotator.services.preannotate import available_models

        best = "best installed"
        choices = [best] + available_models()
        current = self.model() or best
        name, ok = QInputDialog.getItem(self, "spaCy model", "Pre-annotate with:", choices,
                                        choices.index(current) if current in choices else 0, False)
        if ok:
            self.settings.setValue("model", "" if name == best else name)
            self.status(f"model: {name} (used by the next pre-annotation)")

    def change_name(self) -> None:
        name, ok = QInputDialog.getText(self, "Annotator", "Your name (kept with every decision):", text=self.annotator)
        if ok and name.strip():
            self.annotator = name.strip()
            self.settings.setValue("annotator", self.annotator)
            if self.project is not None:
                self.open_project(self.project.path)

    # Jobs ---------------------------------------------------------------------------------------

    def run_job(self, title: str, job, done=None, quiet: bool = False) -> Worker | None:
        if self.worker is not None and not quiet:
            self.status("Another job is running; wait or cancel it")
            return None
        worker = Worker(job)
        if not quiet:
            self.worker = worker
            self.job_bar.setFormat(f"{title} %v")
            self.job_bar.setRange(0, 0)
            self.job_bar.show()
            self.cancel_button.show()
            worker.signals.progress.connect(lambda d, t, m: self._job_progress(title, d, t, m))
        worker.signals.errored.connect(lambda message: self.error(f"{title} failed", message) if not quiet
                                       else self.status(f"{title}: {message.splitlines()[0]}"))

        def finished(result) -> None:
            if not quiet:
                self.worker = None
                self.job_bar.hide()
                self.cancel_button.hide()
            if done is not None:
                done(result)
        worker.signals.finished.connect(finished)
        return worker.start()

    def _job_progress(self, title: str, done: int, total: int, message: str) -> None:
        self.job_bar.setRange(0, total)
        self.job_bar.setValue(done)
        self.job_bar.setFormat(f"{title} {done}" + (f"/{total}" if total else ""))

    def cancel_job(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status("Cancelling… finished batches are kept")

    # Look and helpers -----------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self.settings.setValue("theme", name)
        apply_theme(QApplication.instance(), name)  # type: ignore[arg-type]
        if self.view is not None:
            self.view.set_dark(is_dark())

    def _font(self):
        font = QApplication.font()
        font.setPointSizeF(float(self.settings.value("fontSize", max(font.pointSizeF(), 11.0))))
        return font

    def zoom(self, step: int) -> None:
        size = max(7.0, min(40.0, self._font().pointSizeF() + step))
        self.settings.setValue("fontSize", size)
        if self.view is not None:
            self.view.setFont(self._font())

    def show_cheat_sheet(self) -> None:
        from annotator.core.scheme import LabelScheme

        CheatSheet(self.project.scheme if self.project else LabelScheme.default(), self).exec()

    def focus_search(self) -> None:
        if self.list_panel is not None:
            self.list_dock.show()
            self.list_panel.search.setFocus()

    def focus_list(self) -> None:
        if self.list_panel is not None:
            self.list_panel.table.setFocus()

    def focus_view(self) -> None:
        if self.view is not None:
            self.view.setFocus()

    def status(self, message: str) -> None:
        self.statusBar().showMessage(message, 0)

    def error(self, title: str, message: str) -> None:
        self.status(f"{title}: {message.splitlines()[0] if message else ''}")
        if not os.environ.get("ANNOTATOR_NO_DIALOGS"):
            QMessageBox.warning(self, title, message)

    def keyPressEvent(self, event) -> None:
        if event.text() == "?":
            self.show_cheat_sheet()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None:
            self.worker.cancel()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
