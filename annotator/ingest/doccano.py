"""doccano JSONL: ``text`` with spans as ``label`` ``[[start, end, label], ...]`` or as
``entities`` ``[{id, start_offset, end_offset, label}]`` with ``relations``
``[{from_id, to_id, type}]``.

doccano has no answer field: spans are ACCEPTED decisions, and an article with at least one
span or relation is DONE; one with none is left to the service (it may be unseen).
Classification labels (a ``label`` list of strings) are kept in ``meta["labels"]``.
Relation types become speakers, cues and event arguments as `annotator.ingest.links` says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from annotator.core.errors import InputError
from annotator.core.model import ArticleStatus, IncomingArticle, Span
from annotator.ingest.fields import FieldProblem, article_fields
from annotator.ingest.links import Relation, link
from annotator.ingest.records import Record, read_records
from annotator.ingest.spans import SpanProblem, make_span

_OWN_KEYS = frozenset({"label", "labels", "entities", "relations"})


def read_doccano(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Read a doccano sequence-labelling export; bad lines, spans and relations are yielded
    as errors and skipped.

    path (Path): The JSONL file.
    YIELDS (IncomingArticle | InputError): An article per record, errors for what was skipped.
    """
    yield from read_records(path, _read_record)


def _read_record(record: Record) -> Iterator[IncomingArticle | InputError]:
    data = record.data
    try:
        fields = article_fields(record, consumed=_OWN_KEYS)
    except FieldProblem as problem:
        yield record.error(str(problem))
        return
    text_length = len(fields["text"])
    meta = dict(fields.pop("meta"))
    spans: list[Span] = []
    by_id: dict[Any, Span] = {}
    classes: list[str] = []
    for key in _OWN_KEYS:
        if data.get(key) is not None and not isinstance(data[key], list):
            yield record.error(f"'{key}' is not a list; ignored")
    for index, raw in enumerate(_as_list(data.get("label", data.get("labels")))):
        if isinstance(raw, str):
            classes.append(raw)
            continue
        try:
            if not isinstance(raw, list) or len(raw) != 3:
                raise SpanProblem("is not [start, end, label]")
            spans.append(make_span(raw[0], raw[1], raw[2], text_length))
        except SpanProblem as problem:
            yield record.error(f"label {index + 1}: {problem}; skipped")
    for index, raw in enumerate(_as_list(data.get("entities"))):
        try:
            if not isinstance(raw, dict):
                raise SpanProblem("is not an object")
            span = make_span(raw.get("start_offset"), raw.get("end_offset"), raw.get("label"), text_length)
        except SpanProblem as problem:
            yield record.error(f"entity {index + 1}: {problem}; skipped")
            continue
        spans.append(span)
        if "id" in raw:
            by_id[raw["id"]] = span
    relations: list[Relation] = []
    for index, raw in enumerate(_as_list(data.get("relations"))):
        if not isinstance(raw, dict):
            yield record.error(f"relation {index + 1}: is not an object; skipped")
            continue
        head, child, kind = by_id.get(raw.get("from_id")), by_id.get(raw.get("to_id")), raw.get("type")
        if head is None or child is None or not isinstance(kind, str) or not kind:
            yield record.error(f"relation {index + 1}: from_id/to_id name no entity read from this record, or no type; skipped")
            continue
        relations.append(Relation(head, child, kind))
    annotations, unused = link(spans, relations)
    if classes:
        meta["labels"] = classes
    if unused:
        meta["relations"] = [relation.as_record() for relation in unused]
    yield IncomingArticle(
        **fields,
        meta=meta,
        annotations=annotations,
        status=ArticleStatus.DONE if spans or relations else None,
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
