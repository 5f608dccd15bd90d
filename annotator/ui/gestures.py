"""Keyboard gestures over an annotation session: the one place keys become edits.

Keys (article view focused): label keys add or relabel; A accept; X reject; Space accept
and next; Tab / Shift+Tab next / previous suggestion; Shift+Left/Right move the span's end
by a token, Ctrl+Shift+Left/Right its start; Delete remove; Q quote, then S speaker / C cue;
E event, then a type key, then role keys; Enter done and next; Ctrl+Z / Ctrl+Shift+Z.
Every gesture is saved by the session at once and pushed on the QUndoStack.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack

from annotator.core import edits as e
from annotator.core.errors import AnnotatorError
from annotator.core.model import ArticleStatus, Layer, Span, Status
from annotator.services.session import AnnotationSession
from annotator.ui.article_view import ArticleView
from annotator.ui.done_checks import DoneGuard
from annotator.ui.undo_command import EditCommand

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Gestures(QObject):
    message = Signal(str)
    changed = Signal()  # annotations or selection changed
    doneAndNext = Signal()
    modeChanged = Signal(str)

    def __init__(self, session: AnnotationSession, view: ArticleView, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.view = view
        self.stack = QUndoStack(self)
        self.mode = ""
        self.target_event: int | None = None
        self.target_quote: int | None = None
        self.done_guard = DoneGuard()
        scheme = session.project.scheme
        self.entity_keys = {lab.key.lower(): name for name, lab in scheme.entities.items() if lab.key}
        self.event_keys = {t.key.lower(): name for name, t in scheme.event_types.items() if t.key}
        self.role_keys = {lab.key.lower(): name for name, lab in scheme.roles.items() if lab.key}
        view.key_handler = self.handle_key
        view.spanClicked.connect(self.on_span_clicked)

    # Article -------------------------------------------------------------------------------

    def open(self, article_id: int) -> None:
        self.stack.clear()
        self.set_mode("")
        current = self.session.open(article_id)
        self.view.set_article(current.article.text, current.annotations)
        self.changed.emit()

    @property
    def selected(self) -> Span | None:
        return self.view.selected

    def select(self, span: Span | None) -> None:
        linked: list[tuple[Span, str]] = []
        if span is not None:
            event = self.session.event_of(span)
            if event is not None:
                linked = [(a.span, a.role) for a in event.arguments]
            quote = self.session.quote_of(span)
            if quote is not None:
                linked = [(p, name) for p, name in ((quote.speaker, "SPEAKER"), (quote.cue, "CUE")) if p]
            for q in self.session.annotations.quotes:
                if span.id in (q.speaker.id if q.speaker else None, q.cue.id if q.cue else None):
                    linked.append((q.content, "QUOTE"))
        self.view.select_span(span, linked)
        if span is not None:
            self.message.emit(f"{span.label} · {span.layer} · {span.status} — A accept, X reject, Del remove")
        self.changed.emit()

    def on_span_clicked(self, span: Span | None) -> None:
        self.select(span)

    # Applying --------------------------------------------------------------------------------

    def run(self, gesture, *args, select: str = "keep", **kwargs) -> e.Edit | None:
        """Apply one session gesture; report errors in the status bar, never raise."""
        try:
            edit = gesture(*args, **kwargs)
        except (AnnotatorError, KeyError, ValueError) as error:
            self.message.emit(f"not done: {error}")
            return None
        if edit is None:
            self.message.emit("nothing to do")
            return None
        self.stack.push(EditCommand(self.session, edit, self._after_undo_redo))
        self._refresh(edit, select)
        self.message.emit(f"saved: {edit.describe()}   (Ctrl+Z undo)")
        return edit

    def _refresh(self, edit: e.Edit | None, select: str = "keep") -> None:
        self.view.set_annotations(self.session.annotations)
        target = self.view.selected
        if select == "added" and edit is not None:
            added = _added_span(edit)
            target = self.session.span(added.id) if added and added.id is not None else target
        elif select == "none":
            target = None
        elif target is not None:
            target = self.session.span(target.id)  # type: ignore[arg-type]
        self.select(target)

    def _after_undo_redo(self, edit: e.Edit | None, text: str) -> None:
        self._refresh(edit)
        self.message.emit(text)

    def undo(self) -> None:
        if self.stack.canUndo():
            self.stack.undo()
        elif self.session.can_undo:  # a step from before this window opened the article
            self.stack.clear()
            self._after_undo_redo(*self._step(self.session.undo, "undo"))
        else:
            self.message.emit("nothing to undo")

    def redo(self) -> None:
        if self.stack.canRedo():
            self.stack.redo()
        elif self.session.can_redo:
            self.stack.clear()
            self._after_undo_redo(*self._step(self.session.redo, "redo"))
        else:
            self.message.emit("nothing to redo")

    def _step(self, step, verb: str) -> tuple[e.Edit | None, str]:
        try:
            done = step()
        except AnnotatorError as error:
            return None, f"{verb} failed: {error}"
        return done, f"{verb}: {done.describe() if done else 'nothing'}"

    # Gestures -----------------------------------------------------------------------------

    def label(self, label: str) -> None:
        selection = self.view.selection_range()
        if selection is not None:
            layer = Layer.ENTITY
            self.run(self.session.add_span, *selection, label, layer, select="added")
        elif self.selected is not None and self.selected.layer in (Layer.ENTITY, Layer.ARGUMENT, Layer.SPEAKER):
            self.run(self.session.relabel, self.selected, label)
        else:
            self.message.emit("select some text or a span first")

    def _need_span(self) -> Span | None:
        if self.selected is None:
            self.message.emit("no span selected: Tab goes to the next suggestion")
        return self.selected

    def accept(self) -> None:
        if span := self._need_span():
            self.run(self.session.accept, span)

    def reject(self) -> None:
        if span := self._need_span():
            self.run(self.session.reject, span)

    def accept_all(self) -> None:
        self.run(self.session.accept_all)

    def accept_and_next(self) -> None:
        span = self.selected
        if span is None or span.status != Status.SUGGESTED:
            span = self.session.next_suggestion(self.selected.start if self.selected else -1)
        if span is None:
            self.message.emit("no suggestions left — Enter marks the article done")
            return
        if self.run(self.session.accept, span) is not None:
            following = self.session.next_suggestion(span.start)
            self.select(following)

    def move(self, backwards: bool = False) -> None:
        after = self.selected.start if self.selected else (-1 if not backwards else len(self.view.text) + 1)
        span = self.session.next_suggestion(after, backwards)
        if span is None:
            self.message.emit("no suggestions left")
        self.select(span)

    def resize(self, side: str, delta: int) -> None:
        if span := self._need_span():
            self.run(self.session.resize, span, side, delta)

    def remove(self) -> None:
        if span := self._need_span():
            self.run(self.session.remove, span, select="none")

    def make_quote(self) -> None:
        selection = self.view.selection_range()
        if selection is None:
            quote = self.session.quote_of(self.selected) if self.selected else None
            if quote is None:
                self.message.emit("select the quoted text first, then Q")
                return
            self.target_quote = quote.id
        else:
            edit = self.run(self.session.make_quote, *selection, select="added")
            if edit is None:
                return
            quote = self.session.quote_of(self.selected) if self.selected else None
            self.target_quote = quote.id if quote else None
        self.set_mode("quote")

    def link_part(self, part: str) -> None:
        quote = self.session.quote(self.target_quote) if self.target_quote else None
        if quote is None:
            self.set_mode("")
            return
        where = self.view.selection_range()
        if where is None and self.selected is not None and self.selected.id != quote.content.id:
            where = (self.selected.start, self.selected.end)
        if where is None:
            self.message.emit(f"select the {part} (text or a span), then {part[0].upper()}")
            return
        if self.run(self.session.link_quote_part, quote, part, *where) is not None:
            self.select(self.session.quote(quote.id).content)  # type: ignore[union-attr]

    def start_event(self) -> None:
        if self.view.selection_range() is not None:
            self.set_mode("event-type")
        elif self.selected is not None and (event := self.session.event_of(self.selected)) is not None:
            self.target_event = event.id
            self.set_mode("role")
        else:
            self.message.emit("select the trigger word first, then E")

    def event_type(self, event_type: str) -> None:
        selection = self.view.selection_range()
        if selection is None:
            self.set_mode("")
            return
        if self.run(self.session.make_event, *selection, event_type, select="added") is None:
            self.set_mode("")
            return
        event = self.session.event_of(self.selected) if self.selected else None
        self.target_event = event.id if event else None
        self.set_mode("role" if event else "")

    def add_role(self, role: str) -> None:
        event = self.session.event(self.target_event) if self.target_event else None
        if event is None:
            self.set_mode("")
            return
        where = self.view.selection_range()
        if where is None and self.selected is not None and self.selected.id != event.trigger.id:
            where = (self.selected.start, self.selected.end)
        if where is None:
            self.message.emit(f"select the {role} (text or a span), then its key")
            return
        if self.run(self.session.add_argument, event, role, *where) is not None:
            self.select(self.session.event(event.id).trigger)  # type: ignore[union-attr]

    def done_and_next(self) -> None:
        if self.session.current is None:
            return
        if self.session.current.status != ArticleStatus.DONE:
            if (warned := self.done_guard.warning(self.session)) is not None:
                event = self.session.event(warned[1]) if warned[1] is not None else None
                self.select(event.trigger if event is not None else self.selected)
                self.message.emit(warned[0])
                return
            if self.run(self.session.set_status, ArticleStatus.DONE) is None:
                return
        self.doneAndNext.emit()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        hints = {
            "": "",
            "quote": "QUOTE: select the speaker and press S, the cue and press C · Esc ends",
            "event-type": "EVENT TYPE: " + ", ".join(f"{k.upper()} {v}" for k, v in self.event_keys.items()) + " · Esc cancels",
            "role": "ROLES: select text, then " + ", ".join(f"{k} {v}" for k, v in self.role_keys.items()) + " · Esc ends",
        }
        self.modeChanged.emit(hints.get(mode, mode))
        if hints.get(mode):
            self.message.emit(hints[mode])

    # Keys -------------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        text = event.text().lower()
        if mods & CTRL:
            if key == Qt.Key.Key_Z:
                self.redo() if mods & SHIFT else self.undo()
            elif key == Qt.Key.Key_Y:
                self.redo()
            elif key == Qt.Key.Key_A and mods & SHIFT:
                self.accept_all()
            elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods & SHIFT and self.selected:
                self.resize("start", 1 if key == Qt.Key.Key_Left else -1)
            else:
                return False
            return True
        if key == Qt.Key.Key_Escape:
            self.set_mode("")
            self.view.clear_text_selection()
            self.select(None)
            return True
        if mods & SHIFT and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            if self.selected is None or self.view.textCursor().hasSelection():
                return False  # extend the text selection as usual
            self.resize("end", 1 if key == Qt.Key.Key_Right else -1)
            return True
        if key == Qt.Key.Key_Tab or key == Qt.Key.Key_Backtab:
            self.move(backwards=key == Qt.Key.Key_Backtab or bool(mods & SHIFT))
            return True
        if self.mode == "event-type" and text in self.event_keys:
            self.event_type(self.event_keys[text])
            return True
        if self.mode == "role" and text in self.role_keys:
            self.add_role(self.role_keys[text])
            return True
        if self.mode == "quote" and text in ("s", "c"):
            self.link_part("speaker" if text == "s" else "cue")
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.done_and_next()
        elif key == Qt.Key.Key_Space:
            self.accept_and_next()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove()
        elif text == "a":
            self.accept()
        elif text == "x":
            self.reject()
        elif text == "q":
            self.make_quote()
        elif text == "e":
            self.start_event()
        elif text and text in self.entity_keys:
            self.label(self.entity_keys[text])
        else:
            return False
        return True


def _added_span(edit: e.Edit) -> Span | None:
    if isinstance(edit, e.AddSpan):
        return edit.span
    if isinstance(edit, e.Compound):
        for child in edit.edits:
            if (found := _added_span(child)) is not None:
                return found
    return None
