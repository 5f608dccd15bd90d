"""Opening a project file safely: identify it, refuse what we must not touch, migrate.

Checks happen before the first write, so a file that is not SQLite, not ours, or from a
newer version is left byte-for-byte untouched.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from annotator.core.errors import ProjectCorruptError, ProjectError, ProjectLockedError, SchemaVersionError
from annotator.store.backup import backup_if_due, last_good_backup, quick_check
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
# Long enough for another writer's largest transaction (an import batch, a pre-annotation chunk).
BUSY_TIMEOUT_MS = 30_000


def now() -> str:
    """UTC timestamp with milliseconds, the one time format of the store."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just wrote (`lastrowid` is None only after other statements)."""
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError("the statement inserted no row")
    return rowid


def open_database(path: str | Path, create: bool = True, readonly: bool = False, full_check: bool = True) -> Database:
    """Open (or create) a project database with WAL, foreign keys and a busy timeout.

    Args:
        path (str | Path): The project file, or ":memory:".
        create (bool): Create the file when it does not exist.
        readonly (bool): Open without write access (no migration, no WAL switch).
        full_check (bool): Run `quick_check` and the due backup now (both read the whole
            file). False leaves them to the caller (the app runs them in the background
            for large projects: `services.backups.check_and_backup`) unless a migration
            is pending, which is never run on an unchecked file.
    RETURNS (Database): A sqlite-utils database at the current schema version.
    """
    db: Database | None
    if str(path) == ":memory:":
        db = Database(memory=True)
        _configure(db)
        _migrate(db)
        return db
    path = Path(path)
    exists = path.exists()
    if not exists and (readonly or not create):
        raise ProjectError(f"{path}: no such project file")
    if exists:
        _check_file(path, readonly)
    db = None
    try:
        db = Database(_connect_readonly(path)) if readonly else Database(path)
        _check_identity(db, path)
        if not readonly and (full_check or _migration_pending(db)):
            _check_health(db, path)
            if exists:
                backup_if_due(db.conn, path)
        _configure(db, readonly)
        if not readonly:
            _migrate(db)
    except sqlite3.DatabaseError as error:
        if db is not None:  # a file damaged where the first reads look leaves no side files open
            db.close()
        raise _translate(error, path) from error
    return db


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes, also where the project's folder cannot be written.

    `mode=ro` needs the WAL's `-shm` file to exist or to be creatable. When it is neither
    (a read-only folder, mount or medium) and no `-wal` holds unfolded commits, the file
    is all there is: `immutable=1` reads it without any lock or side file. A non-empty
    `-wal` without a `-shm` cannot be read there without losing its commits: refused.
    """
    uri = path.absolute().as_uri()
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError as error:
        connection.close()
        if "unable to open" not in str(error):
            raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ProjectError(
            f"{path}: its latest changes are still in {wal.name} and the folder cannot be written, so they cannot "
            f"be read; copy {path.name} and {wal.name} together to a writable folder and use the copy"
        )
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def _check_file(path: Path, readonly: bool) -> None:
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ProjectError(f"{path}: cannot be read ({error.strerror})") from error
    if header and header != SQLITE_HEADER:
        raise ProjectError(f"{path}: is not an annotator project (not a SQLite database)")
    if not readonly and not os.access(path, os.W_OK):
        raise ProjectError(f"{path}: the project file is read-only; make it writable or copy it to annotate")


def _check_identity(db: Database, path: Path) -> None:
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    has_tables = bool(db.table_names())
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and has_tables):
        db.close()
        raise ProjectError(f"{path}: is a SQLite database but not an annotator project")
    if version > SCHEMA_VERSION:
        db.close()
        raise SchemaVersionError(
            f"{path}: was written by a newer annotator (schema version {version}; this "
            f"version reads up to {SCHEMA_VERSION}). Update annotator to open it; the file was not changed."
        )


def _migration_pending(db: Database) -> bool:
    return bool(db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION)


def _check_health(db: Database, path: Path) -> None:
    """Refuse a damaged file before anything writes to it (or backs it up over good backups)."""
    problem = quick_check(db.conn)
    if problem:
        db.close()
        raise _damaged(path, problem)


def _damaged(path: Path, problem: str) -> ProjectCorruptError:
    backup = last_good_backup(path)
    offer = (
        f"The last good backup is {backup}; restore it with `annotator restore {path}` (the damaged file "
        "is kept beside it)."
        if backup
        else f"No good backup was found; recover what is readable with `sqlite3 {path} .recover`."
    )
    return ProjectCorruptError(
        f"{path}: the project file is damaged ({problem}); nothing was written. {offer}",
        backup.path if backup else None,
    )


def _configure(db: Database, readonly: bool = False) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if not readonly and not db.memory:
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")


def _migrate(db: Database) -> None:
    """Apply pending migrations, the version stamp and the project rows in ONE transaction.

    `BEGIN IMMEDIATE` takes the write lock first, so two processes opening a new file do
    not both migrate it; each migration nests as a savepoint. Foreign keys are off while
    tables are rebuilt and checked as a whole before the commit: a failure leaves the file
    exactly as it was, `user_version` included.
    """
    if not migrations.pending(db):
        return
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            if migrations.pending(db):
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                migrations.apply(db)
                _record_version(db)
                broken = db.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise ProjectError(
                        f"the project's links are broken ({len(broken)} rows point nowhere, "
                        f"first in table {broken[0][0]}); it was not migrated"
                    )
        except BaseException:
            db.rollback()
            raise
        db.commit()
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def _record_version(db: Database) -> None:
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    if not db["project"].exists() or not db["project"].count:
        db.table("project").insert_all(
            [{"key": "created_at", "value": now()}, {"key": "schema_version", "value": str(SCHEMA_VERSION)}],
            pk="key",
            replace=True,
        )
    else:
        db.table("project").upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def _translate(error: sqlite3.DatabaseError, path: Path) -> ProjectError:
    message = str(error)
    if "disk is full" in message or ("disk I/O error" in message and _nearly_full(path)):
        return ProjectError(
            f"{path}: the disk is full, so the last change was not saved; free some space and try again "
            "(everything saved before is kept)"
        )
    if "disk I/O error" in message:
        return ProjectError(
            f"{path}: the disk could not be read or written ({message}); check the device and try again"
        )
    if "locked" in message or "busy" in message:
        return ProjectLockedError(
            f"{path}: the project is in use by another program, which held it for more than "
            f"{BUSY_TIMEOUT_MS / 1000:g} s; nothing of the last step was saved; try again when it has finished"
        )
    if "not a database" in message or "malformed" in message or type(error) is sqlite3.DatabaseError:
        return _damaged(path, message)
    if "readonly" in message or "read-only" in message:
        return ProjectError(f"{path}: the project file is read-only ({message})")
    return ProjectError(f"{path}: {message}")


NEARLY_FULL_BYTES = 4 * 1024 * 1024


def _nearly_full(path: Path) -> bool:
    """SQLite reports a write that ran out of space in its WAL or temporary files as a
    plain "disk I/O error"; the free space on the project's disk tells the two apart."""
    try:
        return shutil.disk_usage(path.parent if str(path.parent) else ".").free < NEARLY_FULL_BYTES
    except OSError:
        return False


def translate_error(error: sqlite3.DatabaseError, path: str | Path) -> ProjectError:
    """Turn a sqlite3 error from any later operation into a message for a person."""
    return _translate(error, Path(path))
