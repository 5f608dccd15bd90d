"""Articles and their stored tokens read by the hundred, one query per batch.

Pre-annotation and tokenisation walk large projects; one query per article costs more
than the work itself at 100,000 articles. Ids are passed as one JSON array (`json_each`),
so a batch has no bound on SQLite's number of parameters.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database

from annotator.core.model import Article, Tokenisation


def articles_by_id(db: Database, article_ids: Sequence[int]) -> dict[int, Article]:
    """id -> Article for those of `article_ids` that exist."""
    rows = db.execute(
        "SELECT id, uid, title, source, url, author, published, text, meta, imported_at FROM articles"
        " WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(article_ids))],
    )
    found: dict[int, Article] = {}
    for id_, uid, title, source, url, author, published, text, meta, imported_at in rows:
        found[id_] = Article(
            uid, text, title, source, url, author, published, json.loads(meta or "{}"), imported_at, id_
        )
    return found


def texts_by_id(db: Database, article_ids: Sequence[int]) -> dict[int, str]:
    """id -> text (only the text: what tokenising needs)."""
    return dict(
        db.execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(article_ids))],
        ).fetchall()
    )


def tokenisations_by_id(db: Database, article_ids: Sequence[int]) -> dict[int, Tokenisation]:
    """id -> stored Tokenisation, for those of `article_ids` that have one."""
    found: dict[int, Tokenisation] = {}
    for article_id, tokens, starts in db.execute(
        "SELECT article_id, tokens, sentence_starts FROM tokenisations WHERE article_id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(article_ids))],
    ):
        offsets = iter(json.loads(tokens))
        found[article_id] = Tokenisation(tuple(zip(offsets, offsets)), tuple(json.loads(starts)))
    return found


def done_by_model(db: Database, model: str, article_ids: Sequence[int]) -> set[int]:
    """Those of `article_ids` that already have a suggestion set from `model`."""
    return {
        r[0]
        for r in db.execute(
            "SELECT s.article_id FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.kind = 'model' AND s.model = ? AND s.article_id IN (SELECT value FROM json_each(?))",
            [model, json.dumps(list(article_ids))],
        )
    }
