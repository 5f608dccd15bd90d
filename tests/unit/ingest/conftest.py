from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle
from annotator.ingest import read_sources

Split = tuple[list[IncomingArticle], list[InputError]]


def _split(items: Iterable[IncomingArticle | InputError]) -> Split:
    articles: list[IncomingArticle] = []
    errors: list[InputError] = []
    for item in items:
        (errors if isinstance(item, InputError) else articles).append(item)
    return articles, errors


@pytest.fixture
def split() -> Callable[[Iterable[IncomingArticle | InputError]], Split]:
    """Separate a reader's output into articles and errors, keeping their order."""
    return _split


@pytest.fixture
def read() -> Callable[..., Split]:
    """read_sources over the given paths, split into articles and errors."""

    def run(*paths: Path, fmt: str = "auto", **options) -> Split:
        return _split(read_sources(list(paths), fmt, **options))

    return run
