"""Migration 0004_quote_speaker_entity and the store's quotes with a speaker entity."""

from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from annotator.core import edits as e
from annotator.core.errors import ValidationError
from annotator.core.model import Annotations, Article, Layer, Origin, Quote, Span, Status
from annotator.core.text import article_uid
from annotator.store import annotations as sets
from annotator.store.apply import apply_edit
from annotator.store.articles import insert_articles
from annotator.store.database import open_database
from annotator.store.schema import APPLICATION_ID, migrations

TEXT = "Vladimir Medinsky spoke.\n\n“There will be an exchange,” he said."


def span(word: str, label: str, layer: Layer) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word), label, layer, Status.SUGGESTED, Origin.MODEL)


def suggestions() -> Annotations:
    content = span("There will be an exchange,", "QUOTE", Layer.QUOTE)
    he, medinsky = span("he", "SPEAKER", Layer.SPEAKER), span("Vladimir Medinsky", "PERSON", Layer.SPEAKER)
    said = span("said", "CUE", Layer.CUE)
    return Annotations((medinsky, content, he, said), (Quote(content, he, said, speaker_entity=medinsky),))


def test_a_project_made_before_the_migration_gains_the_column_and_keeps_its_quotes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Migrations("annotator")
    old(name="0001_initial")(migrations._migrations[0].fn)
    db = Database(path)
    old.apply(db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    article_id = insert_articles(db, [Article(article_uid(TEXT), TEXT)]).inserted[article_uid(TEXT)]
    set_id = sets.create_set(db, article_id, "model", "m")
    db.execute(
        "INSERT INTO spans (set_id, start_char, end_char, label, layer, status, origin) VALUES (?, 26, 52, 'QUOTE', 'quote', 'suggested', 'model')",
        [set_id],
    )
    db.execute("INSERT INTO quotes (set_id, content_span_id, kind) VALUES (?, 1, 'direct')", [set_id])
    db.conn.commit()
    db.close()

    migrated = open_database(path)
    assert "speaker_entity_span_id" in migrated["quotes"].columns_dict
    assert "0004_quote_speaker_entity" in [m.name for m in migrations.applied(migrated)]
    (quote,) = sets.load_annotations(migrated, set_id).quotes
    assert quote.speaker_entity is None and quote.content.label == "QUOTE"


def test_suggestions_store_and_load_the_speaker_entity(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    article_id = insert_articles(db, [Article(article_uid(TEXT), TEXT)]).inserted[article_uid(TEXT)]
    sets.store_suggestions(db, "m", [(article_id, suggestions())])
    loaded = sets.load_annotations(db, sets.find_set(db, article_id, "model", "m").id)  # type: ignore[union-attr]
    (quote,) = loaded.quotes
    assert TEXT[quote.speaker.start : quote.speaker.end] == "he"  # type: ignore[union-attr]
    assert TEXT[quote.speaker_entity.start : quote.speaker_entity.end] == "Vladimir Medinsky"  # type: ignore[union-attr]
    assert loaded.without_ids().quotes == suggestions().without_ids().quotes


def test_the_entity_span_cannot_be_removed_while_linked_and_the_link_undoes(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    article_id = insert_articles(db, [Article(article_uid(TEXT), TEXT)]).inserted[article_uid(TEXT)]
    set_id = sets.create_set(db, article_id, "alice")
    sets.insert_annotations(db, set_id, suggestions())
    loaded = sets.load_annotations(db, set_id)
    (quote,) = loaded.quotes
    entity = quote.speaker_entity
    with pytest.raises(ValidationError, match="still linked"):
        apply_edit(db, set_id, "alice", e.RemoveSpan(entity))  # type: ignore[arg-type]
    unlinked, _ = apply_edit(
        db, set_id, "alice", e.ChangeQuote(quote, Quote(quote.content, quote.speaker, quote.cue, quote.kind, quote.id))
    )
    assert sets.load_annotations(db, set_id).quotes[0].speaker_entity is None
    apply_edit(db, set_id, "alice", unlinked.inverse())
    assert sets.load_annotations(db, set_id).quotes[0].speaker_entity == entity
