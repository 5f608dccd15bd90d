"""The Actors menu and what it wires into the main window: the actor dictionary view,
the incident view, actor linking in one key (L), and blurring of graphic passages (V to
reveal; the setting is the annotator's, kept in the project)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from annotator.services import sensitive
from annotator.ui.actor_dictionary import ActorDictionaryDialog
from annotator.ui.actor_link import ActorLinker
from annotator.ui.incident_view import IncidentsDialog
from annotator.ui.sensitive_blur import SensitiveBlur, cursor_offset


class ActorTools(QObject):
    """Installed once on the main window (`install_actor_menu`)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.gestures = None
        self.linker: ActorLinker | None = None
        self.blur: SensitiveBlur | None = None
        self.dialogs: list = []
        bar = window.menuBar()
        menu = bar.addMenu("&Actors")
        bar.insertMenu(bar.actions()[-2], menu)  # before Help
        self.dictionary_action = self._add(menu, "Actor &dictionary…", self.show_dictionary, "Ctrl+Shift+D")
        self.incidents_action = self._add(menu, "&Incidents…", self.show_incidents, "Ctrl+Shift+I")
        self._add(menu, "&Link selected span to an actor\tL", lambda: self.linker and self.linker.link_selected())
        menu.addSeparator()
        self.blur_action = self._add(menu, "&Blur graphic passages", self.toggle_blur)
        self.blur_action.setCheckable(True)
        self.blur_action.setChecked(True)
        self._add(menu, "&Reveal graphic passages\tV", lambda: self.blur and self.blur.reveal())
        self.actor_label = QLabel(objectName="actorLabel")
        window.statusBar().addPermanentWidget(self.actor_label)
        window.articleOpened.connect(self.on_article)
        window.projectClosed.connect(self.release)  # type: ignore[attr-defined]

    def _add(self, menu, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @property
    def project(self):
        return getattr(self.window, "project", None)

    def on_article(self, article_id: int) -> None:
        window = self.window
        if window.gestures is not self.gestures:
            self.gestures = window.gestures
            self.linker = ActorLinker(window.gestures, self.actor_label, window)
            self.blur = SensitiveBlur(window.view, self)
            keys, view, gestures = window.view.key_handler, window.view, window.gestures
            view.key_handler = lambda event: bool(
                (not gestures.mode and self.blur.handle_key(event, cursor_offset(view))) or (keys and keys(event))
            )
        enabled = sensitive.blur_enabled(self.project, window.annotator)
        self.blur_action.setChecked(enabled)
        session = getattr(window, "session", None)
        passages = sensitive.passages(self.project, article_id, session.current if session is not None else None)
        self.blur.set_passages(passages, enabled)
        if passages and enabled:
            window.status(f"{len(passages)} graphic passage(s) blurred — click or V to reveal")

    def release(self) -> None:
        """The project is closing: let go of its gestures and view, and close the
        dialogs that show it."""
        for dialog in self.dialogs:
            dialog.close()
        for owned in (self.linker, self.blur, *self.dialogs):
            if owned is not None:
                owned.deleteLater()
        self.gestures, self.linker, self.blur, self.dialogs = None, None, None, []

    def toggle_blur(self, checked: bool) -> None:
        if self.project is None:
            return
        sensitive.set_blur(self.project, self.window.annotator, checked)
        if self.blur is not None:
            self.blur.set_enabled(checked)

    def show_dictionary(self) -> ActorDictionaryDialog | None:
        if self.project is None:
            self.window.status("Open a project first")
            return None
        dialog = ActorDictionaryDialog(self.project, self.window)
        dialog.finished.connect(lambda _: self.linker and self.linker.show_actor())
        self._show(dialog)
        return dialog

    def show_incidents(self) -> IncidentsDialog | None:
        if self.project is None:
            self.window.status("Open a project first")
            return None
        dialog = IncidentsDialog(self.project, self.window)
        dialog.openArticle.connect(self.window.open_article)
        self._show(dialog)
        return dialog

    def _show(self, dialog) -> None:
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.show()


def install_actor_menu(window: QMainWindow) -> ActorTools:
    """Add the Actors menu and its tools to the main window."""
    return ActorTools(window)
