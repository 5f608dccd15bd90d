"""Articles and their stored tokenisation."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.core.model import Article, Tokenisation
from annotator.store.database import now


@dataclass(frozen=True)
class InsertResult:
    """Ids of newly stored articles, and the uids that were already there."""

    inserted: dict[str, int]
    duplicates: list[str]


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at its start (`BEGIN IMMEDIATE`).

    A deferred transaction that reads and then writes can fail at once with "database is
    locked" when another process wrote in between; taking the lock first makes it wait
    (up to the busy timeout) instead. Inside a caller's transaction it is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


_COLUMNS = ("uid", "title", "source", "url", "author", "published", "text", "meta", "imported_at")
_ROWS_PER_STATEMENT = 200  # 9 parameters a row, well under SQLite's 32,766


def insert_articles(db: Database, articles: Sequence[Article]) -> InsertResult:
    """Store new articles (in the caller's transaction, else in one of their own); an
    article whose uid exists is skipped.

    `INSERT … ON CONFLICT DO NOTHING RETURNING` decides in one statement, so another
    process inserting the same article at the same time makes it a duplicate here, never
    an error.

    Args:
        db (Database): The project database.
        articles (Sequence[Article]): Articles with normalised text and uid set.
    RETURNS (InsertResult): uid -> new id, and the skipped uids (also duplicates within
        the batch itself).
    """
    fresh: dict[str, Article] = {}
    duplicates: list[str] = []
    for article in articles:
        if article.uid in fresh:
            duplicates.append(article.uid)
        else:
            fresh[article.uid] = article
    stamp = now()
    rows = [
        (
            a.uid,
            a.title,
            a.source,
            a.url,
            a.author,
            a.published,
            a.text,
            json.dumps(dict(a.meta), ensure_ascii=False),
            a.imported_at or stamp,
        )
        for a in fresh.values()
    ]
    inserted: dict[str, int] = {}
    with db.atomic():
        for i in range(0, len(rows), _ROWS_PER_STATEMENT):
            chunk = rows[i : i + _ROWS_PER_STATEMENT]
            values = ",".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
            cursor = db.conn.execute(
                f"INSERT INTO articles ({', '.join(_COLUMNS)}) VALUES {values}"
                " ON CONFLICT (uid) DO NOTHING RETURNING uid, id",
                [value for row in chunk for value in row],
            )
            inserted.update(cursor.fetchall())
    duplicates += [uid for uid in fresh if uid not in inserted]
    return InsertResult(inserted, duplicates)


def _ids_by_uid(db: Database, uids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(uids), 500):
        chunk = uids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            (uid, id_) for uid, id_ in db.execute(f"SELECT uid, id FROM articles WHERE uid IN ({marks})", chunk)
        )
    return found


def delete_article(db: Database, article_id: int) -> None:
    """Remove an article with everything that hangs off it (foreign keys cascade)."""
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])


def get_article(db: Database, article_id: int) -> Article:
    row = db.execute(
        "SELECT id, uid, title, source, url, author, published, text, meta, imported_at FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        raise KeyError(f"no article {article_id}")
    return _article(row)


def _article(row: Sequence[Any]) -> Article:
    id_, uid, title, source, url, author, published, text, meta, imported_at = row
    return Article(uid, text, title, source, url, author, published, json.loads(meta or "{}"), imported_at, id_)


def save_tokenisations(db: Database, items: Iterable[tuple[int, Tokenisation]], tokenizer: str) -> None:
    """Store token boundaries as flat JSON arrays [start0, end0, start1, end1, ...]."""
    rows = [
        (article_id, tokenizer, json.dumps([o for pair in t.tokens for o in pair]), json.dumps(list(t.sentence_starts)))
        for article_id, t in items
    ]
    with db.atomic():
        db.conn.executemany(
            "INSERT OR IGNORE INTO tokenisations (article_id, tokenizer, tokens, sentence_starts) VALUES (?, ?, ?, ?)",
            rows,
        )


def get_tokenisation(db: Database, article_id: int) -> Tokenisation | None:
    row = db.execute("SELECT tokens, sentence_starts FROM tokenisations WHERE article_id = ?", [article_id]).fetchone()
    if row is None:
        return None
    offsets = iter(json.loads(row[0]))
    return Tokenisation(tuple(zip(offsets, offsets)), tuple(json.loads(row[1])))


def without_tokens(db: Database, article_ids: Sequence[int]) -> list[int]:
    """Those of `article_ids` that have no stored tokenisation yet, in the given order."""
    have: set[int] = set()
    for i in range(0, len(article_ids), 500):
        chunk = list(article_ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        have.update(
            r[0] for r in db.execute(f"SELECT article_id FROM tokenisations WHERE article_id IN ({marks})", chunk)
        )
    return [i for i in article_ids if i not in have]


def untokenised_article_ids(db: Database, limit: int | None = None) -> list[int]:
    sql = "SELECT a.id FROM articles a LEFT JOIN tokenisations t ON t.article_id = a.id WHERE t.article_id IS NULL ORDER BY a.id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in db.execute(sql)]


def search_article_ids(db: Database, query: str, limit: int = 1000) -> list[int]:
    """Article ids matching a full-text query, best match first."""
    try:
        rows = db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            [_fts_query(query), limit],
        )
        return [r[0] for r in rows]
    except Exception:  # a malformed FTS expression is a user typo, not a failure
        return []


def _fts_query(query: str) -> str:
    """Quote each word so punctuation in what a person types never breaks FTS syntax."""
    words = [w.replace('"', '""') for w in query.split()]
    return " ".join(f'"{w}"*' if i == len(words) - 1 else f'"{w}"' for i, w in enumerate(words))


def all_article_ids(db: Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]


def article_ids_by_uid(db: Database, uids: Sequence[str]) -> dict[str, int]:
    """uid -> id of the articles that are in the project (the others are left out)."""
    return _ids_by_uid(db, list(uids))
