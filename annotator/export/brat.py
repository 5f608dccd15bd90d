"""brat standoff: ``<stem>.txt`` and ``<stem>.ann`` per article, and ``annotation.conf``.

Every span is a T line (label = span label; trigger spans carry their event type).
Quotes are R lines from the quote's T: ``Speaker Arg1:Tq Arg2:Ts`` and ``Cue``. Events
are E lines, repeated roles numbered (ACTOR, ACTOR2) as brat requires. A lines hold the
event flags (``Negated``, ``Hypothetical``, ``Future``), the sub-type (``SubType``, value
with non-word characters as ``_``), the quote kind (``Kind``) and, for a T whose label
does not imply its layer (a speaker labelled PERSON, an argument labelled GPE, an entity
labelled TIME), the layer (``Layer``; see `structure.layer_is_implied`). Offsets are code
points into the ``.txt``, which is written byte for byte as the stored text (``\\n``
newlines). In the text column of a T line, tabs and newlines are written as spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from annotator.core.model import AnnotatedArticle, Layer, QuoteKind, Role, Span
from annotator.core.scheme import LabelScheme
from annotator.export.files import write_text
from annotator.export.report import ExportOptions, ExportReport
from annotator.export.structure import (
    CUE_RELATION,
    FLAGS,
    SPEAKER_RELATION,
    layer_is_implied,
    numbered_roles,
    span_table,
)

_CONTROL = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write a .txt/.ann pair per article, and annotation.conf, into the folder `out`."""
    out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    labels: set[str] = set()
    event_types: set[str] = set()
    for item in items:
        labels.update(span.label for span in item.annotations.spans)
        event_types.update(event.event_type for event in item.annotations.events)
        stem = _unique(stem_of(item), used)
        text_path, ann_path = out / f"{stem}.txt", out / f"{stem}.ann"
        write_text(text_path, item.article.text)
        write_text(ann_path, ann_text(item))
        report.files += [text_path, ann_path]
    conf = out / "annotation.conf"
    write_text(conf, annotation_conf(options.scheme, labels - event_types, event_types))
    report.files.append(conf)


def ann_text(item: AnnotatedArticle) -> str:
    """The .ann content of one annotated article."""
    text = item.article.text
    annotations = item.annotations
    table = span_table(annotations)

    def t_id(span: Span) -> str:
        return f"T{table.row(span) + 1}"

    lines = [
        f"T{row + 1}\t{s.label} {s.start} {s.end}\t{_CONTROL.sub(' ', text[s.start : s.end])}"
        for row, s in enumerate(table.spans)
    ]
    triggers = {event.trigger.key for event in annotations.events}
    attributes: list[tuple[str, str, str | None]] = [
        ("Layer", t_id(span), str(span.layer))
        for span in table.spans
        if not layer_is_implied(span, span.key in triggers)
    ]
    relation_number = 0
    for quote in annotations.quotes:
        for label, child in ((SPEAKER_RELATION, quote.speaker), (CUE_RELATION, quote.cue)):
            if child is not None:
                relation_number += 1
                lines.append(f"R{relation_number}\t{label} Arg1:{t_id(quote.content)} Arg2:{t_id(child)}")
        attributes.append(("Kind", t_id(quote.content), str(quote.kind)))
    for number, event in enumerate(annotations.events, start=1):
        roles = numbered_roles([argument.role for argument in event.arguments])
        arguments = "".join(f" {role}:{t_id(a.span)}" for role, a in zip(roles, event.arguments))
        lines.append(f"E{number}\t{event.event_type}:{t_id(event.trigger)}{arguments}")
        attributes += [(flag.capitalize(), f"E{number}", None) for flag in FLAGS if getattr(event, flag)]
        if event.sub_type:
            attributes.append(("SubType", f"E{number}", value_slug(event.sub_type)))
    for number, (name, target, value) in enumerate(attributes, start=1):
        lines.append(f"A{number}\t{name} {target}" + (f" {value}" if value else ""))
    return "".join(line + "\n" for line in lines)


def annotation_conf(scheme: LabelScheme, labels: Iterable[str] = (), event_types: Iterable[str] = ()) -> str:
    """brat's annotation.conf: entity types, quote relations, events and attributes.

    scheme (LabelScheme): the declared labels, event types and their roles.
    labels (Iterable[str]): span labels found in the data, declared too when the scheme lacks them.
    event_types (Iterable[str]): event types found in the data, likewise (with every role).
    RETURNS (str): the file's text.
    """
    declared = [*scheme.entities, "QUOTE", "SPEAKER", "CUE", *scheme.roles]
    entity_types = declared + sorted(set(labels) - set(declared) - set(scheme.event_types))
    all_roles = [role.value for role in Role]
    events = [
        f"{name}\t" + ", ".join(f"{role}*:<ENTITY>" for role in spec.roles) for name, spec in scheme.event_types.items()
    ] + [
        f"{name}\t" + ", ".join(f"{role}*:<ENTITY>" for role in all_roles)
        for name in sorted(set(event_types) - set(scheme.event_types))
    ]
    sub_types = sorted({value_slug(s) for spec in scheme.event_types.values() for s in spec.sub_types})
    sections = {
        "entities": entity_types,
        "relations": [
            f"{SPEAKER_RELATION}\tArg1:QUOTE, Arg2:<ENTITY>",
            f"{CUE_RELATION}\tArg1:QUOTE, Arg2:CUE",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
        ],
        "events": events,
        "attributes": [
            *(f"{flag.capitalize()}\tArg:<EVENT>" for flag in FLAGS),
            f"SubType\tArg:<EVENT>, Value:{'|'.join(sub_types)}",
            f"Kind\tArg:QUOTE, Value:{'|'.join(kind.value for kind in QuoteKind)}",
            f"Layer\tArg:<ENTITY>, Value:{'|'.join(layer.value for layer in Layer)}",
        ],
    }
    return "\n".join(f"[{name}]\n" + "\n".join(lines) + "\n" for name, lines in sections.items())


def value_slug(value: str) -> str:
    """An attribute value brat accepts (one word): "Air/drone strike" → "Air_drone_strike"."""
    return re.sub(r"\W+", "_", value).strip("_")


def stem_of(item: AnnotatedArticle) -> str:
    """A readable, stable file stem: the title's first words and the uid's start."""
    title = re.sub(r"[^\w-]+", "-", item.article.title.lower(), flags=re.ASCII).strip("-")[:40].strip("-")
    uid = item.article.uid[:8] or str(item.article.id or "article")
    return f"{title}-{uid}" if title else uid


def _unique(stem: str, used: set[str]) -> str:
    candidate, n = stem, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate)
    return candidate
