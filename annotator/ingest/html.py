"""Saved web pages: the article's main text and metadata, extracted with trafilatura.

Only plain text is kept: markup, scripts, styles, navigation and comments never reach the
article. Title, author, site name (as the source), publication date and canonical URL come
from the page's metadata when it has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import trafilatura

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle
from annotator.ingest.decode import read_text

SUFFIXES = (".html", ".htm", ".xhtml")
_META_KEYS = ("hostname", "description", "sitename", "categories", "tags", "language", "license")


def read_html(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Read one saved web page as an article.

    path (Path): The ``.html`` file.
    YIELDS (IncomingArticle | InputError): The article, or an error when the file cannot be
        read or holds no article text.
    """
    try:
        decoded = read_text(path)
    except InputError as error:
        yield error
        return
    yield from decoded.problems
    markup = decoded.text
    result = _extract(markup)
    text = (result or {}).get("text") or ""
    if result is None or not text.strip():
        yield InputError("no article text found in this web page", path)
        return
    meta = {key: result[key] for key in _META_KEYS if result.get(key)}
    meta["filename"] = path.name
    yield IncomingArticle(
        text=text,
        title=result.get("title") or "",
        source=result.get("sitename") or result.get("hostname") or "",
        url=result.get("url") or "",
        author=result.get("author") or "",
        published=result.get("date") or None,
        meta=meta,
        where=str(path),
    )


def _extract(markup: str) -> dict[str, Any] | None:
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )
    if document is None:
        return None
    return document.as_dict() if hasattr(document, "as_dict") else dict(document)
