"""Rotating backups of a project file with SQLite's online backup API.

Backups live in a folder beside the project (`p.db` → `p.db.backups/`), one SQLite file
each, named by UTC time (`p-20260101T120000123Z.db`) so that names sort by age. A backup
is written under a temporary name, checked with `PRAGMA quick_check` and only then
renamed into place; the oldest beyond `keep` are removed. A damaged project is never
backed up (it would push good backups out) and never overwritten: `restore` moves it
aside first. See docs/adr/0007-backups-and-damaged-files.md.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.errors import ProjectError, ProjectLockedError

BACKUP_EVERY_MINUTES = 10
"""A backup is due when the newest is older than this (at open, and on the app's timer)."""
BACKUPS_KEPT = 10
"""How many backups a project keeps; older ones are removed after a new one is made."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backup:
    """One backup file of a project."""

    path: Path
    taken_at: datetime
    size: int

    def __str__(self) -> str:
        return f"{self.path} ({self.taken_at:%Y-%m-%d %H:%M:%S} UTC, {self.size / 1e6:.1f} MB)"


def backup_folder(project: str | Path) -> Path:
    """The folder beside `project` that holds its backups."""
    project = Path(project)
    return project.absolute().parent / f"{project.name}.backups"


def list_backups(project: str | Path) -> list[Backup]:
    """The project's backups, newest first (files that are not ours are ignored)."""
    folder, stem = backup_folder(project), Path(project).stem
    if not folder.is_dir():
        return []
    found = [read_backup(path) for path in folder.glob(f"{stem}-*Z.db")]
    return sorted((b for b in found if b is not None), key=lambda b: b.taken_at, reverse=True)


def read_backup(path: str | Path) -> Backup | None:
    """The backup at `path` (its time from its name), or None when the name is not a backup's."""
    path = Path(path).absolute()
    stamp = path.name[: -len(".db")].rsplit("-", 1)[-1] if path.name.endswith("Z.db") else ""
    taken = _parse_stamp(stamp)
    if taken is None or not path.is_file():
        return None
    return Backup(path, taken, path.stat().st_size)


def is_healthy(path: str | Path) -> tuple[bool, str]:
    """Run `PRAGMA quick_check` on a file without writing to it. RETURNS (ok, first problem)."""
    try:
        connection = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return False, str(error)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return False, str(error)
    finally:
        connection.close()
    problems = [row[0] for row in rows if row[0] != "ok"]
    return (not problems, problems[0] if problems else "")


def quick_check(connection: sqlite3.Connection) -> str | None:
    """`PRAGMA quick_check` on an open connection. RETURNS the first problem, or None."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    problems = [row[0] for row in rows if row[0] != "ok"]
    return problems[0] if problems else None


def last_good_backup(project: str | Path) -> Backup | None:
    """The newest backup that passes `quick_check`."""
    return next((b for b in list_backups(project) if is_healthy(b.path)[0]), None)


def is_due(project: str | Path, every_minutes: float = BACKUP_EVERY_MINUTES) -> bool:
    """True when the project has no backup younger than `every_minutes`."""
    newest = next(iter(list_backups(project)), None)
    if newest is None:
        return True
    return (datetime.now(UTC) - newest.taken_at).total_seconds() >= every_minutes * 60


def make_backup(source: sqlite3.Connection, project: str | Path, keep: int = BACKUPS_KEPT) -> Backup:
    """Copy the open project into a new backup and drop the oldest beyond `keep`.

    The online backup API copies one consistent snapshot while others keep working (WAL).

    source (sqlite3.Connection): a connection to the project (not inside a transaction).
    project (str | Path): the project file, which decides the backup folder and names.
    keep (int): backups to keep, at least 1.
    RETURNS (Backup): the new backup.
    """
    folder = backup_folder(project)
    folder.mkdir(exist_ok=True)
    taken = datetime.now(UTC)
    final = folder / f"{Path(project).stem}-{_stamp(taken)}.db"
    partial = folder / f".{final.name}.{os.getpid()}.part"
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, readable without side files
            problem = quick_check(target)
        finally:
            target.close()
        if problem:
            raise ProjectError(f"{project}: the backup does not pass SQLite's check ({problem}); none was kept")
        _fsync(partial)
        os.replace(partial, final)
        _fsync(folder)
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
    rotate(project, keep)
    return Backup(final, taken, final.stat().st_size)


def rotate(project: str | Path, keep: int = BACKUPS_KEPT) -> list[Path]:
    """Remove the oldest backups beyond `keep`, and temporaries of killed backups.
    RETURNS the removed files."""
    removed = [b.path for b in list_backups(project)[max(keep, 1) :]]
    folder = backup_folder(project)
    removed += [p for p in folder.glob(".*.part") if not _alive(p)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_if_due(
    source: sqlite3.Connection, project: str | Path, every_minutes: float | None = None, keep: int | None = None
) -> Backup | None:
    """Best effort: a backup when one is due. A backup that cannot be made (full disk,
    read-only folder) is logged and never stops the work. RETURNS the backup made, if any.

    every_minutes (float | None): default `BACKUP_EVERY_MINUTES`.
    keep (int | None): default `BACKUPS_KEPT`.
    """
    try:
        if not is_due(project, BACKUP_EVERY_MINUTES if every_minutes is None else every_minutes):
            return None
        return make_backup(source, project, BACKUPS_KEPT if keep is None else keep)
    except (OSError, sqlite3.Error, ProjectError) as error:
        log.warning("%s: no backup was made: %s", project, error)
        return None


def restore(project: str | Path, backup: str | Path) -> Path | None:
    """Put `backup` in place of `project`; the current file (and its -wal, -shm) is moved
    aside, never deleted. RETURNS where the replaced file went (None when there was none).

    Raises:
        ProjectError: the backup is missing or fails `quick_check`.
    """
    project, backup = Path(project), Path(backup)
    if in_use(project):
        raise ProjectLockedError(f"{project}: is open in another program; close it there before restoring a backup")
    if not backup.is_file():
        raise ProjectError(f"{backup}: no such backup")
    healthy, problem = is_healthy(backup)
    if not healthy:
        raise ProjectError(f"{backup}: this backup is damaged too ({problem}); choose another (`annotator backups`)")
    staged = project.with_name(f".{project.name}.{os.getpid()}.restoring")
    source = sqlite3.connect(f"{backup.absolute().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(staged)
        try:
            source.backup(target)
        finally:
            target.close()
        _fsync(staged)
        aside = None
        if project.exists():
            aside = project.with_name(f"{project.name}.replaced-{_stamp(datetime.now(UTC))}")
            for suffix in ("", "-wal", "-shm"):
                side = Path(f"{project}{suffix}")
                if side.exists():
                    os.replace(side, f"{aside}{suffix}")
        os.replace(staged, project)
        _fsync(project.absolute().parent)
    finally:
        source.close()
        staged.unlink(missing_ok=True)
        Path(f"{staged}-journal").unlink(missing_ok=True)
    return aside


def in_use(project: str | Path) -> bool:
    """True while another process has the project open.

    Every SQLite connection to a WAL database holds a shared lock on byte 128 of the
    `-shm` file (the "DMS" lock) for as long as it is open; an exclusive probe of that
    byte fails while anyone else is connected. (POSIX locks are per process: call this
    only from a process that does not have the project open itself.)
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no probe
        return False
    shm = Path(f"{project}-shm")
    try:
        descriptor = os.open(shm, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
        fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, 128)
        return False
    except OSError as error:
        return error.errno in (errno.EAGAIN, errno.EACCES)
    finally:
        os.close(descriptor)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S") + f"{moment.microsecond // 1000:03d}Z"


def _parse_stamp(text: str) -> datetime | None:
    try:
        moment = datetime.strptime(text[:15], "%Y%m%dT%H%M%S")
        return moment.replace(microsecond=int(text[15:18]) * 1000, tzinfo=UTC)
    except ValueError:
        return None


def _alive(partial: Path) -> bool:
    pid = partial.name.rsplit(".", 2)[-2]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
