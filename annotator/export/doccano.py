"""doccano JSONL for sequence labelling with relations.

Each line: ``text``, ``entities`` ([{id, label, start_offset, end_offset}], every layer),
``relations`` ([{id, from_id, to_id, type}]: quote → speaker/cue typed Speaker/Cue,
trigger → argument typed with its role), plus ``uid``, ``title``, ``url``,
``published`` and ``structure``, which doccano keeps as the example's metadata and writes
back on export. Ids are numbered per article from 1.

``structure`` holds what doccano's spans and relations have no field for, keyed by
offsets and label (doccano renumbers ids, never offsets):

- ``layers``: [{start_offset, end_offset, label, layers}] for every place where a span
  is off the entity layer, ``layers`` naming the layer of each entity there in order (a
  speaker labelled PERSON on the words of a PERSON entity is two entities);
- ``events``: [{start_offset, end_offset, label, sub_type, negated, hypothetical,
  future}], one per event trigger;
- ``quotes``: [{start_offset, end_offset, label, kind}], one per quote content span.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.model import AnnotatedArticle, Layer, Span
from annotator.export.files import write_jsonl
from annotator.export.report import ExportOptions, ExportReport
from annotator.export.structure import (
    SpanTable,
    event_attributes,
    in_text_order,
    quote_attributes,
    relations,
    span_table,
)


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write one doccano record per article to the file `out`."""
    write_jsonl(out, (record(item) for item in items))
    report.files.append(out)


def record(item: AnnotatedArticle) -> dict[str, Any]:
    """The doccano record for one annotated article."""
    article = item.article
    annotations = item.annotations
    table = span_table(annotations)
    return {
        "text": article.text,
        "entities": [
            {"id": row + 1, "label": span.label, "start_offset": span.start, "end_offset": span.end}
            for row, span in enumerate(table.spans)
        ],
        "relations": [
            {"id": n, "from_id": table.row(r.head) + 1, "to_id": table.row(r.child) + 1, "type": r.label}
            for n, r in enumerate(relations(annotations), start=1)
        ],
        "uid": article.uid,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "structure": {
            "layers": _layers(table),
            "events": [{**_place(e.trigger), **event_attributes(e)} for e in in_text_order(annotations.events)],
            "quotes": [{**_place(q.content), **quote_attributes(q)} for q in in_text_order(annotations.quotes)],
        },
    }


def _layers(table: SpanTable) -> list[dict[str, Any]]:
    places: dict[tuple[int, int, str], list[str]] = {}
    for span in table.spans:
        places.setdefault((span.start, span.end, span.label), []).append(str(span.layer))
    return [
        {"start_offset": start, "end_offset": end, "label": label, "layers": layers}
        for (start, end, label), layers in places.items()
        if any(layer != Layer.ENTITY for layer in layers)
    ]


def _place(span: Span) -> dict[str, Any]:
    return {"start_offset": span.start, "end_offset": span.end, "label": span.label}
