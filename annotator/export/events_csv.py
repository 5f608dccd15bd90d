"""The event table: one CSV row per event, the shape conflict-data coders work in.

Columns: article id, uid, title, published date, event type, sub-type, then the text of
the arguments per role (several joined with ``; ``), trigger text and offsets, the quote the
trigger sits in (if any), and the negated/hypothetical/future flags (``true``/``false``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from annotator.core.model import AnnotatedArticle, Event, Role
from annotator.export.files import replacing
from annotator.export.report import ExportOptions, ExportReport

ROLE_COLUMNS = {
    Role.ACTOR: "actors",
    Role.TARGET: "targets",
    Role.ASSOC_ACTOR: "assoc_actors",
    Role.LOCATION: "location",
    Role.TIME: "time",
    Role.FATALITIES: "fatalities",
    Role.INJURED: "injured",
    Role.ARRESTED: "arrested",
    Role.INSTRUMENT: "instrument",
}
COLUMNS = (
    "article_id", "article_uid", "title", "published", "event_type", "sub_type",
    *ROLE_COLUMNS.values(),
    "trigger", "trigger_start", "trigger_end", "quote", "negated", "hypothetical", "future", "incident_id",
)  # fmt: skip
SEPARATOR = "; "


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write the header and one row per event of every article to the file `out`."""
    with replacing(out) as partial:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            for item in items:
                writer.writerows(rows(item, options.incidents))
    report.files.append(out)


def rows(item: AnnotatedArticle, incidents: Mapping[int, int] | None = None) -> Iterator[dict[str, object]]:
    """The CSV rows (as dicts keyed by `COLUMNS`) of one article's events; `incidents`
    maps event ids to incident ids."""
    article = item.article
    for event in item.annotations.events:
        row: dict[str, object] = {
            "article_id": article.id if article.id is not None else "",
            "article_uid": article.uid,
            "title": article.title,
            "published": article.published or "",
            "event_type": event.event_type,
            "sub_type": event.sub_type,
            "trigger": event.trigger.text_in(article.text),
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "quote": _quote_around(item, event),
            **{flag: str(getattr(event, flag)).lower() for flag in ("negated", "hypothetical", "future")},
            "incident_id": (incidents or {}).get(event.id, "") if event.id is not None else "",  # type: ignore[call-overload]
        }
        for role, column in ROLE_COLUMNS.items():
            row[column] = SEPARATOR.join(
                a.span.text_in(article.text) for a in event.arguments if a.role.rstrip("0123456789") == role
            )
        yield row


def _quote_around(item: AnnotatedArticle, event: Event) -> str:
    trigger = event.trigger
    for quote in item.annotations.quotes:
        if quote.content.start <= trigger.start and trigger.end <= quote.content.end:
            return quote.content.text_in(item.article.text)
    return ""
