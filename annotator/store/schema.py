"""Numbered, atomic migrations of the project database (sqlite-utils `Migrations`).

Each migration runs in one transaction together with its record in `_sqlite_migrations`;
`PRAGMA user_version` mirrors the number applied, so a file written by a newer annotator
is recognised (and refused) before anything touches it. See docs/schema.md.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x414E4E4F  # "ANNO": marks a SQLite file as an annotator project

migrations = Migrations("annotator")


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE project (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE schemes (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            toml TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            published TEXT,
            text TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL
        );
        CREATE TABLE tokenisations (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            tokenizer TEXT NOT NULL,
            tokens TEXT NOT NULL,
            sentence_starts TEXT NOT NULL
        );
        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'model', 'gold')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE annotation_sets (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            model TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (article_id, annotator_id, model)
        );
        CREATE INDEX annotation_sets_annotator ON annotation_sets(annotator_id, status);
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            set_id INTEGER NOT NULL REFERENCES annotation_sets(id) ON DELETE CASCADE,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            label TEXT NOT NULL,
            layer TEXT NOT NULL
                CHECK (layer IN ('entity', 'quote', 'speaker', 'cue', 'trigger', 'argument')),
            status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
            origin TEXT NOT NULL CHECK (origin IN ('model', 'manual', 'import')),
            suggestion_id INTEGER,
            CHECK (0 <= start_char AND start_char < end_char)
        );
        CREATE INDEX spans_set ON spans(set_id, start_char);
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            set_id INTEGER NOT NULL REFERENCES annotation_sets(id) ON DELETE CASCADE,
            content_span_id INTEGER NOT NULL REFERENCES spans(id),
            speaker_span_id INTEGER REFERENCES spans(id),
            cue_span_id INTEGER REFERENCES spans(id),
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed'))
        );
        CREATE INDEX quotes_set ON quotes(set_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            set_id INTEGER NOT NULL REFERENCES annotation_sets(id) ON DELETE CASCADE,
            trigger_span_id INTEGER NOT NULL REFERENCES spans(id),
            event_type TEXT NOT NULL,
            sub_type TEXT NOT NULL DEFAULT '',
            negated INTEGER NOT NULL DEFAULT 0,
            hypothetical INTEGER NOT NULL DEFAULT 0,
            future INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX events_set ON events(set_id);
        CREATE TABLE arguments (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            span_id INTEGER NOT NULL REFERENCES spans(id)
        );
        CREATE INDEX arguments_event ON arguments(event_id);
        CREATE INDEX arguments_span ON arguments(span_id);
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            set_id INTEGER NOT NULL REFERENCES annotation_sets(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            edit TEXT NOT NULL,
            reverts INTEGER REFERENCES history(id)
        );
        CREATE INDEX history_set ON history(set_id, id);
        CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
            WHEN (SELECT COUNT(*) FROM annotation_sets WHERE id = OLD.set_id) > 0
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        """
    )
    db.table("articles").enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61")


NEVER_REUSED = ("spans", "quotes", "events", "arguments")
"""Tables whose ids undo and redo restore: a freed id must never be handed out again."""


@migrations(name="0002_never_reuse_ids")
def _never_reuse_ids(db: Database) -> None:
    """Rebuild spans, quotes, events and arguments with `AUTOINCREMENT` ids.

    Without it SQLite hands the highest freed id to the next row, so an undo that
    restores a removed row under its old id (docs/adr/0004) fails once another article
    took that id. Each table keeps its columns, rows, indexes and triggers; its id
    sequence starts above every id the table or the history has ever used, so ids freed
    before this migration are not handed out either. Runs with foreign keys off (the
    rebuild drops and renames tables others point at); `open_database` arranges that
    and runs `PRAGMA foreign_key_check` before committing.
    """
    if db.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RuntimeError("0002_never_reuse_ids must run with foreign keys off")
    floors = _ids_in_history(db)
    for table in NEVER_REUSED:
        _rebuild_with_autoincrement(db, table)
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
        db.execute(
            f"INSERT INTO sqlite_sequence (name, seq) SELECT ?, MAX(COALESCE(MAX(id), 0), ?) FROM {table}",
            [table, floors[table]],
        )


