"""One describer of failures for the CLI and the UI alike: what went wrong, where, and
what a person can do about it. Expected failures (`AnnotatorError`, SQLite's disk-full
and locked errors, operating-system errors such as a full disk or a read-only folder)
become one sentence; anything else is named as unexpected (its traceback goes to the
log, never to a person)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.store.database import translate_error

_OS_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "the disk quota is used up; free some space and try again",
    errno.EROFS: "is on a read-only disk or mount; choose a place that can be written",
    errno.EACCES: "permission denied; choose a place you may write to, or ask for access",
    errno.EPERM: "the operation is not permitted here (a protected or immutable file?)",
    errno.ENOENT: "no such file or folder",
    errno.EISDIR: "is a folder, where a file was expected",
    errno.ENOTDIR: "a part of this path is a file, where a folder was expected",
    errno.EIO: "the disk could not be read or written (input/output error); check the device",
    errno.ENAMETOOLONG: "the name is too long for this file system",
    errno.EMFILE: "too many files are open; close some programs and try again",
}


def is_expected(error: BaseException) -> bool:
    """True when `describe_error` has a message a person can act on (no traceback needed)."""
    return isinstance(error, (AnnotatorError, sqlite3.DatabaseError, OSError))


def describe_error(error: BaseException, project_path: str | Path | None = None) -> str:
    """One sentence a person can act on; SQLite errors become project-file messages.

    error (BaseException): what was raised.
    project_path (str | Path | None): the project file, named in SQLite messages.
    RETURNS (str): the message.
    """
    if isinstance(error, AnnotatorError):
        return str(error)
    if isinstance(error, sqlite3.DatabaseError):
        return str(translate_error(error, project_path or "the project"))
    if isinstance(error, OSError):
        return describe_os_error(error)
    if isinstance(error, MemoryError):
        return "out of memory; close other programs or work on fewer articles at once"
    return f"unexpected error: {type(error).__name__}: {error}"


def describe_os_error(error: OSError) -> str:
    """A full disk, a read-only folder, a missing file...: where and what to do."""
    where = error.filename if error.filename is not None else ""
    advice = _OS_ADVICE.get(error.errno or 0) or (error.strerror or str(error))
    return f"{where}: {advice}" if where else advice
