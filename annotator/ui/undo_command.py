"""One generic undo command over the session's own undo/redo.

The gesture is applied (and saved) before the command is pushed, so the first `redo()`
only records it. Later undo/redo call `session.undo()` / `session.redo()`, which apply the
exact inverse edit in one transaction; the QUndoStack and the session stay in step by
construction (one command per session step).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.core.edits import Edit
from annotator.services.session import AnnotationSession


class EditCommand(QUndoCommand):
    def __init__(self, session: AnnotationSession, edit: Edit, after: Callable[[Edit | None, str], None]):
        super().__init__(edit.describe())
        self.session = session
        self.edit = edit
        self.after = after
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._run(self.session.redo, "redo")

    def undo(self) -> None:
        self._run(self.session.undo, "undo")

    def _run(self, step: Callable[[], Edit | None], verb: str) -> None:
        try:
            done = step()
        except Exception as error:  # shown in the status bar, never raised into Qt
            self.after(None, f"{verb} failed: {error}")
            return
        self.after(done, f"{verb}: {self.text()}")
