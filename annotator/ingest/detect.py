"""Tell a file's format from its suffix and, for JSON, from its first readable record."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.ingest.decode import iter_lines
from annotator.ingest.plover import is_plover_record
from annotator.ingest.records import starts_with_array
from annotator.ingest.registry import FORMATS

OURS_MARK = "annotator/1"
_JSON_SUFFIXES = frozenset({".jsonl", ".json", ".ndjson"})
_HTML_SUFFIXES = frozenset(FORMATS["html"].suffixes)
_SNIFF_RECORDS = 20
_SNIFF_BYTES = 4 * 1024 * 1024
KNOWN_SUFFIXES = frozenset({".txt", ".ann", *_JSON_SUFFIXES, *_HTML_SUFFIXES})


def detect_format(path: Path, by_content: bool = True) -> str | None:
    """The format name for one file, or None when it cannot be told.

    ``.html``/``.htm`` → html; ``.txt`` → txt, or brat when a ``.ann`` of the same name sits
    beside it and the brat reader is installed, or plover when it holds a JSON array of
    PLOVER records (the gold standard records are published as ``.txt``); ``.ann`` → brat;
    ``.json``/``.jsonl`` → by the first readable record (see `record_format`). Other suffixes are looked at only when
    `by_content` (a file named on the command line, not one met in a folder).

    path (Path): The file.
    by_content (bool): Guess from the content when the suffix says nothing.
    RETURNS (str | None): A name from `annotator.ingest.registry.FORMATS`, or None.
    """
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix == ".txt":
        if brat_partner(path):
            return "brat"
        return (
            "plover"
            if _head(path, 64).lstrip("\ufeff \t\r\n").startswith("[") and sniff_json(path) == "plover"
            else "txt"
        )
    if suffix == ".ann":
        return "brat" if FORMATS["brat"].available() else None
    if suffix in _JSON_SUFFIXES:
        return sniff_json(path)
    if not by_content:
        return None
    head = _head(path, 1024).lstrip().lower()
    if head.startswith(("{", "[")):
        return sniff_json(path)
    if head.startswith("<") and ("<html" in head or "<!doctype html" in head):
        return "html"
    return "txt"


def brat_partner(path: Path) -> Path | None:
    """The ``.ann`` beside a ``.txt`` when the brat reader is installed, else None."""
    partner = path.with_suffix(".ann")
    if partner.is_file() and FORMATS["brat"].available():
        return partner
    return None


def sniff_json(path: Path) -> str | None:
    """The format of a JSON or JSONL file, judged by its first record that parses.

    RETURNS (str | None): The record's format; None when the record fits no format; "jsonl"
        when no record parses at all, so that the JSONL reader reports why, line by line.
    """
    if starts_with_array(path):
        text = _head(path, _SNIFF_BYTES).lstrip("\ufeff \t\r\n")[1:]
        try:
            first, _ = json.JSONDecoder().raw_decode(text.lstrip())
        except (json.JSONDecodeError, RecursionError):
            return "jsonl"
        return record_format(first) if isinstance(first, dict) else "jsonl"
    for number, item in enumerate(iter_lines(path), start=1):
        if number > _SNIFF_RECORDS:
            break
        if isinstance(item, InputError):
            continue
        try:
            data = json.loads(item[1])
        except (json.JSONDecodeError, RecursionError):
            continue
        if isinstance(data, dict):
            return record_format(data)
    return "jsonl"


def record_format(data: dict[str, Any]) -> str | None:
    """The format one JSON record is written in, or None.

    ``"format": "annotator/1"`` → jsonl-ours; ``data`` with ``annotations``/``predictions``
    → labelstudio; a ``spans`` list → prodigy; an ``event`` with ``eventText``, ``textInfo``
    or ``coder`` → plover; ``text`` with a ``label`` or ``entities``
    list → doccano (even when empty: later records may have spans); ``text`` → jsonl.
    """
    if data.get("format") == OURS_MARK:
        return "jsonl-ours"
    if isinstance(data.get("data"), dict) and ("annotations" in data or "predictions" in data or "text" not in data):
        return "labelstudio"
    if isinstance(data.get("spans"), list):
        return "prodigy"
    if is_plover_record(data):
        return "plover"
    if not isinstance(data.get("text"), str):
        return None
    if isinstance(data.get("label"), list) or isinstance(data.get("entities"), list):
        return "doccano"
    return "jsonl"


def _head(path: Path, size: int) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(size)
    except OSError:
        return ""
    wide = data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    return data.decode("utf-16" if wide else "utf-8-sig", errors="replace")
