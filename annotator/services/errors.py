"""Messages for failures that escape a use case, for the CLI and the UI alike."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.store.database import translate_error


def describe_error(error: BaseException, project_path: str | Path | None = None) -> str:
    """One sentence a person can act on; SQLite errors become project-file messages."""
    if isinstance(error, AnnotatorError):
        return str(error)
    if isinstance(error, sqlite3.DatabaseError):
        return str(translate_error(error, project_path or "the project"))
    return f"unexpected error: {type(error).__name__}: {error}"
