"""Issue 9.3: undo and redo restore rows under their old ids, so a freed id is never reused.

Before migration 0002 the highest freed span id went to the next span of any article:
delete a span, add one elsewhere, come back, Ctrl+Z -> "UNIQUE constraint failed: spans.id".
"""

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.errors import ProjectError
from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles
from annotator.store.database import open_database
from annotator.store.schema import NEVER_REUSED, SCHEMA_VERSION, migrations

TEXTS = (
    "Russian forces shelled Kharkiv on Monday, killing 3 civilians.",
    "Talks were held in Istanbul on Tuesday, officials in Kyiv said.",
)


def offsets(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def add_articles(project: Project) -> tuple[int, int]:
    inserted = insert_articles(project.db, [Article(article_uid(t), t, "test") for t in TEXTS]).inserted
    return inserted[article_uid(TEXTS[0])], inserted[article_uid(TEXTS[1])]


def spans_of(session: AnnotationSession) -> list[tuple[str, str]]:
    assert session.annotations == sets.load_annotations(session.project.db, session.set_id)
    text = session.text
    return [(text[s.start : s.end], s.label) for s in session.annotations.spans]


def delete_then_take_the_freed_id_elsewhere(session: AnnotationSession, first: int, second: int) -> None:
    """The reported sequence: remove the newest span, open another article, add spans there."""
    session.open(first)
    session.add_span(*offsets(TEXTS[0], "Russian"), "NORP")
    session.add_span(*offsets(TEXTS[0], "Kharkiv"), "GPE")
    session.remove(session.annotations.spans[-1])
    session.open(second)
    session.add_span(*offsets(TEXTS[1], "Istanbul"), "GPE")
    session.add_span(*offsets(TEXTS[1], "Kyiv"), "GPE")
    session.open(first)


def test_undo_and_redo_after_switching_articles(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "p.db")
    first, second = add_articles(project)
    session = AnnotationSession(project, "alice")
    delete_then_take_the_freed_id_elsewhere(session, first, second)
    for _ in range(3):
        session.undo()
        assert spans_of(session) == [("Russian", "NORP"), ("Kharkiv", "GPE")]
        session.undo()
        assert spans_of(session) == [("Russian", "NORP")]
        session.undo()
        assert spans_of(session) == []
        assert not session.can_undo
        for _ in range(3):
            session.redo()
        assert spans_of(session) == [("Russian", "NORP")]
    session.open(second)
    assert spans_of(session) == [("Istanbul", "GPE"), ("Kyiv", "GPE")]
    project.close()


def test_undo_and_redo_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Project.open(path) as project:
        first, second = add_articles(project)
        delete_then_take_the_freed_id_elsewhere(AnnotationSession(project, "alice"), first, second)
    expected = [[("Russian", "NORP"), ("Kharkiv", "GPE")], [("Russian", "NORP")], []]
    for step in range(3):
        with Project.open(path) as project:
            session = AnnotationSession(project, "alice")
            session.open(first)
            session.undo()
            assert spans_of(session) == expected[step]
            with Project.open(path) as other:  # another article gets new spans meanwhile
                elsewhere = AnnotationSession(other, "bob")
                elsewhere.open(second)
                elsewhere.add_span(*offsets(TEXTS[1], "Talks"), "EVENT")
                elsewhere.remove(elsewhere.annotations.spans[-1])
    for expected_after_redo in (
        [("Russian", "NORP")],
        [("Russian", "NORP"), ("Kharkiv", "GPE")],
        [("Russian", "NORP")],
    ):
        with Project.open(path) as project:
            session = AnnotationSession(project, "alice")
            session.open(first)
            session.redo()
            assert spans_of(session) == expected_after_redo
    with Project.open(path) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_quotes_events_and_arguments_come_back_with_their_ids(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "p.db")
    first, second = add_articles(project)
    session = AnnotationSession(project, "alice")
    session.open(first)
    session.make_event(*offsets(TEXTS[0], "shelled"), "EXPLOSION_REMOTE")
    event = session.annotations.events[0]
    session.add_argument(event, "TARGET", *offsets(TEXTS[0], "Kharkiv"))
    before = session.annotations
    session.remove(session.span(event.trigger.id))  # removes the event and its arguments
    session.open(second)
    session.make_event(*offsets(TEXTS[1], "Talks"), "NEGOTIATE")
    session.add_argument(session.annotations.events[0], "LOCATION", *offsets(TEXTS[1], "Istanbul"))
    session.make_quote(*offsets(TEXTS[1], "officials in Kyiv"))
    session.open(first)
    session.undo()
    assert session.annotations == before
    session.redo()
    session.undo()
    assert sets.load_annotations(project.db, session.set_id) == before
    project.close()


def version_one_project(path: Path) -> Database:
    """A project file as annotator wrote it before migration 0002."""
    old = Database(path)
    old.execute("PRAGMA foreign_keys = ON")
    migrations.apply(old, stop_before="0002_never_reuse_ids")
    old.execute("PRAGMA user_version = 1")
    old.execute("PRAGMA application_id = 1095650895")
    old["project"].insert_all([{"key": "schema_version", "value": "1"}], pk="key")
    return old


def test_migration_keeps_rows_and_links_and_skips_ids_freed_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = version_one_project(path)
    assert migrations.applied(old)[-1].name == "0001_initial"
    text = TEXTS[0]
    article = insert_articles(old, [Article(article_uid(text), text, "t")]).inserted[article_uid(text)]
    set_id = sets.create_set(old, article, "model", "m")
    span_ids = {}
    for word, label, layer in (
        ("shelled", "EXPLOSION_REMOTE", "trigger"),
        ("Kharkiv", "GPE", "entity"),
        ("killing 3 civilians", "QUOTE", "quote"),
    ):
        span_ids[word] = old.execute(
            "INSERT INTO spans (set_id, start_char, end_char, label, layer, status, origin) VALUES (?, ?, ?, ?, ?, 'suggested', 'model')",
            [set_id, *offsets(text, word), label, layer],
        ).lastrowid
    old.execute(
        "INSERT INTO quotes (set_id, content_span_id, speaker_span_id, kind) VALUES (?, ?, ?, 'direct')",
        [set_id, span_ids["killing 3 civilians"], span_ids["Kharkiv"]],
    )
    event_id = old.execute(
        "INSERT INTO events (set_id, trigger_span_id, event_type) VALUES (?, ?, 'EXPLOSION_REMOTE')",
        [set_id, span_ids["shelled"]],
    ).lastrowid
    old.execute(
        "INSERT INTO arguments (event_id, role, span_id) VALUES (?, 'TARGET', ?)", [event_id, span_ids["Kharkiv"]]
    )
    freed = {
        "layer": "entity",
        "start": 0,
        "end": 7,
        "label": "NORP",
        "status": "accepted",
        "origin": "manual",
        "id": 40,
    }
    old.execute(
        "INSERT INTO history (set_id, annotator, at, action, edit) VALUES (?, 'alice', 'now', 'remove', ?)",
        [set_id, json.dumps({"kind": "remove_span", "span": freed})],
    )
    columns = {t: ", ".join(row[1] for row in old.execute(f"PRAGMA table_info({t})")) for t in NEVER_REUSED}
    before = {t: old.execute(f"SELECT {columns[t]} FROM {t} ORDER BY id").fetchall() for t in NEVER_REUSED}
    old.conn.commit()
    old.close()

    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table in NEVER_REUSED:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert "AUTOINCREMENT" in sql
        assert db.execute(f"SELECT {columns[table]} FROM {table} ORDER BY id").fetchall() == before[table]
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert {"spans_set", "quotes_set", "events_set", "arguments_event", "arguments_span"} <= indexes
    new_id = db.execute(
        "INSERT INTO spans (set_id, start_char, end_char, label, layer, status, origin)"
        " VALUES (?, 0, 7, 'NORP', 'entity', 'accepted', 'manual')",
        [set_id],
    ).lastrowid
    assert new_id == 41, "an id that the history mentions is not handed out again"
    db.execute("DELETE FROM spans WHERE id = ?", [new_id])
    again = db.execute(
        "INSERT INTO spans (set_id, start_char, end_char, label, layer, status, origin)"
        " VALUES (?, 0, 7, 'NORP', 'entity', 'accepted', 'manual')",
        [set_id],
    ).lastrowid
    assert again == 42
    db.close()


def test_a_failed_migration_leaves_the_file_and_its_version_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    old = version_one_project(path)
    old.execute("PRAGMA foreign_keys = OFF")
    old.execute("INSERT INTO quotes (set_id, content_span_id, kind) VALUES (99, 12345, 'direct')")
    old.conn.commit()
    old.close()
    with pytest.raises(ProjectError, match="links are broken"):
        open_database(path)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [r[0] for r in check.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    assert "AUTOINCREMENT" not in check.execute("SELECT sql FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    check.close()
