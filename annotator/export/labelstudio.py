"""Label Studio tasks JSON with annotations, and the labelling config that matches it.

One ``<Labels>`` control per layer (``entity``, ``quote``, ``speaker``, ``cue``,
``trigger``, ``argument``) on one ``<Text name="text">``, so a region's ``from_name`` says
its layer; ``<Relations>`` lists Speaker, Cue and the roles. Per-region ``<Choices>`` hold
what a label cannot: ``sub_type`` and ``flags`` (negated, hypothetical, future; several
at once) on trigger regions, ``kind`` on quote regions. Each is a ``choices`` result with
the id of its region, as Label Studio writes per-region answers. Offsets are code points,
as Label Studio stores them since 1.6. The config is written next to the tasks file as
``<stem>.config.xml``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import srsly

from annotator.core.model import AnnotatedArticle, Layer, QuoteKind, Span
from annotator.core.scheme import LabelScheme
from annotator.export.files import replacing, write_text
from annotator.export.report import ExportOptions, ExportReport
from annotator.export.structure import (
    CUE_RELATION,
    FLAGS,
    SPEAKER_RELATION,
    in_text_order,
    relations,
    span_table,
)

TEXT_NAME = "text"
SUB_TYPE, EVENT_FLAGS, QUOTE_KIND = "sub_type", "flags", "kind"


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write the tasks to the file `out` and the labelling config beside it."""
    used: dict[str, set[str]] = {str(layer): set[str]() for layer in Layer} | {SUB_TYPE: set[str]()}
    relation_labels: set[str] = set()
    tasks = []
    for item in items:
        tasks.append(task(item))
        for result in tasks[-1]["annotations"][0]["result"]:
            if result["type"] == "labels":
                used[result["from_name"]].update(result["value"]["labels"])
            elif result["type"] == "choices":
                used.setdefault(result["from_name"], set()).update(result["value"]["choices"])
            else:
                relation_labels.update(result["labels"])
    with replacing(out) as partial:
        srsly.write_json(partial, tasks)
    config = config_path(out)
    write_text(config, labelling_config(options.scheme, used, relation_labels))
    report.files += [out, config]


def config_path(tasks: Path) -> Path:
    """Where the labelling config of a tasks file goes."""
    return tasks.with_name(tasks.stem + ".config.xml")


def task(item: AnnotatedArticle) -> dict[str, Any]:
    """The Label Studio task, with one annotation, for one annotated article."""
    article = item.article
    table = span_table(item.annotations)
    region_id = [f"s{row}" for row in range(len(table.spans))]

    def region(span: Span, from_name: str, result_type: str, values: list[str]) -> dict[str, Any]:
        value = {"start": span.start, "end": span.end, "text": article.text[span.start : span.end], result_type: values}
        return {
            "id": region_id[table.row(span)],
            "from_name": from_name,
            "to_name": TEXT_NAME,
            "type": result_type,
            "origin": "manual",
            "value": value,
        }

    result = [region(span, str(span.layer), "labels", [span.label]) for span in table.spans]
    for event in in_text_order(item.annotations.events):
        if event.sub_type:
            result.append(region(event.trigger, SUB_TYPE, "choices", [event.sub_type]))
        if flags := [flag for flag in FLAGS if getattr(event, flag)]:
            result.append(region(event.trigger, EVENT_FLAGS, "choices", flags))
    result += [
        region(quote.content, QUOTE_KIND, "choices", [str(quote.kind)])
        for quote in in_text_order(item.annotations.quotes)
    ]
    result += [
        {
            "from_id": region_id[table.row(r.head)],
            "to_id": region_id[table.row(r.child)],
            "type": "relation",
            "direction": "right",
            "labels": [r.label],
        }
        for r in relations(item.annotations)
    ]
    return {
        "data": {
            TEXT_NAME: article.text,
            "uid": article.uid,
            "title": article.title,
            "url": article.url,
            "published": article.published,
        },
        "annotations": [
            {"result": result, "completed_by": item.annotator, "was_cancelled": False, "updated_at": item.updated_at}
        ],
    }


def labelling_config(
    scheme: LabelScheme,
    used: Mapping[str, Iterable[str]] | None = None,
    relation_labels: Iterable[str] = (),
) -> str:
    """The `<View>` XML: a Labels control per layer, the relation labels, the text.

    scheme (LabelScheme): declares its labels, colours and roles.
    used (Mapping[str, Iterable[str]] | None): labels per layer found in the data, declared
        too, so that imported data with labels outside the scheme still loads.
    relation_labels (Iterable[str]): relation labels found in the data.
    RETURNS (str): the XML text.
    """
    used = used or {}
    view = ET.Element("View")
    relations_tag = ET.SubElement(view, "Relations")
    for name in _ordered_union([SPEAKER_RELATION, CUE_RELATION, *scheme.roles], relation_labels):
        ET.SubElement(relations_tag, "Relation", value=name)
    for layer in Layer:
        labels = ET.SubElement(view, "Labels", name=str(layer), toName=TEXT_NAME)
        for name in _ordered_union(scheme.labels_for(layer), used.get(str(layer), ())):
            ET.SubElement(labels, "Label", value=name, background=scheme.colour(name))
    ET.SubElement(view, "Text", name=TEXT_NAME, value=f"${TEXT_NAME}")
    sub_types = [s for spec in scheme.event_types.values() for s in spec.sub_types]
    for name, layer, values, choice in (
        (SUB_TYPE, Layer.TRIGGER, _ordered_union(sub_types, used.get(SUB_TYPE, ())), "single"),
        (EVENT_FLAGS, Layer.TRIGGER, list(FLAGS), "multiple"),
        (QUOTE_KIND, Layer.QUOTE, [kind.value for kind in QuoteKind], "single"),
    ):
        choices = ET.SubElement(
            view, "Choices", name=name, toName=TEXT_NAME, perRegion="true", whenTagName=str(layer), choice=choice
        )
        for value in values:
            ET.SubElement(choices, "Choice", value=value)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def _ordered_union(first: Iterable[str], extra: Iterable[str]) -> list[str]:
    names = list(dict.fromkeys(first))
    return names + sorted(set(extra) - set(names))
