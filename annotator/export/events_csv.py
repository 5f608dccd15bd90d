"""The event table: one CSV row per event, the shape conflict-data coders work in.

First ACLED's columns, filled from the project's codebook: event_date and time_precision
(the event's date: its day, or the middle of its week or month; 1 day, 2 week, 3 month or
longer), event_type (the scheme's name for the type, e.g. "Battles"), sub_event_type,
actor1 (the first ACTOR), assoc_actor_1, inter1, actor2 (the first TARGET, else the second
ACTOR), inter2, interaction (the actor-type codes of the scheme's `[actor_types]`, lower
first; one actor: its code and 0), location, fatalities (the lowest figure of the killed
claims, as ACLED codes conflicting reports; else the number in a FATALITIES argument; else
0), source (the article's source or web site) and notes (the trigger's sentence and the
claims).

Then ours: the article, every role's text (several joined with ``; ``), the trigger and its
offsets, the quote it sits in, the flags (``true``/``false``), the date as a period
(date_first, date_last, date_precision, date_text, date_origin), the claims as read
(``claims``) with ``conflicting_figures``, and two JSON columns, ``arguments`` and
``claims_json``, that let `annotator.ingest.events_csv` read the table back exactly; last,
``incident_id``: the incident the event belongs to (empty when none).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlparse

from annotator.core.checks import conflicting_claims
from annotator.core.codec import claim_to_json
from annotator.core.model import AnnotatedArticle, Claim, ClaimKind, Event, Role
from annotator.core.scheme import LabelScheme
from annotator.export.files import replacing
from annotator.export.report import ExportOptions, ExportReport

ACLED_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "inter2", "interaction", "location", "fatalities", "source", "notes",
)  # fmt: skip
ROLE_COLUMNS = {
    Role.ACTOR: "actors",
    Role.TARGET: "targets",
    Role.ASSOC_ACTOR: "assoc_actors",
    Role.TIME: "time",
    Role.FATALITIES: "fatalities_text",
    Role.INJURED: "injured",
    Role.ARRESTED: "arrested",
    Role.INSTRUMENT: "instrument",
}
COLUMNS = (
    *ACLED_COLUMNS,
    "article_id", "article_uid", "title", "published", "event_label",
    *ROLE_COLUMNS.values(),
    "trigger", "trigger_start", "trigger_end", "quote", "negated", "hypothetical", "future",
    "date_first", "date_last", "date_precision", "date_text", "date_origin",
    "claims", "conflicting_figures", "arguments", "claims_json", "incident_id",
)  # fmt: skip
SEPARATOR = "; "
FLAGS = ("negated", "hypothetical", "future")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write the header and one row per event of every article to the file `out`."""
    with replacing(out) as partial, open(partial, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for item in items:
            writer.writerows(rows(item, options.scheme, options.incidents))
    report.files.append(out)


def rows(
    item: AnnotatedArticle, scheme: LabelScheme, incidents: Mapping[int, int] | None = None
) -> Iterator[dict[str, object]]:
    """The CSV rows (as dicts keyed by `COLUMNS`) of one article's events, in text order;
    `incidents` maps event ids to incident ids."""
    article = item.article
    text = article.text
    for event in sorted(item.annotations.events, key=lambda e: (e.trigger.start, e.trigger.end)):
        by_role = {role: [a.span.text_in(text) for a in event.arguments if _base(a.role) == role] for role in Role}
        actors, targets = by_role[Role.ACTOR], by_role[Role.TARGET]
        actor1 = actors[0] if actors else ""
        actor2 = targets[0] if targets else actors[1] if len(actors) > 1 else ""
        inter1, inter2 = actor_code(scheme, item, event, actor1), actor_code(scheme, item, event, actor2)
        row: dict[str, object] = {
            "event_date": event.date.event_date if event.date else "",
            "time_precision": event.date.time_precision if event.date else "",
            "event_type": scheme.title_of(event.event_type),
            "sub_event_type": event.sub_type,
            "actor1": actor1,
            "assoc_actor_1": SEPARATOR.join(by_role[Role.ASSOC_ACTOR]),
            "inter1": inter1 or "",
            "actor2": actor2,
            "inter2": inter2 or "",
            "interaction": interaction(inter1, inter2),
            "location": SEPARATOR.join(by_role[Role.LOCATION]),
            "fatalities": fatalities(event, by_role[Role.FATALITIES]),
            "source": article.source or urlparse(article.url).netloc,
            "notes": notes(text, event),
            "article_id": article.id if article.id is not None else "",
            "article_uid": article.uid,
            "title": article.title,
            "published": article.published or "",
            "event_label": event.event_type,
            "trigger": event.trigger.text_in(text),
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "quote": _quote_around(item, event),
            **{flag: str(getattr(event, flag)).lower() for flag in FLAGS},
            **_date_columns(event),
            "claims": SEPARATOR.join(describe_claim(c) for c in event.claims),
            "conflicting_figures": str(bool(conflicting_claims(event.claims))).lower(),
            "arguments": json.dumps(
                [[a.role, a.span.start, a.span.end, a.span.label, str(a.span.layer)] for a in event.arguments],
                ensure_ascii=False,
            ),
            "claims_json": json.dumps([claim_to_json(c) for c in event.claims], ensure_ascii=False),
            "incident_id": (incidents or {}).get(event.id, "") if event.id is not None else "",
        }
        for role, column in ROLE_COLUMNS.items():
            row[column] = SEPARATOR.join(by_role[role])
        yield row


def _base(role: str) -> str:
    return role.rstrip("0123456789")


def _date_columns(event: Event) -> dict[str, object]:
    date = event.date
    if date is None:
        return {"date_first": "", "date_last": "", "date_precision": "", "date_text": "", "date_origin": ""}
    return {
        "date_first": date.first,
        "date_last": date.last,
        "date_precision": str(date.precision),
        "date_text": date.text,
        "date_origin": str(date.origin),
    }


def actor_code(scheme: LabelScheme, item: AnnotatedArticle, event: Event, actor: str) -> int | None:
    """The scheme's actor-type code for an actor: by the words in its text, else by the
    entity label of its span (a GPE acting is its state's forces)."""
    if not actor or not scheme.actor_types:
        return None
    lowered = actor.lower()
    for spec in scheme.actor_types.values():
        if any(re.search(rf"\b{re.escape(word)}(?:s|es)?\b", lowered) for word in spec.words):
            return spec.code
    labels = _labels_of(item, event, actor)
    for spec in scheme.actor_types.values():
        if labels & set(spec.labels):
            return spec.code
    return None


def _labels_of(item: AnnotatedArticle, event: Event, actor: str) -> set[str]:
    text = item.article.text
    spans = [a.span for a in event.arguments if a.span.text_in(text) == actor]
    places = {(s.start, s.end) for s in spans}
    return {s.label for s in spans} | {s.label for s in item.annotations.spans if (s.start, s.end) in places}


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: both actor-type codes, lower first; one actor: code and 0."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return ""
    return f"{codes[0]}{codes[1]}" if len(codes) == 2 else f"{codes[0]}0"


def fatalities(event: Event, argument_texts: list[str]) -> int:
    """The figure ACLED would code: the lowest killed claim, else a FATALITIES argument's
    number, else 0."""
    killed = [c.figure for c in event.claims if c.kind == ClaimKind.KILLED]
    if killed:
        return min(killed)
    for value in argument_texts:
        if match := _NUMBER.search(value):
            return int(match.group(0).replace(",", ""))
    return 0


def describe_claim(claim: Claim) -> str:
    """ "killed: at least 156 people (the UN refugee agency)"."""
    counted = f" {claim.counts}" if claim.counts else ""
    return f"{claim.kind}: {claim.figure_text}{counted} ({claim.claimant or 'the article'})"


def notes(text: str, event: Event, limit: int = 400) -> str:
    """The trigger's sentence, then the claims and whether they conflict."""
    start = max(text.rfind(mark, 0, event.trigger.start) for mark in (". ", "\n", "! ", "? ")) + 1
    ends = [i for i in (text.find(mark, event.trigger.end) for mark in (". ", "\n", "! ", "? ")) if i >= 0]
    sentence = " ".join(text[start : min(ends) + 1 if ends else len(text)].split())
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    parts = [sentence]
    if event.claims:
        parts.append("Claims: " + SEPARATOR.join(describe_claim(c) for c in event.claims) + ".")
    if conflicting_claims(event.claims):
        parts.append("Conflicting figures.")
    return " ".join(p for p in parts if p)


def _quote_around(item: AnnotatedArticle, event: Event) -> str:
    trigger = event.trigger
    for quote in item.annotations.quotes:
        if quote.content.start <= trigger.start and trigger.end <= quote.content.end:
            return quote.content.text_in(item.article.text)
    return ""
