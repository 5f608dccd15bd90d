"""PLOVER event records (JSON): one record per event, in the shape of the Open Event Data
Alliance's records, read back by `annotator.ingest.plover`.

Each record: the fields the import kept (id, actor codes and sectors, context, coder...),
then ``event`` and ``mode`` (the event type and sub-type, through the PLOVER scheme's
aliases when the project uses another scheme: BATTLE → FIGHT), ``date`` (the event's date,
else the article's publication date), ``source``/``target`` (ACTOR and TARGET arguments as
``actorText``, with the codes they came with), ``text``, ``textInfo.markup`` (the trigger
and any further EVT marks as ``(EVT: ...)``, arguments as ``(SRC: ...)``, ``(TAR: ...)``,
``(LOC: ...)``), ``dead``/``injured`` (the lowest killed and injured claims) and, our
extension, ``claims`` (every claim in full). Events with no PLOVER type are left out and
counted in the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from annotator.core.codec import claim_to_json
from annotator.core.model import AnnotatedArticle, ClaimKind, Event
from annotator.core.scheme import LabelScheme
from annotator.export.files import replacing
from annotator.export.report import ExportOptions, ExportReport
from annotator.export.structure import in_text_order

TAGS = {"ACTOR": "SRC", "TARGET": "TAR", "LOCATION": "LOC"}
TAG_ORDER = ("SRC/TAR", "SRC", "TAR", "LOC")
FIRST_FIELDS = ("id", "date", "source", "target", "event", "mode", "eventText", "context")
"""The fields a record starts with (the gold records' order); the rest follow."""


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write every event of every article as a PLOVER record, a JSON array in `out`."""
    records = [record for item in items for record in records_of(item, options.scheme, report)]
    with replacing(out) as partial:
        Path(partial).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    report.files.append(out)


@cache
def _plover() -> LabelScheme:
    return LabelScheme.bundled("plover")


def plover_type(event: Event, scheme: LabelScheme) -> tuple[str, str] | None:
    """(PLOVER type, mode) of an event of `scheme`; None when PLOVER has no such type."""
    if scheme.name == "plover":
        return event.event_type, event.sub_type
    return _plover().event_type_for(event.event_type, event.sub_type)


def records_of(item: AnnotatedArticle, scheme: LabelScheme, report: ExportReport) -> Iterator[dict[str, Any]]:
    """The PLOVER records of one article's events, in text order."""
    kept = item.article.meta.get("plover")
    unused = [k for k in kept if isinstance(k, dict)] if isinstance(kept, list) else []
    for event in in_text_order(item.annotations.events):
        mapped = plover_type(event, scheme)
        if mapped is None:
            report.notes.append(
                f"{item.article.title or item.article.uid}: {event.event_type} has no PLOVER type, left out"
            )
            continue
        fields = _kept_for(event, unused)
        yield _record(item, event, mapped, dict(fields))


def _kept_for(event: Event, unused: list[dict[str, Any]]) -> dict[str, Any]:
    """The record fields the import kept for this event (found by its trigger), once."""
    place = [event.trigger.start, event.trigger.end]
    found = next((k for k in unused if k.get("_trigger") == place), None)
    if found is None:
        return {}
    unused.remove(found)
    return found


def _record(item: AnnotatedArticle, event: Event, mapped: tuple[str, str], kept: dict[str, Any]) -> dict[str, Any]:
    text = item.article.text
    kept.pop("_trigger", None)
    more_evt = [tuple(pair) for pair in kept.pop("_more_evt", [])]
    mutual = {tuple(pair) for pair in kept.pop("_mutual", [])}
    derived: dict[str, Any] = {"date": event.date.event_date if event.date else (item.article.published or "")}
    for field, role in (("source", "ACTOR"), ("target", "TARGET")):
        by_span = {(s, e): (index, entry) for s, e, entry, index in kept.pop(f"_{field}_by_span", [])}
        actors = _actors(event, role, by_span, kept.pop(f"_unmarked_{field}", []), text)
        if actors or isinstance(kept.get(field), list):
            derived[field] = actors
        elif field in kept:
            derived[field] = kept[field]
    derived["event"] = mapped[0]
    if mapped[1] or "mode" in kept:
        derived["mode"] = mapped[1]
    derived["text"] = text
    derived["textInfo"] = {"markup": markup(text, event, more_evt, mutual)}
    for field, kind in (("dead", ClaimKind.KILLED), ("injured", ClaimKind.INJURED)):
        figures = [c.figure for c in event.claims if c.kind == kind]
        if figures:
            derived[field] = str(min(figures))
    if event.claims:
        derived["claims"] = [claim_to_json(c) for c in event.claims]
    rest = {k: v for k, v in kept.items() if k not in derived and k not in ("source", "target", "mode")}
    record = {name: derived.get(name, rest.get(name)) for name in FIRST_FIELDS if name in derived or name in rest}
    record.update({k: v for k, v in derived.items() if k not in record})
    record.update({k: v for k, v in rest.items() if k not in record})
    return record


def _actors(
    event: Event, role: str, by_span: dict[tuple[int, int], tuple[int, Any]], unmarked: list[Any], text: str
) -> list[dict[str, Any]]:
    """The role's argument spans as PLOVER actors: the entries they came with and those the
    record named without marking them, in the record's order; then spans added since (text
    order) by their text."""
    spans = {(a.span.start, a.span.end) for a in event.arguments if a.role.rstrip("0123456789") == role}
    known = [item for place, item in by_span.items() if place in spans] + [(i, entry) for i, entry in unmarked]
    actors = [dict(entry) for _, entry in sorted(known, key=lambda item: item[0])]
    return actors + [{"actorText": text[s:e]} for s, e in sorted(spans - set(by_span))]


def markup(
    text: str, event: Event, more_evt: Iterable[tuple[int, int]] = (), mutual: Iterable[tuple[int, int]] = ()
) -> str:
    """The text with inline marks: ``(EVT: ...)`` for the trigger and `more_evt`,
    ``(SRC: ...)``, ``(TAR: ...)``, ``(LOC: ...)`` (joined with / on one span) for the
    arguments, ``(SRC/TAR: ...)`` for the co-actors in `mutual`; a mark that would cut into
    an earlier one is left out."""
    mutual = set(mutual)
    tags: dict[tuple[int, int], list[str]] = {(event.trigger.start, event.trigger.end): ["EVT"]}
    for start, end in more_evt:
        tags.setdefault((start, end), ["EVT"])
    for argument in event.arguments:
        tag = TAGS.get(argument.role.rstrip("0123456789"))
        if tag == "SRC" and (argument.span.start, argument.span.end) in mutual:
            tag = "SRC/TAR"
        if tag:
            found = tags.setdefault((argument.span.start, argument.span.end), [])
            if tag not in found and "EVT" not in found:
                found.append(tag)
    parts, cursor = [], 0
    for (start, end), names in sorted(tags.items()):
        if start < cursor or not names:
            continue
        ordered = sorted(names, key=lambda n: TAG_ORDER.index(n) if n in TAG_ORDER else -1)
        parts += [text[cursor:start], f"({'/'.join(ordered)}: {text[start:end]})"]
        cursor = end
    return "".join(parts) + text[cursor:]
