"""Event dates and claims in the project file: migration 0008, bulk insert and load,
edits with exact inverses, and the in-memory replay agreeing with a reload."""

from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from annotator.core import edits as e
from annotator.core.errors import ValidationError
from annotator.core.model import (
    Annotations,
    Argument,
    Article,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    EventDate,
    Layer,
    Origin,
    Span,
    Status,
)
from annotator.core.replay import replay
from annotator.core.text import article_uid
from annotator.store import annotations as sets
from annotator.store.apply import apply_edit
from annotator.store.articles import insert_articles
from annotator.store.database import open_database
from annotator.store.schema import APPLICATION_ID, _initial

TEXT = "Gunmen killed 12 villagers in Abala yesterday, officials said."
TODAY = EventDate("2025-03-04", "2025-03-04", DatePrecision.DAY, "yesterday")
TWELVE = Claim(ClaimKind.KILLED, 12, None, "", "villagers", "officials", 14, 16)


def annotated() -> Annotations:
    trigger = Span(7, 13, "VIOLENCE_AGAINST_CIVILIANS", Layer.TRIGGER, Status.ACCEPTED, Origin.MANUAL)
    time = Span(36, 45, "TIME", Layer.ARGUMENT, Status.ACCEPTED, Origin.MANUAL)
    event = Event(
        trigger, "VIOLENCE_AGAINST_CIVILIANS", arguments=(Argument("TIME", time),), date=TODAY, claims=(TWELVE,)
    )
    return Annotations((trigger, time), (), (event,))


@pytest.fixture
def stored(tmp_path: Path):
    db = open_database(tmp_path / "p.db")
    article_id = insert_articles(db, [Article(article_uid(TEXT), TEXT)]).inserted[article_uid(TEXT)]
    set_id = sets.create_set(db, article_id, "alice")
    with db.atomic():
        sets.insert_annotations(db, set_id, annotated())
    yield db, set_id
    db.close()


def test_dates_and_claims_are_stored_and_loaded_with_their_event(stored):
    db, set_id = stored
    loaded = sets.load_annotations(db, set_id)
    assert loaded.without_ids() == annotated().without_ids()
    (event,) = loaded.events
    assert event.date == TODAY and event.claims == (TWELVE,)


def test_date_and_claim_edits_invert_exactly_and_replay_matches_a_reload(stored):
    db, set_id = stored
    before = sets.load_annotations(db, set_id)
    (event,) = before.events
    corrected = EventDate("2025-03-03", "2025-03-03", DatePrecision.DAY, "yesterday", Origin.MANUAL)
    rebels = Claim(ClaimKind.KILLED, 30, qualifier="more than", claimant="the rebels")
    edit = e.Compound(
        (e.SetEventDate(event.id, TODAY, corrected), e.AddClaim(event.id, rebels), e.RemoveClaim(event.id, TWELVE)),
        "recode",
    )
    resolved, _ = apply_edit(db, set_id, "alice", edit)
    after = sets.load_annotations(db, set_id)
    assert replay(before, resolved) == after
    assert after.events[0].date == corrected and after.events[0].claims == (rebels,)
    undone, _ = apply_edit(db, set_id, "alice", resolved.inverse())
    assert sets.load_annotations(db, set_id) == before
    assert replay(after, undone) == before


def test_a_stale_date_edit_is_refused(stored):
    db, set_id = stored
    (event,) = sets.load_annotations(db, set_id).events
    with pytest.raises(ValidationError, match="date changed since it was shown"):
        apply_edit(db, set_id, "alice", e.SetEventDate(event.id, None, TODAY))
    with pytest.raises(ValidationError, match="not on this event"):
        apply_edit(db, set_id, "alice", e.RemoveClaim(event.id, Claim(ClaimKind.KILLED, 99)))


def test_removing_an_event_and_undoing_brings_back_its_date_and_claims(stored):
    db, set_id = stored
    before = sets.load_annotations(db, set_id)
    resolved, _ = apply_edit(db, set_id, "alice", e.RemoveEvent(before.events[0]))
    assert db.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM event_dates").fetchone()[0] == 0
    apply_edit(db, set_id, "alice", resolved.inverse())
    assert sets.load_annotations(db, set_id) == before


def test_an_older_project_is_migrated_and_keeps_its_events(tmp_path: Path):
    path = tmp_path / "old.db"
    old = Database(path)
    only_first = Migrations("annotator")
    only_first(name="0001_initial")(_initial)
    only_first.apply(old)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    article_id = insert_articles(old, [Article(article_uid(TEXT), TEXT)]).inserted[article_uid(TEXT)]
    set_id = sets.create_set(old, article_id, "alice")
    with old.atomic():  # version-1 rows, written with version-1 columns
        trigger_id, time_id = (
            old.execute(
                "INSERT INTO spans (set_id, start_char, end_char, label, layer, status, origin)"
                " VALUES (?, ?, ?, ?, ?, 'accepted', 'manual')",
                [set_id, span.start, span.end, span.label, str(span.layer)],
            ).lastrowid
            for span in annotated().spans
        )
        event_id = old.execute(
            "INSERT INTO events (set_id, trigger_span_id, event_type) VALUES (?, ?, 'VIOLENCE_AGAINST_CIVILIANS')",
            [set_id, trigger_id],
        ).lastrowid
        old.execute("INSERT INTO arguments (event_id, role, span_id) VALUES (?, 'TIME', ?)", [event_id, time_id])
    assert "claims" not in old.table_names()
    old.close()
    db = open_database(path)
    assert {"event_dates", "claims"} <= set(db.table_names())
    (event,) = sets.load_annotations(db, set_id).events
    assert event.date is None and event.claims == () and event.arguments[0].role == "TIME"
    apply_edit(db, set_id, "alice", e.Compound((e.SetEventDate(event.id, None, TODAY), e.AddClaim(event.id, TWELVE))))
    assert sets.load_annotations(db, set_id).events[0].claims == (TWELVE,)
    db.close()
