"""Reading our own JSONL export (``"format": "annotator/1"``) back, losslessly.

Everything the writer put on a line comes back: article fields, meta, spans with their
ids, status and origin, quotes and events with their ids, annotator and article status.
Stored tokens and timestamps are not part of `IncomingArticle`; import recomputes tokens
with the same tokenizer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.codec import claim_from_json, date_from_json
from annotator.core.errors import InputError
from annotator.core.model import (
    ActorLink,
    Annotations,
    Argument,
    ArticleStatus,
    Event,
    IncomingArticle,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
)
from annotator.ingest.records import Record, read_records

FORMAT_TAG = "annotator/1"


def read_ours(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Yield one article per line of `path`, or an `InputError` for a line that is not one.

    Lines are decoded and size-checked as every JSONL reader's are; a JSON array of records
    is read too.

    path (Path): a JSONL file written by `annotator.export.jsonl_ours`.
    YIELDS (IncomingArticle | InputError): articles with annotations, or errors with the line.
    """
    yield from read_records(Path(path), _read_record)


def _read_record(record: Record) -> Iterator[IncomingArticle | InputError]:
    try:
        article = parse_record(record.data, record.where)
    except ValueError as error:
        yield record.error(str(error) or f"not an {FORMAT_TAG} record")
        return
    except (KeyError, TypeError, IndexError, AttributeError) as error:
        yield record.error(f"malformed record ({type(error).__name__}: {error})")
        return
    yield article


def parse_record(record: Any, where: str = "") -> IncomingArticle:
    """One JSON object of our format as an `IncomingArticle`.

    Raises ValueError, KeyError, TypeError or IndexError when the record does not fit.
    """
    if not isinstance(record, dict):
        raise ValueError("line is not a JSON object")
    if record.get("format") != FORMAT_TAG:
        raise ValueError(f"not an {FORMAT_TAG} record (format: {record.get('format')!r})")
    text = record["text"]
    if not isinstance(text, str):
        raise TypeError("text is not a string")
    spans = tuple(_span(raw, len(text)) for raw in record.get("spans", []))

    def ref(index: int | None) -> Span | None:
        if index is None:
            return None
        if not isinstance(index, int) or not 0 <= index < len(spans):
            raise IndexError(f"span reference {index!r} is out of range")
        return spans[index]

    def required(index: int | None) -> Span:
        span = ref(index)
        if span is None:
            raise ValueError("a quote's content, an event's trigger and an argument's span name a span: null given")
        return span

    quotes = tuple(
        Quote(
            content=required(raw["content"]),
            speaker=ref(raw.get("speaker")),
            cue=ref(raw.get("cue")),
            kind=QuoteKind(raw.get("kind", QuoteKind.DIRECT)),
            id=raw.get("id"),
            speaker_entity=ref(raw.get("speaker_entity")),
        )
        for raw in record.get("quotes", [])
    )
    events = tuple(
        Event(
            trigger=required(raw["trigger"]),
            event_type=raw["type"],
            sub_type=raw.get("sub_type", ""),
            negated=bool(raw.get("negated", False)),
            hypothetical=bool(raw.get("hypothetical", False)),
            future=bool(raw.get("future", False)),
            arguments=tuple(Argument(a["role"], required(a["span"]), a.get("id")) for a in raw.get("arguments", [])),
            id=raw.get("id"),
            date=date_from_json(raw.get("date")),
            claims=tuple(claim_from_json(c) for c in raw.get("claims") or ()),
        )
        for raw in record.get("events", [])
    )
    names: list[str] = []
    links: list[ActorLink] = []
    for raw in record.get("actors") or ():
        name = raw["actor"]
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"an actor link names no actor: {name!r}")
        if name not in names:
            names.append(name)
        links.append(ActorLink(required(raw["span"]), names.index(name)))
    status = record.get("status")
    return IncomingArticle(
        text=text,
        title=record.get("title") or "",
        source=record.get("source") or "",
        url=record.get("url") or "",
        author=record.get("author") or "",
        published=record.get("published"),
        meta=dict(record.get("meta") or {}),
        annotations=Annotations(spans, quotes, events, tuple(links)).without_ids(),
        actor_names=tuple(names),
        status=ArticleStatus(status) if status else ArticleStatus.DONE,
        annotator=record["annotator"] if isinstance(record.get("annotator"), str) and record["annotator"] else None,
        where=where,
        imported_at=record.get("imported_at"),
        updated_at=record.get("updated_at"),
    )


def _span(raw: Any, text_length: int) -> Span:
    if not isinstance(raw, dict):
        raise ValueError(f"a span is a {type(raw).__name__}, not an object")
    start, end = raw["start"], raw["end"]
    if not (
        isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and not isinstance(end, bool)
        and 0 <= start < end <= text_length
    ):
        raise ValueError(f"span [{start}, {end}) does not fit a text of {text_length} characters")
    if not isinstance(raw["label"], str) or not raw["label"]:
        raise ValueError(f"span [{start}, {end}) has no label string")
    return Span(
        start=start,
        end=end,
        label=raw["label"],
        layer=Layer(raw.get("layer", Layer.ENTITY)),
        status=Status(raw.get("status", Status.ACCEPTED)),
        origin=Origin(raw.get("origin", Origin.IMPORT)),
        id=raw.get("id"),
    )
