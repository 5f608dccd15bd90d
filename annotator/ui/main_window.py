"""The main window: the article (title, legend, text) in the centre, the article list and
the annotation panels in docks, menus, and the status bar.

It wires widgets to the session and the listing service; gestures live in `Gestures`,
File-menu actions in `ProjectActions`, long jobs in `JobRunner`. Each menu is built by its
own `_…_menu` method, so adding a menu or an item is one line. Nothing here writes SQL or
decides what an edit means; Undo and Redo show what the session would undo or redo.

What belongs to an open project (its view, panels, list, gestures, connection) is made in
`open_project` and let go of in `_close_project`, so switching projects leaves nothing behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QStackedWidget,
)

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.resources import resource_path
from annotator.core.scheme import LabelScheme
from annotator.services import listing
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.ui.actor_menu import install_actor_menu
from annotator.ui.after_paint import AfterPaint
from annotator.ui.article_list_model import ArticleListModel
from annotator.ui.article_list_panel import ArticleListPanel
from annotator.ui.article_pane import ArticlePane
from annotator.ui.article_view import ArticleView
from annotator.ui.assignee_filter import install_assignee_filter
from annotator.ui.backups import BackupTimer
from annotator.ui.cheat_sheet import CheatSheet
from annotator.ui.gestures import Gestures
from annotator.ui.job_runner import JobRunner
from annotator.ui.model_menu import ModelMenu
from annotator.ui.project_actions import ProjectActions
from annotator.ui.side_panels import SidePanels
from annotator.ui.team_menu import install_team_menu
from annotator.ui.theme import apply_theme, is_dark
from annotator.ui.user_guide import UserGuide
from annotator.ui.welcome import WelcomePage
from annotator.ui.workers import Worker


def data_dir() -> Path:
    base = os.environ.get("ANNOTATOR_DATA_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


class MainWindow(ProjectActions, QMainWindow):
    articleOpened = Signal(int)
    projectClosed = Signal()  # the project's widgets are about to go: drop references to them

    def __init__(self, annotator: str, parent=None):
        super().__init__(parent)
        self.annotator = annotator
        self.settings = QSettings()
        self.project: Project | None = None
        self.session: AnnotationSession | None = None
        self.gestures: Gestures | None = None
        self.pane: ArticlePane | None = None
        self.view: ArticleView | None = None
        self.list_model: ArticleListModel | None = None
        self.list_panel: ArticleListPanel | None = None
        self.panels: SidePanels | None = None
        self.after_paint: AfterPaint | None = None
        self._stale_rows: set[int] = set()  # list rows to refresh after the next paint
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
        self.selection_label = QLabel()
        self.selection_label.setContentsMargins(14, 0, 4, 0)
        self.statusBar().addPermanentWidget(self.selection_label)
        self.jobs = JobRunner(self.statusBar(), self)
        self.jobs.message.connect(self.status)
        self.jobs.failed.connect(self.error)
        self.cancel_button = self.jobs.cancel_button
        self._row_timer = QTimer(self, singleShot=True, interval=150)
        self._row_timer.timeout.connect(self._refresh_current_row)
        # The open article is remembered a moment later: QSettings writes its whole file on
        # each change, ~15 ms that Enter (done, open next) would otherwise wait for.
        self._last_article: tuple[str, int] | None = None
        self._last_article_timer = QTimer(self, singleShot=True, interval=1000)
        self._last_article_timer.timeout.connect(self._remember_article)
        self.welcome.newProject.connect(self.new_project)
        self.welcome.openProject.connect(self.choose_project)
        self.welcome.importArticles.connect(self.import_articles)
        self.welcome.openSample.connect(self.open_sample)
        self.backups = BackupTimer(self)
        self.backups.message.connect(self.status)
        self.backups.damaged.connect(lambda text: self.error("The project file is damaged", text))
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
        self.resizeDocks(
            [self.list_dock, self.panel_dock], [width * 360 // 1360, width * 400 // 1360], Qt.Orientation.Horizontal
        )

    # Menus --------------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _gesture(self, name: str):
        """A slot that runs gesture `name` when an article is open."""
        return lambda: self.gestures is not None and getattr(self.gestures, name)()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._file_menu(bar)
        self._edit_menu(bar)
        self._view_menu(bar)
        self._help_menu(bar)

    def _file_menu(self, bar: QMenuBar) -> QMenu:
        file = bar.addMenu("&File")
        self._action(file, "&New project…", self.new_project, "Ctrl+N")
        self._action(file, "&Open project…", self.choose_project, "Ctrl+O")
        self._action(file, "Open the bundled &sample", self.open_sample)
        file.addSeparator()
        self._action(file, "&Import articles…", self.import_articles, "Ctrl+I")
        self._action(file, "&Pre-annotate with spaCy", self.preannotate, "Ctrl+P")
        self._action(file, "&Export…", self.export, "Ctrl+E")
        file.addSeparator()
        self._action(file, "Project &set-up… (name, model, labels)", self.project_setup)
        self._action(file, "Change annotator &name…", self.change_name)
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        return file

    def _edit_menu(self, bar: QMenuBar) -> QMenu:
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "Undo\tCtrl+Z", self._gesture("undo"))
        self.redo_action = self._action(edit, "Redo\tCtrl+Shift+Z", self._gesture("redo"))
        edit.aboutToShow.connect(self._show_history)
        self._show_history()
        edit.addSeparator()
        self._action(edit, "Accept &all suggestions\tCtrl+Shift+A", self._gesture("accept_all"))
        self._action(edit, "Mark done and &next\tEnter", self._gesture("done_and_next"))
        self._action(edit, "S&kip and next\tShift+Enter", self._gesture("skip_and_next"))
        self._action(
            edit,
            "Edit the selected event or quote\tF2",
            lambda: self.gestures is not None and self.gestures.editRequested.emit(),
        )
        edit.addSeparator()
        self._action(edit, "&Search articles", self.focus_search, "Ctrl+F")
        self._action(edit, "Go to article &list", self.focus_list, "Ctrl+L")
        self._action(edit, "Go to article &text", self.focus_view, "Ctrl+T")
        return edit

    def _show_history(self) -> None:
        """Undo and Redo as the session has them: enabled, and naming the step."""
        session = self.session
        for action, verb, text, keys in (
            (self.undo_action, "Undo", session.undo_text if session else None, "Ctrl+Z"),
            (self.redo_action, "Redo", session.redo_text if session else None, "Ctrl+Shift+Z"),
        ):
            action.setEnabled(text is not None)
            action.setText(f"{verb} {text.replace('&', '&&')}\t{keys}" if text else f"{verb}\t{keys}")

    def _view_menu(self, bar: QMenuBar) -> QMenu:
        view = bar.addMenu("&View")
        themes = QActionGroup(self)
        current = self.settings.value("theme", "system")
        for name in ("system", "light", "dark"):
            action = self._action(view, f"{name.title()} theme", lambda _=False, n=name: self.set_theme(n))
            action.setCheckable(True)
            action.setChecked(name == current)
            themes.addAction(action)
        view.addSeparator()
        self.tags_action = self._action(view, "Label &tags on every span", self.set_tags, "Ctrl+Shift+L")
        self.tags_action.setCheckable(True)
        self.tags_action.setChecked(self.settings.value("tags", "false") == "true")
        self.legend_action = self._action(view, "&Legend", self.set_legend)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(self.settings.value("legend", "true") == "true")
        view.addSeparator()
        self._action(view, "Larger text", lambda: self.zoom(1), "Ctrl++")
        self._action(view, "Smaller text", lambda: self.zoom(-1), "Ctrl+-")
        view.addSeparator()
        view.addAction(self.list_dock.toggleViewAction())
        view.addAction(self.panel_dock.toggleViewAction())
        return view

    def _help_menu(self, bar: QMenuBar) -> QMenu:
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&User guide", self.show_user_guide)
        self._action(help_menu, "&Keyboard (F1, ?)", self.show_cheat_sheet, "F1")
        self._action(help_menu, "&About annotator", self.show_about)
        return help_menu

    # Project -----------------------------------------------------------------------------------

    def open_project(self, path: str | Path, scheme: LabelScheme | None = None) -> bool:
        """Open (or create, with `scheme`) the project at `path` and its last article."""
        project = self._open(path, scheme)
        if project is None:
            return False
        try:
            session = AnnotationSession(project, self.annotator)
        except AnnotatorError as error:
            project.close()
            self.error(f"Cannot open {path}", str(error))
            return False
        self._close_project()
        self.project, self.session = project, session
        self.pane = ArticlePane(project.scheme)
        self.view = self.pane.view
        self.view.setFont(self._font())
        self.view.set_tags(self.tags_action.isChecked())
        self.pane.legend.setVisible(self.legend_action.isChecked())
        self.gestures = Gestures(session, self.view, self)
        self.after_paint = AfterPaint(self.view.viewport(), parent=self.pane)
        self.gestures.later = self.after_paint.call
        self.gestures.message.connect(self.status)
        self.gestures.selection.connect(self.selection_label.setText)
        self.gestures.modeChanged.connect(self.pane.set_mode_hint)
        self.gestures.doneAndNext.connect(self.open_next)
        self.gestures.edited.connect(self._row_timer.start)
        self.gestures.history.connect(self._show_history)
        self.stack.addWidget(self.pane)
        self.stack.setCurrentWidget(self.pane)
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
            self.open_article(int(last) if last and self.list_model.row_of(int(last)) is not None else ids[0])
        else:
            self.status("The project is empty: File › Import articles (Ctrl+I)")
        return True

    def _close_project(self) -> None:
        """Let go of the open project: its widgets and gestures are deleted (later: one
        of their slots may be what is running) and its database connection is closed."""
        if self.project is None:
            return
        self._row_timer.stop()
        self._remember_article()
        if self.after_paint is not None:
            self.after_paint.cancel()
        self.after_paint, self._stale_rows = None, set()
        self.projectClosed.emit()
        for owned in (self.panels, self.list_panel, self.list_model, self.gestures, self.pane):
            if owned is not None:
                owned.deleteLater()
        self.pane = self.view = self.gestures = self.panels = self.list_panel = self.list_model = None
        self.session = None
        self.project.close()
        self.project = None
        self.selection_label.clear()
        self._show_history()

    def open_article(self, article_id: int) -> None:
        if self.gestures is None or self.project is None or self.session is None:
            return
        previous = self.session.current.article.id if self.session.current else None
        try:
            note = self.gestures.open(article_id)
        except (AnnotatorError, KeyError) as error:
            self.error("Cannot open the article", str(error))
            return
        self._stale_rows |= {a for a in (previous, article_id) if a is not None}
        if self.after_paint is not None:
            self.after_paint.call("list", self._show_in_list)
        self._last_article = (f"lastArticle/{self.project.path.resolve()}", article_id)
        self._last_article_timer.start()
        article = self.session.current.article  # type: ignore[union-attr]  # open() above set it
        self.pane.show_article(article)  # type: ignore[union-attr]  # built with the project
        pending = len(self.session.suggestions())
        self.status(
            f"{pending} suggestions to decide · Tab next · Enter done · F1 keys" + (f" · {note}" if note else "")
        )
        self.view.setFocus()  # type: ignore[union-attr]  # built with the project
        self.articleOpened.emit(article_id)

    def _show_in_list(self) -> None:
        """The list rows of the articles opened and left since the last frame (status,
        counts), and the open article selected: a frame after its text is shown."""
        stale, self._stale_rows = self._stale_rows, set()
        if self.list_model is not None:
            for article_id in sorted(stale):
                self.list_model.refresh_article(article_id)
        if self.list_panel is not None and self.session is not None and self.session.current is not None:
            self.list_panel.show_article(self.session.current.article.id)  # type: ignore[arg-type]  # an open article is stored: id set

    def _remember_article(self) -> None:
        self._last_article_timer.stop()
        if self._last_article is not None:
            self.settings.setValue(*self._last_article)
            self._last_article = None

    def open_next(self) -> None:
        if self.project is None or self.session is None or self.session.current is None:
            return
        current = self.session.current.article.id
        following = listing.next_article(self.project, self.annotator, current)  # type: ignore[arg-type]  # id set, as above
        if following is None:
            if self.list_model is not None:
                self.list_model.refresh_article(current)  # type: ignore[arg-type]  # an open article is stored: id set
            self.status("Every article is done or skipped. File › Export… writes the decisions.")
            return
        self.open_article(following)  # refreshes the rows of both articles

    def _refresh_current_row(self) -> None:
        """The open article's status and counts in the list, after a gesture or undo."""
        if (
            self.project is not None
            and self.list_model is not None
            and self.session is not None
            and self.session.current is not None
        ):
            self.list_model.refresh_article(self.session.current.article.id)  # type: ignore[arg-type]  # an open article is stored: id set

    # Jobs ---------------------------------------------------------------------------------------

    @property
    def worker(self) -> Worker | None:
        return self.jobs.worker

    @property
    def job_bar(self):
        return self.jobs.bar

    def run_job(self, title: str, job, done=None, quiet: bool = False) -> Worker | None:
        return self.jobs.run(title, job, done, quiet, lambda *update: self._job_progress(*update))

    def _job_progress(self, title: str, done: int, total: int, message: str = "") -> None:
        self.jobs.show_progress(title, done, total)

    def cancel_job(self) -> None:
        self.jobs.cancel()

    # Look and help --------------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self.settings.setValue("theme", name)
        apply_theme(QApplication.instance(), name)  # type: ignore[arg-type]  # the app is a QApplication (app.application)
        if self.pane is not None:
            self.pane.set_dark(is_dark())

    def set_tags(self, on: bool) -> None:
        self.settings.setValue("tags", "true" if on else "false")
        if self.view is not None:
            self.view.set_tags(on)

    def set_legend(self, on: bool) -> None:
        self.settings.setValue("legend", "true" if on else "false")
        if self.pane is not None:
            self.pane.legend.setVisible(on)

    def _font(self):
        font = QApplication.font()
        font.setPointSizeF(float(self.settings.value("fontSize", max(font.pointSizeF(), 11.0))))
        return font

    def zoom(self, step: int) -> None:
        size = max(7.0, min(40.0, self._font().pointSizeF() + step))
        self.settings.setValue("fontSize", size)
        if self.view is not None:
            self.view.setFont(self._font())

    def _scheme(self):
        from annotator.core.scheme import LabelScheme

        return self.project.scheme if self.project else LabelScheme.default()

    def show_cheat_sheet(self) -> None:
        CheatSheet(self._scheme(), self).exec()

    def show_user_guide(self) -> None:
        UserGuide(self._scheme(), self).exec()

    def show_about(self) -> None:
        where = str(self.project.path) if self.project else "no project open"
        QMessageBox.about(
            self,
            "About annotator",
            f"<b>annotator {__version__}</b><br>Entities, quotes and events in conflict news."
            f"<br><br>Project: {where}<br>Annotator: {self.annotator}<br>Model: {self.model() or 'best installed'}",
        )

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

    def inform(self, title: str, message: str) -> None:
        """A message box (skipped with ANNOTATOR_NO_DIALOGS; the status bar has the gist)."""
        if not os.environ.get("ANNOTATOR_NO_DIALOGS"):
            QMessageBox.information(self, title, message)

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
        self.jobs.cancel()
        self._row_timer.stop()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self._close_project()
        super().closeEvent(event)
