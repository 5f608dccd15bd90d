"""Issue 9.9: a full disk or a locked project in a background job is one clear sentence
(the same describer as the CLI's), never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from annotator.services.project import Project
from annotator.store import database
from annotator.ui import jobs
from annotator.ui.workers import Worker

pytestmark = pytest.mark.gui


def run(qtbot, job) -> list[str]:
    worker = Worker(job)
    errors: list[str] = []
    worker.signals.errored.connect(errors.append)
    with qtbot.waitSignal(worker.signals.finished, timeout=60000):
        worker.start()
    return errors


def articles(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            text = f"Article {number}: shelling near Kharkiv — officials in Kyiv said talks would go on. " * 8
            handle.write(json.dumps({"text": text, "title": f"Report {number}"}) + "\n")
    return path


def test_a_full_disk_in_the_import_job_is_a_clear_message(qtbot, tmp_path: Path, small_disk: Path) -> None:
    db = small_disk / "p.db"
    Project.open(db).close()
    free = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"x" * (free.f_bavail * free.f_frsize - 8 * 1024))
    errors = run(qtbot, jobs.import_job(db, [articles(tmp_path / "a.jsonl", 300)], "alice"))
    assert len(errors) == 1
    assert "the disk is full" in errors[0] and "free some space" in errors[0], errors[0]
    assert "Traceback" not in errors[0] and 'File "' not in errors[0]
    (small_disk / "filler").unlink()
    with Project.open(db) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_locked_project_in_the_import_job_is_a_clear_message(qtbot, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "p.db"
    Project.open(db).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        errors = run(qtbot, jobs.import_job(db, [articles(tmp_path / "a.jsonl", 3)], "alice"))
    finally:
        holder.rollback()
        holder.close()
    assert len(errors) == 1
    assert "in use by another program" in errors[0], errors[0]
    assert "Traceback" not in errors[0]


def test_an_unexpected_error_is_named_without_a_traceback(qtbot, capfd) -> None:
    def job(progress, cancelled):
        raise KeyError("surprise")

    errors = run(qtbot, job)
    assert errors == ["unexpected error: KeyError: 'surprise'"]
    assert "Traceback" in capfd.readouterr().err, "the traceback goes to the log"
