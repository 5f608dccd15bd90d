"""Plain JSONL articles and re3d-style ``documents.json``.

Plain: one object a line with ``text`` and optional ``title``, ``url``, ``source``,
``author``, ``published`` (or ``date``) and ``meta``. re3d: ``text``, ``title``,
``sourceName`` (the source), ``sourceUrl`` (the url) and ``_id``, kept in meta with the other
keys. A JSON array of such objects is read too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle
from annotator.ingest.fields import FieldProblem, article_fields
from annotator.ingest.records import Record, read_records


def read_jsonl(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Read articles from a JSONL file; bad lines are yielded as errors and skipped.

    path (Path): The file.
    YIELDS (IncomingArticle | InputError): An article per good line, an error per bad one.
    """
    yield from read_records(path, _read_record)


def _read_record(record: Record) -> Iterator[IncomingArticle | InputError]:
    try:
        fields = article_fields(record)
    except FieldProblem as problem:
        yield record.error(str(problem))
        return
    yield IncomingArticle(**fields)
