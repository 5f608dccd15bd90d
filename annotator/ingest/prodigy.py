"""Prodigy task JSONL: text, spans, relations and the annotator's answer.

Answers become decisions as follows (the task stays an article in every case, with its
answer and Prodigy's hashes kept in ``meta["prodigy"]``):

- ``accept``: spans ACCEPTED, article DONE (the task was answered).
- ``reject``: spans REJECTED, article SKIPPED. In a binary task the single span shown was
  judged wrong; in a manual task the example was turned down. Either way nothing of it is a
  positive decision.
- ``ignore``: spans kept as SUGGESTED, article SKIPPED (no judgement was made).
- no answer (a pre-annotated input file): spans SUGGESTED, article status left to the service.

Spans are ``{start, end, label}`` with optional ``token_start``/``token_end``, and the
properties our export adds: ``layer`` (else the label implies it) and ``attributes`` (a
trigger's ``sub_type`` and flags, a quote's ``kind``). Relations are
``{head, child, head_span, child_span, label}``: ends are found by ``head_span``/``child_span``
offsets (and layer, when given), else by the token indices ``head``/``child``; see
`annotator.ingest.links` for which become speakers, cues and event arguments. The rest stay
in ``meta["relations"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import ArticleStatus, IncomingArticle, Origin, Span, Status
from annotator.ingest.fields import FieldProblem, article_fields
from annotator.ingest.links import Relation, SpanKey, checked_attributes, layer_named, link
from annotator.ingest.records import Record, read_records
from annotator.ingest.spans import SpanProblem, make_span

_ANSWERS: dict[str | None, tuple[Status, ArticleStatus | None]] = {
    "accept": (Status.ACCEPTED, ArticleStatus.DONE),
    "reject": (Status.REJECTED, ArticleStatus.SKIPPED),
    "ignore": (Status.SUGGESTED, ArticleStatus.SKIPPED),
    None: (Status.SUGGESTED, None),
}
_OWN_KEYS = frozenset({"spans", "relations", "tokens", "answer"})


def read_prodigy(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Read Prodigy tasks; bad lines, spans and relations are yielded as errors and skipped.

    path (Path): A Prodigy JSONL file (e.g. from ``prodigy db-out``).
    YIELDS (IncomingArticle | InputError): An article per task, errors for what was skipped.
    """
    yield from read_records(path, _read_task)


def _read_task(record: Record) -> Iterator[IncomingArticle | InputError]:
    task = record.data
    prodigy_keys = {key for key in task if key.startswith("_")}
    try:
        fields = article_fields(record, consumed=_OWN_KEYS | prodigy_keys)
    except FieldProblem as problem:
        yield record.error(str(problem))
        return
    answer = task.get("answer")
    if answer not in _ANSWERS:
        yield record.error(f"unknown answer {answer!r} (expected accept, reject or ignore); read as unanswered")
        answer = None
    span_status, article_status = _ANSWERS[answer]
    text_length = len(fields["text"])
    spans: list[Span] = []
    token_ranges: list[tuple[int, int] | None] = []
    attributes: dict[SpanKey, dict[str, Any]] = {}
    errors: list[InputError] = []
    for index, raw in enumerate(_list(task, "spans", record, errors)):
        try:
            span = _span(raw, text_length, span_status)
        except SpanProblem as problem:
            errors.append(record.error(f"span {index + 1}: {problem}; skipped"))
            continue
        spans.append(span)
        token_ranges.append(_token_range(raw))
        if "attributes" in raw:
            attributes[span.key], problems = checked_attributes(raw["attributes"], span.layer)
            errors += [record.error(f"span {index + 1}: {problem}") for problem in problems]
    relations: list[Relation] = []
    for index, raw in enumerate(_list(task, "relations", record, errors)):
        try:
            relations.append(_relation(raw, spans, token_ranges, text_length, span_status))
        except SpanProblem as problem:
            errors.append(record.error(f"relation {index + 1}: {problem}; skipped"))
    yield from errors
    annotations, unused = link(spans, relations, attributes)
    meta = dict(fields.pop("meta"))
    meta["prodigy"] = {key: task[key] for key in sorted(prodigy_keys | {"answer"}) if key in task}
    if unused:
        meta["relations"] = [relation.as_record() for relation in unused]
    annotator = task.get("_annotator_id")
    yield IncomingArticle(
        **fields,
        meta=meta,
        annotations=annotations,
        status=article_status,
        annotator=annotator if isinstance(annotator, str) and annotator else None,
    )


def _list(task: dict[str, Any], key: str, record: Record, errors: list[InputError]) -> list[Any]:
    value = task.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(record.error(f"'{key}' is not a list; ignored"))
        return []
    return value


def _span(raw: Any, text_length: int, status: Status) -> Span:
    """A span from its Prodigy description, on the layer it names or its label implies."""
    if not isinstance(raw, dict):
        raise SpanProblem("is not an object")
    span = make_span(raw.get("start"), raw.get("end"), raw.get("label"), text_length, status, Origin.IMPORT)
    layer = layer_named(raw.get("layer"))
    if "layer" in raw and layer is None:
        raise SpanProblem(f"names no layer we know: {raw['layer']!r}")
    return replace(span, layer=layer) if layer else span


def _token_range(raw: dict[str, Any]) -> tuple[int, int] | None:
    start, end = raw.get("token_start"), raw.get("token_end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    return None


def _relation(
    raw: Any,
    spans: list[Span],
    token_ranges: list[tuple[int, int] | None],
    text_length: int,
    status: Status,
) -> Relation:
    if not isinstance(raw, dict):
        raise SpanProblem("is not an object")
    label = raw.get("label")
    if not isinstance(label, str) or not label:
        raise SpanProblem("has no label")
    head = _end(raw, "head", spans, token_ranges, text_length, status)
    child = _end(raw, "child", spans, token_ranges, text_length, status)
    return Relation(head, child, label)


def _end(
    raw: dict[str, Any],
    name: str,
    spans: list[Span],
    token_ranges: list[tuple[int, int] | None],
    text_length: int,
    status: Status,
) -> Span:
    """Find a relation end among the spans, adding it when only its ``*_span`` names it."""
    described = raw.get(f"{name}_span")
    if isinstance(described, dict) and "start" in described and "end" in described:
        start, end, label = described.get("start"), described.get("end"), described.get("label")
        layer = layer_named(described.get("layer"))
        for span in spans:
            if (span.start, span.end) == (start, end) and label in (None, span.label) and layer in (None, span.layer):
                return span
        span = _span(described, text_length, status)
        spans.append(span)
        token_ranges.append(_token_range(described))
        return span
    token = raw.get(name)
    if isinstance(token, int) and not isinstance(token, bool):
        for span, tokens in zip(spans, token_ranges):
            if tokens and tokens[0] <= token <= tokens[1]:
                return span
        raise SpanProblem(f"no span covers its {name} token {token}")
    raise SpanProblem(f"has no {name}")
