"""Keyboard gestures over an annotation session: the one place keys become edits.

Deciding and editing spans lives here; quotes and events in `StructureGestures`; which
key does what in `keys.handle_key`. Every gesture is saved by the session at once. Undo
and redo are the session's (its stacks are the only undo history, docs/adr/0003); the
`history` signal tells the Edit menu to read them again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeyEvent

from annotator.core import edits as e
from annotator.core.errors import AnnotatorError
from annotator.core.model import ArticleStatus, Layer, Span, Status
from annotator.core.refresh import RefreshCounts
from annotator.services.session import AnnotationSession, describe_unreadable
from annotator.ui.article_view import ArticleView
from annotator.ui.ask import choose
from annotator.ui.done_checks import DoneGuard
from annotator.ui.keys import handle_key
from annotator.ui.structure_gestures import StructureGestures


class Gestures(QObject, StructureGestures):
    message = Signal(str)  # what just happened (status bar)
    selection = Signal(str)  # what is selected (status bar, right)
    changed = Signal()  # annotations or selection changed
    edited = Signal()  # the annotations or the article status changed (saved)
    doneAndNext = Signal()
    modeChanged = Signal(str)
    editRequested = Signal()  # F2: the selected event or quote in its panel
    history = Signal()  # what undo and redo would do may have changed (session.undo_text)

    def __init__(self, session: AnnotationSession, view: ArticleView, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.view = view
        # Set by the window: defers work to after the text's next paint (`AfterPaint.call`).
        self.later: Callable[[str, Callable[[], None]], None] | None = None
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

    def handle_key(self, event: QKeyEvent) -> bool:
        return handle_key(self, event)

    # Article -------------------------------------------------------------------------------

    def open(self, article_id: int) -> str:
        """Open an article. RETURNS a note when its suggestions were just refreshed or
        history rows of it could not be read."""
        self.set_mode("")
        current = self.session.open(article_id)
        self.view.set_article(current.article.text, current.annotations)
        if self.later is not None:
            self.later("changed", self.changed.emit)  # the panels follow the text one frame later
        else:
            self.changed.emit()
        self.history.emit()
        notes = [describe_unreadable(self.session.unreadable)]
        if self.session.refresh_problem:
            notes.append(self.session.refresh_problem)
        elif self.session.refreshed is not None:
            counts = RefreshCounts.of(self.session.refreshed)
            notes.append(
                f"newer suggestions: {counts.added} new, {counts.removed} gone, your decisions kept"
                " (Ctrl+Z: the previous ones)"
            )
        return " · ".join(note for note in notes if note)

    def reload(self) -> None:
        """Read the open article again (e.g. after pre-annotation wrote newer suggestions
        from its own connection), keeping the selected span when it is still there."""
        if self.session.current is None or self.session.current.article.id is None:
            return
        selected = self.selected.id if self.selected else None
        before = len(self.session.suggestions())
        self.open(self.session.current.article.id)
        after = len(self.session.suggestions())
        if selected is not None and (span := self.session.span(selected)) is not None:
            self.select(span)
        if after != before:
            self.message.emit(f"suggestions updated: {after} to decide (was {before}); your decisions are kept")
        self.edited.emit()

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
            for ev in self.session.annotations.events:
                linked += [(ev.trigger, f"{a.role} of") for a in ev.arguments if a.span.id == span.id]
        self.view.select_span(span, linked)
        self.selection.emit(self._describe(span))
        self.changed.emit()

    def _describe(self, span: Span | None) -> str:
        if span is None:
            return ""
        more = len(self.view.index.spans_at(span.start)) - 1 if self.view.index else 0
        overlap = f" · O: {more} more here" if more > 0 else ""
        return f"{span.label} · {span.layer} · {span.status}{overlap}"

    def on_span_clicked(self, span: Span | None) -> None:
        self.select(span)

    # Applying --------------------------------------------------------------------------------

    def run(self, gesture, *args, select: str = "keep", shown: bool = True, **kwargs) -> e.Edit | None:
        """Apply one session gesture; report errors in the status bar, never raise.
        With `shown` False the view and panels are not brought up to date (the caller
        opens another article, or calls `_refresh`)."""
        try:
            edit = gesture(*args, **kwargs)
        except (AnnotatorError, KeyError, ValueError) as error:
            self.message.emit(f"not done: {error}")
            return None
        if edit is None:
            self.message.emit("nothing to do")
            return None
        if shown:
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
            target = self.session.span(target.id)  # type: ignore[arg-type]  # a shown span is stored: id set
        self.select(target)
        self.edited.emit()
        self.history.emit()

    def undo(self) -> None:
        self._step("undo")

    def redo(self) -> None:
        self._step("redo")

    def _step(self, verb: str) -> None:
        """One undo or redo of the session. A step that fails is reported and stays
        where it was, in the session and so in the Edit menu."""
        text = self.session.undo_text if verb == "undo" else self.session.redo_text
        if text is None:
            self.message.emit(f"nothing to {verb}")
            return
        try:
            done = self.session.undo() if verb == "undo" else self.session.redo()
        except (AnnotatorError, KeyError, ValueError) as error:
            self.message.emit(f"{verb} failed: {error}")
            self.history.emit()
            return
        self._refresh(done)
        self.message.emit(f"{verb}: {text}")

    # Gestures -----------------------------------------------------------------------------

    def label_key(self, key: str) -> None:
        """A label key: labels the selected text as an entity, relabels a selected entity,
        gives a selected argument the role on that key; never turns a part into an entity."""
        selection = self.view.selection_range()
        span = self.selected
        if selection is not None and key in self.entity_keys:
            self.run(self.session.add_span, *selection, self.entity_keys[key], Layer.ENTITY, select="added")
        elif span is not None and span.layer == Layer.ENTITY and key in self.entity_keys:
            self.run(self.session.relabel, span, self.entity_keys[key])
        elif span is not None and span.layer == Layer.ARGUMENT:
            if key in self.role_keys:
                self.run(self.session.change_role, span, self.role_keys[key])
            else:
                self.message.emit(
                    f"{span.label} is an argument: role keys "
                    + ", ".join(f"{k} {v}" for k, v in self.role_keys.items())
                )
        elif span is not None:
            self.message.emit(f"label keys act on entities; this is a {span.layer} span")
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
        """Reject; when arguments or speakers sit on the same words, offer to drop them."""
        span = self._need_span()
        if span is None:
            return
        parts = self.session.parts_on_same_words(span)
        drop = False
        if parts:
            text = self.view.text[span.start : span.end]
            where = "\n".join(
                f"• {role} of “{self.view.text[owner.start : owner.end][:60]}”" for role, _, owner in parts
            )
            answer = choose(
                self.view.window(),
                "Reject",
                f"“{text}” is also\n{where}\n\nDrop that too?",
                [("drop", "&Drop it too"), ("keep", "&Keep it"), ("cancel", "Cancel")],
                "drop",
            )
            if answer == "cancel":
                return
            drop = answer == "drop"
        self.run(self.session.reject, span, drop_parts=drop)

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

    def cycle(self) -> None:
        """The next span on the same words (overlapping spans: entity, argument, quote…)."""
        span = self.view.next_overlapping()
        if span is None:
            self.message.emit("no span here")
        self.select(span)

    def resize(self, side: str, delta: int) -> None:
        if span := self._need_span():
            self.run(self.session.resize, span, side, delta)

    def remove(self) -> None:
        if span := self._need_span():
            self.run(self.session.remove, span, select="none")

    def done_and_next(self) -> None:
        """Mark done and open the next; undecided suggestions are asked about first."""
        current = self.session.current
        if current is None:
            return
        if current.status != ArticleStatus.DONE:
            if (warned := self.done_guard.warning(self.session)) is not None:
                event = self.session.event(warned[1]) if warned[1] is not None else None
                self.select(event.trigger if event is not None else self.selected)
                self.message.emit(warned[0])
                return
            pending = len(self.session.suggestions())
            rest = None
            if any(s.status == Status.SUGGESTED for s in self.session.annotations.spans):
                rest = choose(
                    self.view.window(),
                    "Mark done",
                    f"{pending} suggestion(s) are still undecided. Exports take decisions only.",
                    [("accept", "&Accept the rest"), ("reject", "&Leave them out"), ("cancel", "Cancel")],
                    "cancel",
                )
                if rest == "cancel":
                    self.message.emit("not marked done: Tab walks the suggestions left")
                    return
            if (edit := self.run(self.session.finish, rest, shown=False)) is None:
                return
            self._next(current.article.id, edit)
        else:
            self.doneAndNext.emit()

    def skip_and_next(self) -> None:
        current = self.session.current
        if current is None:
            return
        if current.status == ArticleStatus.SKIPPED:
            self.doneAndNext.emit()
        elif (edit := self.run(self.session.skip, shown=False)) is not None:
            self._next(current.article.id, edit)

    def _next(self, article_id: int | None, edit: e.Edit) -> None:
        """Ask for the next article. The article just marked is shown in its new state
        only when it stays open (it was the last, or the next failed to open): painting
        it for nothing took a millisecond or two of each Enter."""
        self.doneAndNext.emit()
        if self.session.current is not None and self.session.current.article.id == article_id:
            self._refresh(edit)


def _added_span(edit: e.Edit) -> Span | None:
    if isinstance(edit, e.AddSpan):
        return edit.span
    if isinstance(edit, e.Compound):
        for child in edit.edits:
            if (found := _added_span(child)) is not None:
                return found
    return None
