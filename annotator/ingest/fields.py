"""The article fields every JSON-based format shares: text, title, source, url, author,
publication date and meta, read from the record or from its ``meta`` object."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from annotator.ingest.records import Record

_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "source": ("source", "sourceName", "site", "sitename"),
    "url": ("url", "sourceUrl", "link"),
    "author": ("author", "authors"),
    "published": ("published", "date", "publishedAt", "published_at", "pubdate"),
}
_CONSUMED = frozenset({"text", "meta", *(name for names in _ALIASES.values() for name in names)})


class FieldProblem(ValueError):
    """A record lacks a usable article text."""


def article_fields(record: Record, consumed: Collection[str] = ()) -> dict[str, Any]:
    """Keyword arguments for `IncomingArticle` from a JSON record.

    A field is looked up under its usual names at the top level, then in ``meta``. Keys the
    reader does not use (and `consumed` does not name) are kept in meta, never dropped.

    record (Record): The record.
    consumed (Collection[str]): Keys the calling reader handles itself (spans, answer...).
    RETURNS (dict[str, Any]): text, title, source, url, author, published, meta, where.
    RAISES (FieldProblem): No text, or text that is not a non-blank string.
    """
    data = record.data
    text = data.get("text")
    if not isinstance(text, str):
        raise FieldProblem("no 'text' string in this record")
    if not text.strip():
        raise FieldProblem("'text' is empty")
    raw_meta = data.get("meta")
    meta: dict[str, Any] = dict(raw_meta) if type(raw_meta) is dict else {}  # noqa: E721 (JSON gives dicts)
    if raw_meta is not None and type(raw_meta) is not dict:
        meta["meta"] = raw_meta
    for key, value in data.items():
        if key not in _CONSUMED and key not in consumed:
            meta.setdefault(key, value)
    return {
        "text": text,
        "title": _first(data, meta, _ALIASES["title"]) or "",
        "source": _first(data, meta, _ALIASES["source"]) or "",
        "url": _first(data, meta, _ALIASES["url"]) or "",
        "author": _first(data, meta, _ALIASES["author"]) or "",
        "published": _first(data, meta, _ALIASES["published"]),
        "meta": meta,
        "where": record.where,
    }


def _first(data: Mapping[str, Any], meta: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for table in (data, meta):
        for name in names:
            value = table.get(name)
            if value is None or value == "":
                continue
            if type(value) is str:
                value = value.strip()
            elif isinstance(value, list):
                value = ", ".join(str(item) for item in value if item).strip()
            else:
                value = str(value).strip()
            if value:
                return value
    return None
