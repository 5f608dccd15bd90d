"""Reading PLOVER event records (the Open Event Data Alliance's JSON, e.g. its gold
standard records): one article per record with text, holding one event.

A record's ``text`` is the article (records coding the same text share it); ``event`` its
type and ``mode`` its sub-type;
``date`` the event's date (and the article's publication date, the best the record
gives); the inline marks of ``textInfo.markup`` place the spans: the first ``(EVT: ...)``
is the trigger, ``SRC`` an ACTOR, ``TAR`` a TARGET, ``LOC`` a LOCATION argument
(``SRC/TAR``, co-actors acting together, an ACTOR; ``SRC/LOC`` both roles). ``dead`` and ``injured`` become killed and injured
claims; a ``claims`` list (our export's extension) is read as written. What has no place
in our model (the other EVT marks, actor codes and sectors, actors with no mark, context,
coder, ids...) is kept in ``meta["plover"]`` (a list, one entry per event), so the PLOVER
export writes it back. A record without text (the file's DOCUMENT header) is skipped; one
without an EVT mark is reported and left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.codec import claim_from_json
from annotator.core.errors import InputError
from annotator.core.model import (
    Annotations,
    Argument,
    ArticleStatus,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    EventDate,
    IncomingArticle,
    Layer,
    Origin,
    Span,
    Status,
)
from annotator.ingest.records import Record, iter_records

MARK = re.compile(r"\(([A-Z]+(?:/[A-Z]+)*):\s*((?:[^()]|\([^()]*\))*?)\s*[)}]")
TAG_ROLES = {"SRC": "ACTOR", "TAR": "TARGET", "LOC": "LOCATION"}
ROLE_TAGS = {role: tag for tag, role in TAG_ROLES.items()}
KEPT_AS_FIELDS = ("text", "textInfo", "event", "date", "dead", "injured", "claims")
"""Record keys the annotations stand for; every other key is kept in meta["plover"]."""
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_plover(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Read PLOVER records from a JSON array file (or JSONL): one article per text, with
    one event per record (records that code the same sentence twice share an article).

    path (Path): the file.
    YIELDS (IncomingArticle | InputError): an article per text; an error per unreadable
        record or unplaced mark.
    """
    groups: dict[str, list[Record]] = {}
    for record in iter_records(Path(path)):
        if isinstance(record, InputError):
            yield record
            continue
        text = record.data.get("text")
        if not isinstance(text, str) or not text.strip():
            if record.data.get("event") != "DOCUMENT":
                yield record.error("no 'text' in this PLOVER record")
            continue
        groups.setdefault(text, []).append(record)
    for text, records in groups.items():
        yield from _read_article(text, records)


def is_plover_record(data: dict[str, Any]) -> bool:
    """Whether a JSON object looks like a PLOVER record (for format detection)."""
    return isinstance(data.get("event"), str) and ("eventText" in data or "textInfo" in data or "coder" in data)


def _read_article(text: str, records: list[Record]) -> Iterator[IncomingArticle | InputError]:
    events: list[Event] = []
    kept: list[dict[str, Any]] = []
    for record in records:
        event, extra, problems = _read_event(text, record)
        yield from problems
        if event is not None:
            events.append(event)
            kept.append(extra)
    if not events:
        return
    first = records[0].data
    published = str(first["date"]) if first.get("date") else None
    spans = tuple(dict.fromkeys(s for ev in events for s in (ev.trigger, *(a.span for a in ev.arguments))))
    yield IncomingArticle(
        text=text,
        published=published,
        meta={"plover": kept},
        where=records[0].where,
        annotations=Annotations(spans, (), tuple(events)),
        status=ArticleStatus.DONE,
    )


