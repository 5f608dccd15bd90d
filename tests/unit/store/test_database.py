import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.errors import ProjectError, SchemaVersionError
from annotator.store.database import open_database, translate_error
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrations


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_project_is_migrated_with_wal_foreign_keys_and_version(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert not migrations.pending(db)
    assert {
        "articles",
        "tokenisations",
        "annotators",
        "annotation_sets",
        "spans",
        "quotes",
        "events",
        "arguments",
        "history",
        "schemes",
        "articles_fts",
    } <= set(db.table_names())
    db.close()
    again = open_database(tmp_path / "p.db")
    applied = [m.name for m in migrations.applied(again)]
    assert applied == sorted(applied) and applied[0] == "0001_initial" and len(applied) == SCHEMA_VERSION
    assert not migrations.pending(again)
    assert "0008_event_coding" in applied

    assert "0004_quote_speaker_entity" in applied


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    before = digest(path)
    with pytest.raises(ProjectError, match="not a SQLite database"):
        open_database(path)
    assert digest(path) == before


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE customers (id INTEGER)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(ProjectError, match="not an annotator project"):
        open_database(path)
    assert digest(path) == before


def test_a_newer_schema_is_refused_with_a_clear_message_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(SchemaVersionError, match="newer annotator"):
        open_database(path)
    assert digest(path) == before


def test_read_only_file_is_refused_for_writing_and_opens_read_only(tmp_path: Path, read_only_view) -> None:
    """Through a read-only bind mount as root (who ignores permission bits), else through
    permission bits: refused for writing with the reason, readable with readonly=True."""
    folder = tmp_path / "project"
    folder.mkdir()
    open_database(folder / "ro.db").close()
    before = digest(folder / "ro.db")
    path = read_only_view(folder) / "ro.db"
    with pytest.raises(ProjectError, match="the project file is read-only"):
        open_database(path)
    readonly = open_database(path, readonly=True)
    assert readonly.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    readonly.close()
    assert digest(folder / "ro.db") == before


def test_missing_project_is_an_error_unless_created(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project"):
        open_database(tmp_path / "nope.db", create=False)


def test_a_folder_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="folder"):
        open_database(tmp_path)


def test_a_migration_that_fails_leaves_a_new_file_without_any_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migrations written as SQL scripts must not commit on their own: all of them or none."""
    last = migrations._migrations[-1]
    original = last.fn

    def fails_after_its_work(db: Database) -> None:
        original(db)
        raise RuntimeError("simulated failure in the last migration")

    monkeypatch.setattr(last, "fn", fails_after_its_work)
    with pytest.raises(RuntimeError, match="simulated"):
        open_database(tmp_path / "p.db")
    with sqlite3.connect(tmp_path / "p.db") as raw:
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert tables == []
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 0


def test_an_io_error_on_a_full_disk_is_reported_as_a_full_disk(tmp_path: Path, small_disk: Path) -> None:
    """SQLite says "disk I/O error" when its WAL cannot grow; the person needs "disk full"."""
    io_error = sqlite3.OperationalError("disk I/O error")
    assert "could not be read or written" in str(translate_error(io_error, tmp_path / "p.db"))
    free = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"x" * (free.f_bavail * free.f_frsize - 8 * 1024))
    message = str(translate_error(io_error, small_disk / "p.db"))
    assert "the disk is full" in message and str(small_disk / "p.db") in message
