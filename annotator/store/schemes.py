"""The label scheme a project was made with, stored as TOML text."""

from __future__ import annotations

from sqlite_utils import Database

from annotator.store.database import now


def stored_scheme_toml(db: Database) -> str | None:
    row = db.execute("SELECT toml FROM schemes ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def store_scheme(db: Database, name: str, version: int, toml: str) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO schemes (name, version, toml, created_at) VALUES (?, ?, ?, ?)", [name, version, toml, now()]
        )
