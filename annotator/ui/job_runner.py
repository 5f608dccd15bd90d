"""Runs the window's long jobs (import, pre-annotation, export) one at a time, with a
progress bar and a Cancel button in the status bar; quiet jobs (model warm-up) run beside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

from annotator.ui.workers import Worker


class JobRunner(QObject):
    message = Signal(str)  # a line for the status bar
    failed = Signal(str, str)  # title, message (shown in a dialog)

    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self.worker: Worker | None = None
        self.bar = QProgressBar(maximumWidth=220, visible=False)
        self.cancel_button = QPushButton("Cancel", visible=False)
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.bar)
        status_bar.addPermanentWidget(self.cancel_button)

    def run(
        self,
        title: str,
        job,
        done: Callable[[Any], None] | None = None,
        quiet: bool = False,
        progress: Callable[[str, int, int, str], None] | None = None,
    ) -> Worker | None:
        """Start `job` in a worker; `progress(title, done, total, message)` replaces the
        bar's own update. RETURNS the worker, or None when another job runs."""
        if self.worker is not None and not quiet:
            self.message.emit("Another job is running; wait or cancel it")
            return None
        worker = Worker(job)
        if not quiet:
            self.worker = worker
            self.bar.setFormat(f"{title} %v")
            self.bar.setRange(0, 0)
            self.bar.show()
            self.cancel_button.show()
            show = progress or (lambda title_, d, t, m: self.show_progress(title_, d, t))
            worker.signals.progress.connect(lambda d, t, m: show(title, d, t, m))
        worker.signals.errored.connect(
            lambda message: (
                self.failed.emit(f"{title} failed", message)
                if not quiet
                else self.message.emit(f"{title}: {message.splitlines()[0]}")
            )
        )

        def finished(result) -> None:
            if not quiet:
                self.worker = None
                self.bar.hide()
                self.cancel_button.hide()
            if done is not None:
                done(result)

        worker.signals.finished.connect(finished)
        return worker.start()

    def show_progress(self, title: str, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.bar.setFormat(f"{title} {done}" + (f"/{total}" if total else ""))

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.message.emit("Cancelling… finished batches are kept")