def _read_event(text: str, record: Record) -> tuple[Event | None, dict[str, Any], list[InputError]]:
    """One record's event, the record fields kept for the export, and problems."""
    data = record.data
    problems: list[InputError] = []
    event_type = data.get("event")
    if not isinstance(event_type, str) or not event_type:
        return None, {}, [record.error("no 'event' type in this PLOVER record")]
    marks, unplaced = locate_marks(text, _markup(data))
    problems += [record.error(f"mark ({tag}: {content}) is not in the text; left out") for tag, content in unplaced]
    kept: dict[str, Any] = {k: v for k, v in data.items() if k not in KEPT_AS_FIELDS}
    evt = [(start, end) for tag, start, end in marks if tag == "EVT"]
    if not evt:
        return None, kept, problems + [record.error("no (EVT: ...) mark: this event is left out")]
    kept["_trigger"] = list(evt[0])
    kept["_more_evt"] = [list(pair) for pair in evt[1:]]
    for field, tag in (("source", "SRC"), ("target", "TAR")):
        spans = [(s, e) for t, s, e in marks if tag in t.split("/")]
        entries = [a for a in data.get(field) or () if isinstance(a, dict)] if isinstance(data.get(field), list) else []
        paired, unpaired = pair_actors(text, spans, entries)
        kept[f"_{field}_by_span"] = paired
        kept[f"_unmarked_{field}"] = unpaired
    try:
        claims = _claims(data)
    except (KeyError, ValueError, TypeError) as error:
        problems.append(record.error(f"unreadable claims: {error}"))
        claims = ()
    trigger = _span(*evt[0], event_type, Layer.TRIGGER)
    kept["_mutual"] = [[start, end] for tag, start, end in marks if tag == "SRC/TAR"]
    arguments = [
        Argument(role, _span(start, end, role, Layer.ARGUMENT)) for tag, start, end in marks for role in _roles(tag)
    ]
    date = _date(str(data["date"]) if data.get("date") else None)
    return (
        Event(trigger, event_type, str(data.get("mode") or ""), arguments=tuple(arguments), date=date, claims=claims),
        kept,
        problems,
    )


def pair_actors(
    text: str, spans: list[tuple[int, int]], entries: list[dict[str, Any]]
) -> tuple[list[list[Any]], list[list[Any]]]:
    """Each marked span with the actor entry it stands for: the entry of the same text,
    else the next unpaired one in order ("Greek" marks "Greek-Cypriot").

    RETURNS: ([start, end, entry, index] per paired span, [index, entry] per entry no
        mark stands for), index being the entry's place in the record's list.
    """
    left = list(enumerate(entries))
    paired: list[list[Any]] = []
    pending = []
    for start, end in spans:
        same = next((item for item in left if item[1].get("actorText") == text[start:end]), None)
        if same is not None:
            left.remove(same)
            paired.append([start, end, same[1], same[0]])
        else:
            pending.append((start, end))
    for start, end in pending:
        if left:
            index, entry = left.pop(0)
            paired.append([start, end, entry, index])
    return paired, [[index, entry] for index, entry in left]


def _markup(data: dict[str, Any]) -> str:
    info = data.get("textInfo")
    return str(info.get("markup", "")) if isinstance(info, dict) else str(info or "")


def locate_marks(text: str, markup: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, str]]]:
    """(tag, start, end) of each inline ``(TAG: words)`` mark, found in `text` in order,
    and the marks whose words are not in the text."""
    found, missing, cursor = [], [], 0
    for tag, content in MARK.findall(markup):
        place = _find(text, content, cursor) or _find(text, content, 0)
        if place is None:
            missing.append((tag, content))
            continue
        found.append((tag, *place))
        cursor = place[0]
    return found, missing


def _find(text: str, content: str, cursor: int) -> tuple[int, int] | None:
    """Where the words of a mark are in the text (spacing may differ), from `cursor` on."""
    if not content:
        return None
    at = text.find(content, cursor)
    if at >= 0:
        return at, at + len(content)
    loose = re.compile(r"\s+".join(re.escape(word) for word in content.split()))
    match = loose.search(text, cursor)
    return (match.start(), match.end()) if match else None


def _roles(tag: str) -> list[str]:
    """The roles a mark gives its span: SRC/TAR (co-actors, acting together) is an ACTOR."""
    if tag == "SRC/TAR":
        return ["ACTOR"]
    return [TAG_ROLES[part] for part in tag.split("/") if part in TAG_ROLES]


def _span(start: int, end: int, label: str, layer: Layer) -> Span:
    return Span(start, end, label, layer, Status.ACCEPTED, Origin.IMPORT)


def _date(published: str | None) -> EventDate | None:
    if not published or not _ISO_DAY.match(published):
        return None
    return EventDate(published, published, DatePrecision.DAY, "", Origin.IMPORT)


def _claims(data: dict[str, Any]) -> tuple[Claim, ...]:
    if isinstance(data.get("claims"), list):
        return tuple(claim_from_json(item, Origin.IMPORT) for item in data["claims"])
    claims = []
    for field, kind in (("dead", ClaimKind.KILLED), ("injured", ClaimKind.INJURED)):
        value = data.get(field)
        if value not in (None, "") and str(value).strip().isdigit():
            claims.append(Claim(kind, int(str(value).strip()), origin=Origin.IMPORT))
    return tuple(claims)
