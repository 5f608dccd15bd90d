"""A project: one SQLite file with articles, suggestions, annotators' sets and its scheme."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import ProjectError
from annotator.core.model import (
    AnnotatedArticle,
    Annotations,
    Article,
    ArticleStatus,
    Tokenisation,
)
from annotator.core.scheme import LabelScheme
from annotator.nlp.tokens import tokenize
from annotator.store import annotations as sets
from annotator.store import articles
from annotator.store.article_batches import articles_by_id, texts_by_id, tokenisations_by_id
from annotator.store.database import open_database, translate_error
from annotator.store.schemes import store_scheme, stored_scheme_toml
from annotator.store.stats import project_stats

TOKENIZER_ID = "spacy-blank-en-3.8"


@dataclass
class Project:
    """An open project file. Use `Project.open`; close it (or use `with`) when done."""

    path: Path
    db: Database
    scheme: LabelScheme

    @classmethod
    def open(
        cls,
        path: str | Path,
        create: bool = True,
        readonly: bool = False,
        scheme: LabelScheme | None = None,
        full_check: bool = True,
    ) -> Project:
        """Open a project file, creating it (with `scheme` or the default) when missing.
        `full_check=False` leaves the whole-file check and backup to the caller
        (`store.database.open_database`).

        Raises:
            ProjectError: not SQLite, not ours, newer version, read-only, locked.
        """
        db = open_database(path, create=create, readonly=readonly, full_check=full_check)
        try:
            toml = stored_scheme_toml(db)
            if toml is None:
                chosen = scheme or LabelScheme.default()
                if not readonly:
                    store_scheme(db, chosen.name, chosen.version, chosen.source)
            else:
                chosen = LabelScheme.from_toml(toml)
        except sqlite3.DatabaseError as error:
            db.close()
            raise translate_error(error, path) from error
        return cls(Path(str(path)), db, chosen)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def stats(self) -> dict[str, Any]:
        return project_stats(self.db)

    def article(self, article_id: int) -> Article:
        return articles.get_article(self.db, article_id)

    def tokens(self, article_id: int) -> Tokenisation:
        """Stored tokens of an article, computed and stored now if never computed."""
        stored = articles.get_tokenisation(self.db, article_id)
        if stored is not None:
            return stored
        self.ensure_tokens([article_id])
        result = articles.get_tokenisation(self.db, article_id)
        if result is None:
            raise ProjectError(f"article {article_id} could not be tokenised")
        return result

    def ensure_tokens(self, article_ids: Iterable[int] | None = None, batch: int = 500) -> int:
        """Tokenise and store articles that have no stored tokens yet. RETURNS the count.

        Texts are read a batch at a time (one query each), never one query per article."""
        ids = list(article_ids) if article_ids is not None else articles.untokenised_article_ids(self.db)
        missing = articles.without_tokens(self.db, ids)
        for i in range(0, len(missing), batch):
            chunk = missing[i : i + batch]
            texts = texts_by_id(self.db, chunk)
            articles.save_tokenisations(self.db, zip(chunk, tokenize([texts[a] for a in chunk])), TOKENIZER_ID)
        return len(missing)

    def articles_with_tokens(self, article_ids: Sequence[int]) -> list[tuple[Article, Tokenisation]]:
        """The articles and their stored tokens, in the order asked, tokenising (and
        storing) those never tokenised: a few queries for the whole batch. Ids that are
        not in the project are left out."""
        self.ensure_tokens(article_ids)
        found = articles_by_id(self.db, article_ids)
        tokens = tokenisations_by_id(self.db, article_ids)
        return [(found[i], tokens[i]) for i in article_ids if i in found and i in tokens]

    def article_ids(self) -> list[int]:
        return articles.all_article_ids(self.db)

    def annotated(
        self, annotator: str, statuses: Iterable[ArticleStatus] | None = None, model: str = ""
    ) -> Iterator[AnnotatedArticle]:
        """One annotator's sets (or the model's, with annotator='model'), for export."""
        for info in sets.sets_for_annotator(self.db, annotator, statuses, model):
            yield AnnotatedArticle(
                self.article(info.article_id),
                self.tokens(info.article_id),
                sets.load_annotations(self.db, info.id),
                info.annotator,
                info.status,
                info.updated_at,
            )

    def suggestions(self, article_id: int) -> Annotations:
        latest = sets.latest_model_set(self.db, article_id)
        return sets.load_annotations(self.db, latest.id) if latest else Annotations()
