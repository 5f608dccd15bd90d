"""doccano JSONL: ``text`` with spans as ``label`` ``[[start, end, label], ...]`` or as
``entities`` ``[{id, start_offset, end_offset, label}]`` with ``relations``
``[{from_id, to_id, type}]``.

doccano has no answer field: spans are ACCEPTED decisions, and an article with at least one
span or relation is DONE; one with none is left to the service (it may be unseen).
Classification labels (a ``label`` list of strings) are kept in ``meta["labels"]``.
Relation types become speakers, cues and event arguments as `annotator.ingest.links` says.
The ``structure`` metadata our export writes (see `annotator.export.doccano`) gives spans
their layers, events their sub-type and flags, quotes their kind; without it a span's
layer comes from its label.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import ArticleStatus, IncomingArticle, Layer, Span
from annotator.ingest.fields import FieldProblem, article_fields
from annotator.ingest.links import Relation, SpanKey, checked_attributes, layer_named, link
from annotator.ingest.records import Record, read_records
from annotator.ingest.spans import SpanProblem, make_span

_OWN_KEYS = frozenset({"label", "labels", "entities", "relations", "structure"})
_Place = tuple[Any, Any, Any]


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
    for key in _OWN_KEYS - {"structure"}:
        if data.get(key) is not None and not isinstance(data[key], list):
            yield record.error(f"'{key}' is not a list; ignored")
    structure = data.get("structure")
    if structure is not None and not isinstance(structure, dict):
        yield record.error("'structure' is not an object; ignored")
        structure = None
    structure = structure or {}
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
    layers, layer_problems = _layers(structure.get("layers"))
    for message in layer_problems:
        yield record.error(message)
    for index, raw in enumerate(_as_list(data.get("entities"))):
        try:
            if not isinstance(raw, dict):
                raise SpanProblem("is not an object")
            span = make_span(raw.get("start_offset"), raw.get("end_offset"), raw.get("label"), text_length)
        except SpanProblem as problem:
            yield record.error(f"entity {index + 1}: {problem}; skipped")
            continue
        named = layers.get((span.start, span.end, span.label))
        if named:
            span = replace(span, layer=named.pop(0))
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
            yield record.error(
                f"relation {index + 1}: from_id/to_id name no entity read from this record, or no type; skipped"
            )
            continue
        relations.append(Relation(head, child, kind))
    attributes: dict[SpanKey, dict[str, Any]] = {}
    for name, layer in (("events", Layer.TRIGGER), ("quotes", Layer.QUOTE)):
        for index, raw in enumerate(_as_list(structure.get(name))):
            if not isinstance(raw, dict):
                yield record.error(f"structure {name} {index + 1}: is not an object; ignored")
                continue
            described = {k: v for k, v in raw.items() if k not in ("start_offset", "end_offset", "label")}
            span_key = (raw.get("start_offset"), raw.get("end_offset"), raw.get("label"), str(layer))
            attributes[span_key], attribute_problems = checked_attributes(described, layer)  # type: ignore[index]  # the key is checked when spans are linked
            for message in attribute_problems:
                yield record.error(f"structure {name} {index + 1}: {message}")
    annotations, unused = link(spans, relations, attributes)
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


def _layers(raw: Any) -> tuple[dict[_Place, list[Layer]], list[str]]:
    """The layers ``structure.layers`` names per place, in the order of the entities there,
    and a message for each entry or layer name that could not be used."""
    layers: dict[_Place, list[Layer]] = {}
    problems: list[str] = []
    for index, place in enumerate(_as_list(raw), start=1):
        if not isinstance(place, dict) or not isinstance(place.get("layers"), list):
            problems.append(f"structure layers {index}: is not an object with a list of layers; ignored")
            continue
        key = (place.get("start_offset"), place.get("end_offset"), place.get("label"))
        layers[key] = []
        for name in place["layers"]:
            layer = layer_named(name)
            if layer is None:
                problems.append(f"structure layers {index}: {name!r} is no layer we know; ignored")
            else:
                layers[key].append(layer)
    return layers, problems


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
