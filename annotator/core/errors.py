"""The error family every layer raises; the CLI and UI turn these into messages.

Each error carries where it happened (a file and, for line-based formats, a line), so
that a person can find and fix the input while the rest of the work goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class AnnotatorError(Exception):
    """Base class: an expected failure with a message meant for a person."""


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file and optionally a 1-based line number."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


class InputError(AnnotatorError):
    """An input file (or one record in it) cannot be read."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.reason = message
        self.location = Location(str(path), line) if path is not None else None
        super().__init__(f"{self.location}: {message}" if self.location else message)


class ProjectError(AnnotatorError):
    """The project database cannot be opened or used as it is."""


class SchemaVersionError(ProjectError):
    """The project file was written by a newer annotator; it is left untouched."""


class ProjectLockedError(ProjectError):
    """Another process holds a write lock on the project file."""


class ValidationError(AnnotatorError):
    """An annotation does not fit the label scheme or the article."""


class ModelError(AnnotatorError):
    """No usable spaCy pipeline could be loaded."""


class OutputError(AnnotatorError):
    """An export cannot be written where it was asked to go; nothing there was changed."""


class ProjectCorruptError(ProjectError):
    """The project file fails SQLite's check; it is left untouched. `backup` is the newest
    backup that passes the check, if there is one."""

    def __init__(self, message: str, backup: Path | None = None):
        super().__init__(message)
        self.backup = backup
