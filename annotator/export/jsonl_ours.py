"""Our JSONL: everything about one annotated article on one line, the lossless format.

Each line: ``{"format": "annotator/1", "uid", "title", "source", "url", "author",
"published", "imported_at", "text", "meta", "tokens": [[start, end], ...],
"sentence_starts", "spans": [{"id", "start", "end", "label", "layer", "status",
"origin"}], "quotes": [{"id", "content", "speaker", "cue", "kind", "speaker_entity"}], "events": [{"id",
"trigger", "type", "sub_type", "negated", "hypothetical", "future", "arguments": [{"id",
"role", "span"}], "date": {"first", "last", "precision", "text", "origin"} or null,
"claims": [{"kind", "figure", "high", "qualifier", "counts", "claimant", "start", "end",
"origin"}]}], "actors": [{"span", "actor"}], "annotator", "status", "updated_at"}``.
Quotes, events, arguments and actor links refer to spans by their index in ``spans``; an
actor link names the actor of the project's dictionary by its canonical name (the
dictionary itself travels as CSV: `annotator actors-export`); a quote's ``speaker`` is the speaker as written
(maybe "he"), ``speaker_entity`` the named entity it refers to (or null). Offsets are code
points, end exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from annotator.core.codec import claim_to_json, date_to_json
from annotator.core.model import AnnotatedArticle, Span
from annotator.export.files import write_jsonl
from annotator.export.report import ExportOptions, ExportReport
from annotator.export.structure import SpanTable, span_table

FORMAT_TAG = "annotator/1"


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write one JSON object per article to the file `out`."""
    write_jsonl(out, (record(item, options.incidents, options.actors) for item in items))
    report.files.append(out)


def record(
    item: AnnotatedArticle, incidents: Mapping[int, int] | None = None, actors: Mapping[int, str] | None = None
) -> dict[str, Any]:
    """The JSON object for one annotated article; an event in an incident (`incidents`:
    event id → incident id) carries ``"incident"``; a link to an actor named in `actors`
    (actor id → canonical name) is one of ``"actors"``."""
    article = item.article
    table = span_table(item.annotations)

    def ref(span: Span | None) -> int | None:
        return None if span is None else table.row(span)

    return {
        "format": FORMAT_TAG,
        "uid": article.uid,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "published": article.published,
        "imported_at": article.imported_at,
        "text": article.text,
        "meta": dict(article.meta),
        "tokens": [list(token) for token in item.tokens.tokens],
        "sentence_starts": list(item.tokens.sentence_starts),
        "spans": _spans(table),
        "quotes": [
            {
                "id": i,
                "content": ref(q.content),
                "speaker": ref(q.speaker),
                "cue": ref(q.cue),
                "kind": str(q.kind),
                "speaker_entity": ref(q.speaker_entity),
            }
            for i, q in enumerate(item.annotations.quotes)
        ],
        "events": [
            {
                "id": i,
                "trigger": ref(e.trigger),
                "type": e.event_type,
                "sub_type": e.sub_type,
                "negated": e.negated,
                "hypothetical": e.hypothetical,
                "future": e.future,
                "arguments": [{"id": j, "role": a.role, "span": ref(a.span)} for j, a in enumerate(e.arguments)],
                "date": None if e.date is None else date_to_json(e.date),
                "claims": [claim_to_json(c) for c in e.claims],
                **({"incident": incidents[e.id]} if incidents and e.id is not None and e.id in incidents else {}),
            }
            for i, e in enumerate(item.annotations.events)
        ],
        "actors": [
            {"span": ref(link.span), "actor": actors[link.actor_id]}
            for link in item.annotations.actor_links
            if actors and link.actor_id in actors
        ],
        "annotator": item.annotator,
        "status": str(item.status),
        "updated_at": item.updated_at,
    }


def _spans(table: SpanTable) -> list[dict[str, Any]]:
    return [
        {
            "id": i,
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "layer": str(s.layer),
            "status": str(s.status),
            "origin": str(s.origin),
        }
        for i, s in enumerate(table.spans)
    ]
