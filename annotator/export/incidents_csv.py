"""The event table by incident: one CSV row per incident with every report's source listed.

An event in no incident is an incident of one report and gets its own row (empty
`incident_id`). Columns hold the distinct values of the reports, joined with ``; ``;
`fatalities` and `injured` name the source of each figure ("AFP: at least 15 people"),
since reports of one incident rarely agree; `fatalities_low` and `fatalities_high` are the
lowest and highest of the reports' ACLED fatality numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from annotator.core.model import AnnotatedArticle
from annotator.export.events_csv import SEPARATOR, rows
from annotator.export.files import replacing
from annotator.export.report import ExportOptions, ExportReport

COLUMNS = (
    "incident_id", "event_type", "sub_types", "reports", "first_published", "last_published", "event_dates",
    "location", "time", "actors", "targets", "assoc_actors", "fatalities_low", "fatalities_high", "fatalities",
    "injured", "sources", "titles", "article_uids",
)  # fmt: skip
_JOINED = {
    "event_type": "event_label",
    "sub_types": "sub_event_type",
    "event_dates": "event_date",
    "location": "location",
    "time": "time",
    "actors": "actors",
    "targets": "targets",
    "assoc_actors": "assoc_actors",
    "sources": "source",
    "titles": "title",
    "article_uids": "article_uid",
}


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write one row per incident (and per event in none) to the file `out`."""
    groups: dict[object, list[dict[str, object]]] = {}
    for item in items:
        for row in rows(item, options.scheme, options.incidents):
            key = (
                row["incident_id"] if row["incident_id"] != "" else ("event", row["article_uid"], row["trigger_start"])
            )
            groups.setdefault(key, []).append(row)
    with replacing(out) as partial, open(partial, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for members in groups.values():
            writer.writerow(incident_row(members))
    report.files.append(out)


def incident_row(members: list[dict[str, object]]) -> dict[str, object]:
    """One incident's row from its reports' event rows (see `annotator.export.events_csv`)."""
    published = sorted(str(m["published"]) for m in members if m["published"])
    tolls = [
        int(str(m["fatalities"]))
        for m in members
        if str(m["fatalities"]).isdigit() and (m["claims"] or m["fatalities_text"])
    ]
    row: dict[str, object] = {
        "incident_id": members[0]["incident_id"],
        "reports": len(members),
        "fatalities_low": min(tolls) if tolls else "",
        "fatalities_high": max(tolls) if tolls else "",
        "first_published": published[0] if published else "",
        "last_published": published[-1] if published else "",
    }
    for column, key in _JOINED.items():
        row[column] = SEPARATOR.join(_distinct(part for m in members for part in str(m[key]).split(SEPARATOR)))
    for column, keys in (("fatalities", ("claims", "fatalities_text")), ("injured", ("injured",))):
        row[column] = SEPARATOR.join(
            f"{m['source'] or m['title']}: {next(m[k] for k in keys if m[k])}"
            for m in members
            if any(m[k] for k in keys)
        )
    return row


def _distinct(values: Iterable[object]) -> list[str]:
    return list(dict.fromkeys(str(v) for v in values if str(v)))
