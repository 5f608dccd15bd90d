"""Long work off the GUI thread: a QRunnable with a signals object and a cancel flag.

The job function receives `progress(done, total, message)` and `cancelled()`; it must
open its own Project (a sqlite3 connection belongs to its thread) and never touch widgets.
Results and errors come back as signals, delivered on the GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.services.errors import describe_error, is_expected

Job = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class WorkerSignals(QObject):
    started = Signal()
    progress = Signal(int, int, str)  # done, total (0 = unknown), message
    errored = Signal(str)
    finished = Signal(object)  # the job's result (None after an error)


class Worker(QRunnable):
    _alive: set[Worker] = set()  # keep Python wrappers alive while the pool runs them

    def __init__(self, job: Job):
        super().__init__()
        self.setAutoDelete(False)
        self.job = job
        self.signals = WorkerSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> Worker:
        Worker._alive.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def run(self) -> None:
        self.signals.started.emit()
        result = None
        try:
            result = self.job(
                lambda d, t=0, m="": self.signals.progress.emit(int(d), int(t), str(m)), self._cancel.is_set
            )
        except Exception as error:  # shown in the UI, never raised into Qt
            if not is_expected(error):
                traceback.print_exc()  # for the log; a person sees the one-line description
            self.signals.errored.emit(describe_error(error))
        finally:
            self.signals.finished.emit(result)
            Worker._alive.discard(self)
