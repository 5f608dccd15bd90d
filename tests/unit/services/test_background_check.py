"""A large project opens without reading the whole file; the check and the due backup that
opening normally does then run apart (the app runs them in a worker thread)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from annotator.core.errors import ProjectCorruptError
from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.backups import check_and_backup
from annotator.services.project import Project
from annotator.store import backup as store
from annotator.store.articles import insert_articles


@pytest.fixture
def due_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BACKUP_EVERY_MINUTES", 0)


def _project(path: Path) -> None:
    with Project.open(path) as project:
        texts = [f"Report {i} on shelling near Kharkiv. " * 40 for i in range(40)]
        insert_articles(project.db, [Article(article_uid(t), t, "t") for t in texts])


def test_opening_without_the_full_check_makes_no_backup_and_the_check_makes_it(tmp_path, due_always):
    path = tmp_path / "p.db"
    _project(path)
    with Project.open(path, full_check=False):
        assert store.list_backups(path) == []
        made = check_and_backup(path)  # while the project is open, as the app does
    assert made is not None and [b.path for b in store.list_backups(path)] == [made.path]


def test_the_background_check_names_a_damaged_file_and_backs_nothing_up(tmp_path, due_always):
    path = tmp_path / "p.db"
    _project(path)
    Project.open(path).close()
    good = store.list_backups(path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xde\xad" * 4096
    path.write_bytes(bytes(data))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ProjectCorruptError, match="damaged.*annotator restore"):
        check_and_backup(path)
    assert store.list_backups(path) == good
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
