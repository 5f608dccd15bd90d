"""Workers run off the GUI thread, report progress, can be cancelled, and report errors."""

from __future__ import annotations

import threading
import time

import pytest

from annotator.services.project import Project
from annotator.ui import jobs
from annotator.ui.workers import Worker

pytestmark = pytest.mark.gui


def test_worker_reports_progress_and_result(qtbot):
    main = threading.get_ident()
    threads = []

    def job(progress, cancelled):
        threads.append(threading.get_ident())
        for i in range(3):
            progress(i + 1, 3, "step")
        return "done"

    worker = Worker(job)
    results, steps = [], []
    worker.signals.finished.connect(results.append)
    worker.signals.progress.connect(lambda d, t, m: steps.append((d, t)))
    with qtbot.waitSignals([worker.signals.started, worker.signals.finished], timeout=5000):
        worker.start()
    assert results == ["done"]
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert threads and threads[0] != main


def test_worker_cancel_flag(qtbot):
    def job(progress, cancelled):
        while not cancelled():
            time.sleep(0.01)
        return "cancelled"

    worker = Worker(job)
    with qtbot.waitSignal(worker.signals.finished, timeout=5000) as blocker:
        worker.start()
        worker.cancel()
    assert blocker.args == ["cancelled"]


def test_worker_errors_are_signals_not_exceptions(qtbot):
    def job(progress, cancelled):
        raise ValueError("bad file")

    worker = Worker(job)
    errors = []
    worker.signals.errored.connect(errors.append)
    with qtbot.waitSignals([worker.signals.errored, worker.signals.finished], timeout=5000):
        worker.start()
    assert "bad file" in errors[0]


def test_import_job_opens_its_own_project(qtbot, tmp_path, seed_text_path):
    path = tmp_path / "imported.db"
    worker = Worker(jobs.import_job(path, [seed_text_path], "alice"))
    with qtbot.waitSignal(worker.signals.finished, timeout=30000) as blocker:
        worker.start()
    assert blocker.args[0].imported == 1
    with Project.open(path) as project:
        assert len(project.article_ids()) == 1


def test_window_import_shows_progress_and_reloads_the_list(qtbot, window, seed_text_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(seed_text_path)], ""))
    window.import_articles()
    assert window.worker is not None and window.cancel_button.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.worker is None, timeout=30000)
    assert window.list_model.rowCount() == 3
    assert "Import" in window.statusBar().currentMessage()
