"""Reading back an event table written by `annotator.export.events_csv`.

The table names each event's article by uid; its rows become events (trigger, type,
sub-type, flags, arguments with their offsets, date, claims) that the service
`annotator.services.event_tables` attaches to the project's articles. A row that cannot be
read is reported with its line and the rest are read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.codec import claim_from_json, date_from_json
from annotator.core.errors import InputError
from annotator.core.model import (
    Argument,
    Event,
    EventDate,
    Layer,
    Origin,
    Span,
    Status,
)
from annotator.ingest.decode import read_text

REQUIRED = ("article_uid", "event_label", "trigger_start", "trigger_end")


@dataclass(frozen=True)
class EventRow:
    """One event of the table, for the article with `article_uid`."""

    article_uid: str
    event: Event
    where: str


def read_events_csv(path: Path) -> Iterator[EventRow | InputError]:
    """The events of an event table, one per row, or an error naming the bad row's line.

    path (Path): the CSV file.
    YIELDS (EventRow | InputError): in file order.
    """
    try:
        decoded = read_text(Path(path))
    except InputError as error:
        yield error
        return
    yield from decoded.problems
    text = decoded.text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        yield InputError(
            f"not an event table from `annotator export --format events-csv`: no {', '.join(missing)} column", path, 1
        )
        return
    for row in reader:
        line = reader.line_num
        try:
            yield EventRow(row["article_uid"], _event(row), f"{path}:{line}")
        except (KeyError, ValueError, TypeError) as error:
            yield InputError(f"cannot read this event: {error}", path, line)


def _event(row: dict[str, str]) -> Event:
    label = row["event_label"].strip()
    if not label:
        raise ValueError("no event_label")
    trigger = _span(int(row["trigger_start"]), int(row["trigger_end"]), label, Layer.TRIGGER)
    arguments = tuple(
        Argument(role, _span(int(start), int(end), span_label, Layer(layer)))
        for role, start, end, span_label, layer in json.loads(row.get("arguments") or "[]")
    )

    def flag(name: str) -> bool:
        return row.get(name, "false").strip().lower() == "true"

    return Event(
        trigger,
        label,
        row.get("sub_event_type", ""),
        negated=flag("negated"),
        hypothetical=flag("hypothetical"),
        future=flag("future"),
        arguments=arguments,
        date=_date(row),
        claims=tuple(claim_from_json(item, Origin.IMPORT) for item in json.loads(row.get("claims_json") or "[]")),
    )


def _span(start: int, end: int, label: str, layer: Layer) -> Span:
    if not 0 <= start < end:
        raise ValueError(f"span [{start}, {end}) is empty or negative")
    return Span(start, end, label, layer, Status.ACCEPTED, Origin.IMPORT)


def _date(row: dict[str, str]) -> EventDate | None:
    if not row.get("date_first"):
        return None
    return date_from_json(
        {
            "first": row["date_first"],
            "last": row.get("date_last"),
            "precision": row.get("date_precision") or "day",
            "text": row.get("date_text", ""),
            "origin": row.get("date_origin"),
        },
        Origin.IMPORT,
    )
