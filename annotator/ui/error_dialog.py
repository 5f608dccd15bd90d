"""The last line of defence: an exception that escapes a slot is shown, not lost.

Qt would print it and carry on; a person would never know a gesture failed. Every
gesture writes in its own transaction, so what was saved before stays saved.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.services.errors import describe_error


def install_excepthook(project_path: Callable[[], object]) -> None:
    """Show unexpected exceptions in a message box (and on stderr) instead of dropping them."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, error, tb, file=sys.stderr)
        if QApplication.instance() is None:
            return
        message = describe_error(error, str(project_path() or "") or None)
        QMessageBox.warning(
            QApplication.activeWindow(), "Something went wrong", f"{message}\n\nEverything saved before this is kept."
        )

    sys.excepthook = hook
