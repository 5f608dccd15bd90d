"""Backups of a project for the CLI and the app: list, take one now, restore one.

The copies are made by `annotator.store.backup` (SQLite's online backup API); opening a
project for writing takes one when the newest is older than `BACKUP_EVERY_MINUTES`, the
app's timer every so often while it runs. Restoring never deletes the file it replaces.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store import backup as store
from annotator.store.backup import BACKUP_EVERY_MINUTES, BACKUPS_KEPT, Backup, read_backup
from annotator.store.database import translate_error

__all__ = [
    "BACKUP_EVERY_MINUTES",
    "BACKUPS_KEPT",
    "Backup",
    "Restored",
    "backup_now",
    "backups",
    "check_and_backup",
    "is_large",
    "read_backup",
    "restore_backup",
]


@dataclass(frozen=True)
class Restored:
    """What `restore_backup` did: the backup put in place, and where the old file went."""

    backup: Backup
    replaced: Path | None

    def summary(self, project: Path) -> str:
        kept = f"; the file it replaced is kept as {self.replaced}" if self.replaced else ""
        return f"{project}: restored the backup of {self.backup.taken_at:%Y-%m-%d %H:%M:%S} UTC{kept}"


def backups(project: str | Path, check: bool = False) -> list[tuple[Backup, bool | None]]:
    """The project's backups, newest first, each with its `quick_check` result when `check`."""
    return [(b, store.is_healthy(b.path)[0] if check else None) for b in store.list_backups(project)]


def backup_now(project: str | Path, keep: int = BACKUPS_KEPT) -> Backup:
    """Take a backup of a healthy project at once (also while the app has it open)."""
    project = Path(project)
    if not project.is_file():
        raise ProjectError(f"{project}: no such project file")
    source = sqlite3.connect(f"{project.absolute().as_uri()}?mode=rw", uri=True)
    try:
        problem = store.quick_check(source)
        if problem:
            raise ProjectError(
                f"{project}: the project file is damaged ({problem}); it is not backed up over good backups"
            )
        return store.make_backup(source, project, keep)
    except sqlite3.DatabaseError as error:
        raise translate_error(error, project) from error
    finally:
        source.close()


LARGE_PROJECT_BYTES = 64 * 2**20
"""From this size on the app opens a project at once and checks and backs it up in the
background: `quick_check` and a backup read the whole file (seconds at 100,000 articles)."""


def is_large(project: str | Path) -> bool:
    """True when `project` is big enough for `check_and_backup` to run in the background."""
    try:
        return Path(project).stat().st_size >= LARGE_PROJECT_BYTES
    except OSError:
        return False


def check_and_backup(project: str | Path) -> Backup | None:
    """What opening a project does before anything else, on a connection of its own (any
    thread): `quick_check`, then a backup when one is due.

    RETURNS (Backup | None): The backup made, if one was due.
    RAISES (ProjectCorruptError): The file is damaged; the message names the last good backup.
    """
    project = Path(project)
    source = sqlite3.connect(f"{project.absolute().as_uri()}?mode=rw", uri=True)
    try:
        problem = store.quick_check(source)
        if problem:
            raise translate_error(sqlite3.DatabaseError(f"database disk image is malformed: {problem}"), project)
        return store.backup_if_due(source, project)
    finally:
        source.close()


def restore_backup(project: str | Path, backup: str | Path | None = None) -> Restored:
    """Put `backup` (default: the newest one that passes the check) in place of `project`."""
    project = Path(project)
    if backup is None:
        chosen = store.last_good_backup(project)
        if chosen is None:
            raise ProjectError(f"{project}: no good backup in {store.backup_folder(project)}")
    else:
        path = Path(backup)
        if not path.exists() and not path.is_absolute():
            path = store.backup_folder(project) / path
        chosen = store.read_backup(path)
        if chosen is None:
            raise ProjectError(f"{path}: not a backup of annotator (see `annotator backups {project}`)")
    replaced = store.restore(project, chosen.path)
    return Restored(chosen, replaced)
