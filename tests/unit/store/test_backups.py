"""Issue 9.11: rotating online backups, a damaged file refused at open and never
overwritten, restore that keeps what it replaces."""

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.errors import ProjectCorruptError, ProjectError, ProjectLockedError
from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.backups import backup_now, restore_backup
from annotator.services.project import Project
from annotator.store import backup as backups
from annotator.store.articles import insert_articles
from annotator.store.database import open_database


def add_article(path: Path, text: str) -> None:
    with Project.open(path) as project:
        insert_articles(project.db, [Article(article_uid(text), text, "t")])


def count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path: Path) -> None:
    """Overwrite a stretch of pages in the middle, as a bad sector or a stray write would."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xde\xad" * 4096
    path.write_bytes(bytes(data))


@pytest.fixture
def due_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "BACKUP_EVERY_MINUTES", 0)


def test_opening_an_existing_project_backs_it_up_when_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.db"
    add_article(path, "First article about Kyiv — with a dash.")
    assert backups.list_backups(path) == [], "a project just created has nothing to back up"
    add_article(path, "Second article about Kharkiv — with a dash.")
    made = backups.list_backups(path)
    assert len(made) == 1 and count(made[0].path) == 1, "the backup is the file as it was opened"
    add_article(path, "Third article about Odesa — with a dash.")
    assert len(backups.list_backups(path)) == 1, "not due again within BACKUP_EVERY_MINUTES"
    monkeypatch.setattr(backups, "BACKUP_EVERY_MINUTES", 0)
    open_database(path).close()
    newest = backups.list_backups(path)[0]
    assert count(newest.path) == 3
    assert sorted(p.name for p in backups.backup_folder(path).iterdir()) == sorted(
        b.path.name for b in backups.list_backups(path)
    ), "backups are single files (no -wal or -shm beside them)"


def test_only_the_newest_k_are_kept(tmp_path: Path, due_always: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "BACKUPS_KEPT", 3)
    path = tmp_path / "p.db"
    for number in range(6):
        add_article(path, f"Article number {number} — about shelling.")
    kept = backups.list_backups(path)
    assert len(kept) == 3
    assert [count(b.path) for b in kept] == [5, 4, 3]


def test_a_backup_is_one_consistent_snapshot_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    add_article(path, "Seed article — one.")
    initial = sqlite3.connect(path)
    before = initial.execute(
        "SELECT (SELECT title FROM articles), (SELECT value FROM project WHERE key = 'created_at')"
    ).fetchone()
    initial.close()
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
import sqlite3, sys
c = sqlite3.connect({str(path)!r}, timeout=30)
print("ready", flush=True)
for i in range(400):
    with c:
        c.execute("UPDATE articles SET title = ?", [str(i)])
        c.execute("UPDATE project SET value = ? WHERE key = 'created_at'", [str(i)])
""",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "ready"
    taken = [backup_now(path, keep=50) for _ in range(5)]
    writer.wait()
    for backup in taken:
        connection = sqlite3.connect(backup.path)
        title = connection.execute("SELECT title FROM articles").fetchone()[0]
        created = connection.execute("SELECT value FROM project WHERE key = 'created_at'").fetchone()[0]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert title == created or (title, created) == before, "both updates of one transaction, or neither"
        connection.close()


def test_a_damaged_project_is_refused_untouched_and_the_last_good_backup_offered(
    tmp_path: Path, due_always: None
) -> None:
    path = tmp_path / "p.db"
    for number in range(20):
        add_article(path, f"Article {number} — " + "a long text about talks and shelling. " * 40)
    good = backups.list_backups(path)[0]
    damage(path)
    before, folder_before = digest(path), sorted(backups.backup_folder(path).iterdir())
    with pytest.raises(ProjectCorruptError) as raised:
        open_database(path)
    assert raised.value.backup == good.path
    assert f"annotator restore {path}" in str(raised.value)
    assert digest(path) == before, "a damaged file is never written"
    assert sorted(backups.backup_folder(path).iterdir()) == folder_before, "and never backed up over good backups"


def test_a_damaged_backup_is_never_offered(tmp_path: Path, due_always: None) -> None:
    path = tmp_path / "p.db"
    for number in range(3):
        add_article(path, f"Article {number} — " + "text. " * 2000)
    older, newest = backups.list_backups(path)[1], backups.list_backups(path)[0]
    damage(newest.path)
    assert backups.last_good_backup(path).path == older.path
    with pytest.raises(ProjectError, match="damaged too"):
        restore_backup(path, newest.path)


def test_restore_puts_the_backup_in_place_and_keeps_the_replaced_file(tmp_path: Path, due_always: None) -> None:
    path = tmp_path / "p.db"
    for number in range(3):
        add_article(path, f"Article {number} — about talks.")
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"""
import os, sqlite3
c = sqlite3.connect({str(path)!r})
c.execute("PRAGMA wal_autocheckpoint = 0")
c.execute("DELETE FROM articles")
c.commit()
os._exit(0)  # dies with the connection open: its WAL stays, and must not touch the restored file
""",
        ],
        check=True,
    )
    assert Path(f"{path}-wal").stat().st_size > 0
    restored = restore_backup(path)
    assert restored.backup == backups.list_backups(path)[0]
    assert count(path) == 2
    assert restored.replaced is not None and count(restored.replaced) == 0
    assert not Path(f"{path}-wal").exists()
    with Project.open(path) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_refuses_while_another_program_has_the_project_open(tmp_path: Path, due_always: None) -> None:
    path = tmp_path / "p.db"
    add_article(path, "One — article.")
    add_article(path, "Two — articles.")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
import sqlite3, sys
c = sqlite3.connect({str(path)!r})
c.execute("SELECT COUNT(*) FROM articles").fetchone()
print("open", flush=True)
sys.stdin.readline()
""",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectLockedError, match="open in another program"):
            restore_backup(path)
    finally:
        holder.communicate("\n")
    assert restore_backup(path).backup is not None


def test_a_backup_that_cannot_be_made_never_stops_the_work(tmp_path: Path, due_always: None) -> None:
    path = tmp_path / "p.db"
    add_article(path, "One — article.")
    backups.backup_folder(path).write_text("a file where the backups folder would go")
    add_article(path, "Two — articles.")
    assert count(path) == 2


def test_cli_lists_takes_and_restores_backups(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "p.db"
    add_article(path, "One — article.")
    assert "no backups" in runner.invoke(app, ["backups", str(path)]).stdout
    taken = runner.invoke(app, ["backups", str(path), "--now", "--check"])
    assert taken.exit_code == 0, taken.output
    name = backups.list_backups(path)[0].path.name
    assert f"{name}" in taken.stdout and " ok" in taken.stdout
    add_article(path, "Two — articles.")
    restored = runner.invoke(app, ["restore", str(path), name])
    assert restored.exit_code == 0, restored.output
    assert "restored the backup" in restored.stdout
    assert count(path) == 1


def test_cli_names_the_backup_when_the_project_is_damaged(tmp_path: Path, due_always: None) -> None:
    path = tmp_path / "p.db"
    for number in range(10):
        add_article(path, f"Article {number} — " + "talks and shelling. " * 200)
    damage(path)
    result = CliRunner().invoke(app, ["import", str(path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "damaged" in result.stderr and "annotator restore" in result.stderr
    assert "Traceback" not in result.output