def _rebuild_with_autoincrement(db: Database, table: str) -> None:
    """SQLite's "other kinds of table schema changes": new table, copy, drop, rename."""
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
    if re.search(r"\bAUTOINCREMENT\b", sql, re.IGNORECASE):
        return
    rebuilt = f"{table}_rebuilt"
    sql, found = re.subn(
        r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1, flags=re.IGNORECASE
    )
    if not found:
        raise RuntimeError(f"{table}: no 'id INTEGER PRIMARY KEY' column to make AUTOINCREMENT")
    sql = re.sub(
        r'^\s*CREATE\s+TABLE\s+("[^"]+"|\[[^\]]+\]|`[^`]+`|\w+)',
        f"CREATE TABLE {rebuilt}",
        sql,
        count=1,
        flags=re.IGNORECASE,
    )
    dependents = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
            [table],
        )
    ]
    db.execute(sql)
    db.execute(f"INSERT INTO {rebuilt} SELECT * FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA legacy_alter_table = ON")  # rename this table only; leave other tables' REFERENCES as they are
    try:
        db.execute(f"ALTER TABLE {rebuilt} RENAME TO {table}")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    for statement in dependents:
        db.execute(statement)


def _ids_in_history(db: Database) -> dict[str, int]:
    """The highest span, quote, event and argument id any stored edit mentions."""
    highest = dict.fromkeys(NEVER_REUSED, 0)

    def visit(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
            return
        if not isinstance(value, dict):
            return
        table = (
            "spans"
            if "layer" in value
            else "quotes"
            if "content" in value
            else "events"
            if "trigger" in value
            else "arguments"
            if "role" in value
            else None
        )
        if table and isinstance(value.get("id"), int):
            highest[table] = max(highest[table], value["id"])
        for item in value.values():
            visit(item)

    for (edit,) in db.execute("SELECT edit FROM history"):
        try:
            visit(json.loads(edit))
        except ValueError:
            continue
    return highest


@migrations(name="0003_models")
def _models(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE models (
            id TEXT PRIMARY KEY,
            folder TEXT NOT NULL,
            base TEXT NOT NULL,
            annotator TEXT NOT NULL,
            train_articles INTEGER NOT NULL,
            dev_articles INTEGER NOT NULL,
            train_uids TEXT NOT NULL DEFAULT '[]',
            dev_uids TEXT NOT NULL DEFAULT '[]',
            labels TEXT NOT NULL DEFAULT '[]',
            dev_f1 REAL,
            dev_scores TEXT NOT NULL DEFAULT '{}',
            seed INTEGER NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            steps INTEGER NOT NULL DEFAULT 0,
            seconds REAL NOT NULL DEFAULT 0,
            stopped TEXT NOT NULL DEFAULT 'finished',
            created_at TEXT NOT NULL
        );
        CREATE INDEX models_created ON models(created_at);
        """
    )


@migrations(name="0004_quote_speaker_entity")
def _quote_speaker_entity(db: Database) -> None:
    """A quote keeps its speaker as written (e.g. "he") and, apart, the named entity it
    refers to; existing quotes have none."""
    db.execute("ALTER TABLE quotes ADD COLUMN speaker_entity_span_id INTEGER REFERENCES spans(id)")


@migrations(name="0005_assignments")
def _assignments(db: Database) -> None:
    """Who annotates which article (`annotator assign`), and the history columns that let
    `annotator merge` keep the edits of other files for the record."""
    db.executescript(
        """
        CREATE TABLE assignments (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            assigned_at TEXT NOT NULL,
            PRIMARY KEY (article_id, annotator_id)
        );
        CREATE INDEX assignments_annotator ON assignments(annotator_id, article_id);
        ALTER TABLE history ADD COLUMN kind TEXT NOT NULL DEFAULT 'edit'
            CHECK (kind IN ('edit', 'merge', 'record'));
        ALTER TABLE history ADD COLUMN origin TEXT NOT NULL DEFAULT '';
        """
    )


@migrations(name="0007_app")
def _suggestions_from(db: Database) -> None:
    """Which suggestion set a person's set follows (docs/adr/0010): newer suggestions
    reach it when this differs from the article's newest model set. NULL: not known yet
    (sets made before, or brought in by a merge); the next open compares contents."""
    db.execute("ALTER TABLE annotation_sets ADD COLUMN suggestions_from INTEGER")


@migrations(name="0008_event_coding")
def _event_coding(db: Database) -> None:
    """Events carry a normalised date (a period of days with its precision) and casualty
    claims (figure, what it counts, who claims it). Both go with their event."""
    db.executescript(
        """
        CREATE TABLE event_dates (
            event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            precision TEXT NOT NULL CHECK (precision IN ('day', 'week', 'month', 'year')),
            text TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL CHECK (origin IN ('model', 'manual', 'import')),
            CHECK (first_day <= last_day)
        );
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('killed', 'injured', 'captured', 'displaced', 'exchanged')),
            figure INTEGER NOT NULL CHECK (figure >= 0),
            high INTEGER,
            qualifier TEXT NOT NULL DEFAULT '',
            counts TEXT NOT NULL DEFAULT '',
            claimant TEXT NOT NULL DEFAULT '',
            start_char INTEGER,
            end_char INTEGER,
            origin TEXT NOT NULL CHECK (origin IN ('model', 'manual', 'import'))
        );
        CREATE INDEX claims_event ON claims(event_id);
        """
    )


@migrations(name="0009_actors")
def _actors(db: Database) -> None:
    """The project's actor dictionary (canonical name, aliases, ACLED type, parent), links
    from spans to actors, and incidents: events of several articles that report one
    happening (docs/schema.md, "Actors and incidents")."""
    db.executescript(
        """
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
            actor_type TEXT NOT NULL DEFAULT '',
            interaction_code INTEGER CHECK (interaction_code BETWEEN 1 AND 8),
            label TEXT NOT NULL DEFAULT '',
            wikidata TEXT NOT NULL DEFAULT '' CHECK (wikidata = '' OR wikidata GLOB 'Q[1-9]*'),
            parent_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE actor_aliases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            alias TEXT NOT NULL CHECK (trim(alias) <> ''),
            normalised TEXT NOT NULL,
            UNIQUE (actor_id, normalised)
        );
        CREATE TABLE actor_links (
            span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            PRIMARY KEY (span_id, actor_id)
        );
        CREATE INDEX actor_links_actor ON actor_links(actor_id);
        CREATE TABLE incidents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            annotator TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed')),
            event_type TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE incident_events (
            event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
            incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE
        );
        CREATE INDEX incident_events_incident ON incident_events(incident_id);
        CREATE TABLE incidents_apart (
            event_a INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            event_b INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            PRIMARY KEY (event_a, event_b),
            CHECK (event_a < event_b)
        ) WITHOUT ROWID;
        """
    )


@migrations(name="0010_scale")
def _scale(db: Database) -> None:
    """Indexes for 100,000 articles (docs/schema.md, "Indexes for scale"): one person's sets
    by status (progress counts, the status filter, "next not done" in one `LIMIT 1` query),
    by time (the newest model set; articles done since the last training) and a model's
    sets by article (which articles a pre-annotation run still has to do). None of what
    the window asks on opening an article then reads more than a few index entries."""
    db.executescript(
        """
        CREATE INDEX IF NOT EXISTS annotation_sets_progress
            ON annotation_sets(annotator_id, model, status, article_id);
        CREATE INDEX IF NOT EXISTS annotation_sets_recent ON annotation_sets(annotator_id, updated_at, id);
        CREATE INDEX IF NOT EXISTS annotation_sets_done_since ON annotation_sets(annotator_id, status, updated_at);
        CREATE INDEX IF NOT EXISTS annotation_sets_model ON annotation_sets(model, article_id);
        """
    )


SCHEMA_VERSION = len(migrations._migrations)
