"""Work that can wait one frame: run once a widget has been painted.

Opening the next article (Enter) repaints the text, and also the article list's rows
and the side tables. The annotator reads the text first; the list and tables follow in
the next frame, so the frame that shows the new article does not wait for them.
Pending work runs after the widget's next paint, or after `fallback_ms` when it is not
painted (a hidden or minimised window), and at once with `run_now`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    def __init__(self, widget: QWidget, fallback_ms: int = 100, parent: QObject | None = None):
        super().__init__(parent or widget)
        self._pending: dict[str, Callable[[], None]] = {}
        self._soon = QTimer(self, singleShot=True, interval=0)
        self._soon.timeout.connect(self.run_now)
        self._fallback = QTimer(self, singleShot=True, interval=fallback_ms)
        self._fallback.timeout.connect(self.run_now)
        widget.installEventFilter(self)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def call(self, key: str, work: Callable[[], None]) -> None:
        """Run `work` after the next paint; a later call with the same `key` replaces it."""
        self._pending.pop(key, None)
        self._pending[key] = work
        if not self._fallback.isActive():
            self._fallback.start()

    def run_now(self) -> None:
        self._soon.stop()
        self._fallback.stop()
        while self._pending:
            key = next(iter(self._pending))
            self._pending.pop(key)()

    def cancel(self) -> None:
        self._pending.clear()
        self._soon.stop()
        self._fallback.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if self._pending and event.type() == QEvent.Type.Paint and not self._soon.isActive():
            self._soon.start()  # after this paint pass: the frame with the new text is done
        return False
