"""Trained models as project data: one `models` row per model, and the training sets.

A model's weights live in a folder beside the project file (see `services.models`); the
row records where, what it was trained from (base, annotator, article uids), how it
scored on its dev split, and how it was trained (seed, settings, steps, time).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from annotator.core.model import GOLD_ANNOTATOR, ArticleStatus
from annotator.store.annotations import SetInfo
from annotator.store.database import now

_JSON_FIELDS = ("train_uids", "dev_uids", "labels", "dev_scores", "settings")
_COLUMNS = (
    "id, folder, base, annotator, train_articles, dev_articles, train_uids, dev_uids, labels, dev_f1,"
    " dev_scores, seed, settings, steps, seconds, stopped, created_at"
)


@dataclass(frozen=True)
class ModelRecord:
    """A trained model as the project remembers it.

    id (str): fingerprint of the model's weights and config (`nlp.pipeline.fingerprint`).
    folder (str): the model's folder name inside the project's models folder.
    base (str): the pipeline it was fine-tuned from (package name, path or model id).
    annotator (str): whose decisions it learnt from ("gold", a name, or "done").
    train_uids, dev_uids (tuple[str, ...]): article uids of the train and dev splits.
    labels (tuple[str, ...]): entity labels of the training decisions.
    dev_f1 (float | None): entity F1 of its `ner` on the dev split.
    dev_scores (dict): per label {"p", "r", "f"} on the dev split.
    settings (dict): training settings (max_steps, dropout, ...).
    stopped (str): "finished", or "max_time" when the time limit ended training early.
    """

    id: str
    folder: str
    base: str
    annotator: str
    train_articles: int
    dev_articles: int
    seed: int
    train_uids: tuple[str, ...] = ()
    dev_uids: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    dev_f1: float | None = None
    dev_scores: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    steps: int = 0
    seconds: float = 0.0
    stopped: str = "finished"
    created_at: str = ""


def insert_model(db: Database, record: ModelRecord) -> ModelRecord:
    """Record a trained model (one transaction). RETURNS the record with its creation time."""
    row = {name: getattr(record, name) for name in _COLUMNS.split(", ")}
    row["created_at"] = record.created_at or now()
    for name in _JSON_FIELDS:
        row[name] = json.dumps(list(row[name]) if isinstance(row[name], tuple) else row[name], ensure_ascii=False)
    with db.atomic():
        db.table("models").insert(row)
    stored = get_model(db, record.id)
    assert stored is not None, "the row was inserted above"
    return stored


def get_model(db: Database, model_id: str) -> ModelRecord | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM models WHERE id = ?", [model_id]).fetchone()
    return _record(row) if row else None


def list_models(db: Database) -> list[ModelRecord]:
    """Every trained model, oldest first."""
    return [_record(r) for r in db.execute(f"SELECT {_COLUMNS} FROM models ORDER BY created_at, rowid")]


def latest_model(db: Database) -> ModelRecord | None:
    """The most recently trained model, or None."""
    row = db.execute(f"SELECT {_COLUMNS} FROM models ORDER BY created_at DESC, rowid DESC LIMIT 1").fetchone()
    return _record(row) if row else None


def find_models(db: Database, prefix: str) -> list[ModelRecord]:
    """Models whose id starts with `prefix` (ids may be shortened like git hashes)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [
        _record(r)
        for r in db.execute(
            f"SELECT {_COLUMNS} FROM models WHERE id LIKE ? ESCAPE '\\' ORDER BY created_at", [escaped + "%"]
        )
    ]


def _record(row: tuple[Any, ...]) -> ModelRecord:
    values = dict(zip(_COLUMNS.split(", "), row))
    for name in _JSON_FIELDS:
        values[name] = json.loads(values[name] or "null")
        if isinstance(values[name], list):
            values[name] = tuple(values[name])
    return ModelRecord(**values)


def done_sets(db: Database, annotator: str) -> list[SetInfo]:
    """One done set per article to learn from.

    annotator (str): a person's name or "gold": that annotator's done sets; "done": for
        each article done by anyone, the gold set if there is one, else the most recently
        changed done set of a person.
    RETURNS (list[SetInfo]): ordered by article id.
    """
    base = (
        "SELECT s.id, s.article_id, a.name, s.model, s.status, s.updated_at FROM annotation_sets s"
        " JOIN annotators a ON a.id = s.annotator_id WHERE s.status = ?"
    )
    done = str(ArticleStatus.DONE)
    if annotator != "done":
        rows = db.execute(base + " AND a.name = ? AND a.kind != 'model' ORDER BY s.article_id", [done, annotator])
        return [_set_info(r) for r in rows]
    best: dict[int, tuple[Any, ...]] = {}
    rows = db.execute(
        base + " AND a.kind != 'model' ORDER BY s.article_id, (a.name = ?) DESC, s.updated_at DESC, s.id DESC",
        [done, GOLD_ANNOTATOR],
    )
    for row in rows:
        best.setdefault(row[1], row)
    return [_set_info(r) for r in best.values()]


def _set_info(row: tuple[Any, ...]) -> SetInfo:
    return SetInfo(row[0], row[1], row[2], row[3], ArticleStatus(row[4]), row[5])


def done_count_since(db: Database, annotator: str, since: str) -> int:
    """Articles `annotator` has marked done (last changed) after the time `since`."""
    row = db.execute(
        "SELECT COUNT(*) FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
        " WHERE a.name = ? AND s.status = ? AND s.updated_at > ?",
        [annotator, str(ArticleStatus.DONE), since],
    ).fetchone()
    return int(row[0])
