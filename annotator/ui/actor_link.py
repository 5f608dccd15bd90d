"""Linking a span to a dictionary actor in one key (L), adding its words as an alias.

With a span selected in the article, L opens a picker with the actors its text may name
(best first, from the aliases) above every other actor; Enter links the span (one undo
step) and, when the words are not yet a name of that actor, adds them as an alias, so
every later match and the entity ruler know them. Typing a new name makes a new actor.
The status bar shows the selected span's actor: linked, or proposed from the aliases.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

from annotator.core.actors import may_name_actor
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.services import actors as service
from annotator.ui.gestures import Gestures

LINK_KEY = Qt.Key.Key_L


class ActorLinker(QObject):
    """Adds the L key to a `Gestures` and keeps an "actor: …" label up to date."""

    def __init__(self, gestures: Gestures, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.gestures = gestures
        self.label = label
        self.dialog_parent = parent
        self._keys = gestures.view.key_handler
        gestures.view.key_handler = self.handle_key
        gestures.changed.connect(self.show_actor)

    @property
    def project(self):
        return self.gestures.session.project

    def handle_key(self, event: QKeyEvent) -> bool:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == LINK_KEY and plain and not self.gestures.mode:
            self.link_selected()
            return True
        return bool(self._keys and self._keys(event))

    def link_selected(self) -> None:
        span = self.gestures.selected
        if span is None:
            self.gestures.message.emit("select an entity or argument span first, then L links it to an actor")
            return
        name = self.choose(span)
        if name:
            self.link(span, name)

    def choices(self, span: Span) -> list[str]:
        """Actor names for the picker: the span's candidates first, then all others."""
        text = span.text_in(self.gestures.session.text)
        proposed = [actor.name for actor, _ in service.suggest_actor(self.project, text)]
        others = sorted((a.name for a in service.project_actors(self.project)), key=str.casefold)
        return list(dict.fromkeys(proposed + others))

    def choose(self, span: Span) -> str | None:
        """Ask which actor the span names (a new name makes a new actor)."""
        text = span.text_in(self.gestures.session.text)
        name, ok = QInputDialog.getItem(
            self.dialog_parent,
            "Link to actor",
            f"“{text}” names the actor (type a new name to add one):",
            self.choices(span) or [text],
            0,
            True,
        )
        return name if ok else None

    def link(self, span: Span, name: str) -> None:
        """Link `span` to the actor `name`, adding the span's words as its alias if new."""
        text = span.text_in(self.gestures.session.text)
        try:
            actor, added = service.link_with_alias(self.project, name, text)
        except AnnotatorError as error:
            self.gestures.message.emit(f"not done: {error}")
            return
        if actor.id in self.gestures.session.actors_of(span):
            self.gestures.message.emit(f"already linked to {actor.name}")
            return
        if self.gestures.run(self.gestures.session.link_actor, span, actor.id) and added:
            self.gestures.message.emit(f"linked to {actor.name}; “{text}” is now one of its aliases   (Ctrl+Z unlinks)")

    def show_actor(self) -> None:
        span = self.gestures.selected
        self.label.setText(self.describe(span) if span is not None else "")

    def describe(self, span: Span) -> str:
        """ "actor: NAME" for a linked span, "actor? NAME (how)" for a proposal, else ''."""
        session = self.gestures.session
        linked = session.actors_of(span)
        if linked:
            names = {a.id: a.name for a in service.project_actors(self.project)}
            return "actor: " + ", ".join(names.get(i, str(i)) for i in linked)
        if not may_name_actor(span):
            return ""
        found = service.suggest_actor(self.project, span.text_in(session.text))
        if not found:
            return "actor: none (L to link)"
        actor, match = found[0]
        return f"actor? {actor.name} ({match.how}) — L to link"
