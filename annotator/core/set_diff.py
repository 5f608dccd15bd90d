"""Comparing two versions of one annotation set, and the edit that turns one into the other.

Versions from different project files share no ids, so they are compared by content:
spans by (start, end, label, layer) with their status and origin, quotes by their spans'
keys and kind, events by trigger key, type, sub-type, flags, (role, span key) pairs, date
and claims.
History rows are compared the same way, by a fingerprint that leaves the ids out.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from annotator.core import edits as e
from annotator.core.model import Annotations, ArticleStatus, Event, Quote, Span

SpanKey = tuple[int, int, str, str]
# Compared and sorted as a whole; the parts differ by kind of annotation.
Signature = tuple[Any, ...]
_T = TypeVar("_T")


def _key(span: Span | None) -> SpanKey | None:
    return None if span is None else span.key


def quote_signature(quote: Quote) -> Signature:
    signature = (quote.content.key, _key(quote.speaker), _key(quote.cue), str(quote.kind))
    return signature + (_key(quote.speaker_entity),) if quote.speaker_entity is not None else signature


def event_signature(event: Event) -> Signature:
    arguments = tuple(sorted((a.role, a.span.key) for a in event.arguments))
    return (
        event.trigger.key,
        event.event_type,
        event.sub_type,
        event.negated,
        event.hypothetical,
        event.future,
        arguments,
        repr(event.date),
        tuple(sorted(repr(c) for c in event.claims)),
    )


def canonical(annotations: Annotations, status: ArticleStatus | str | None = None) -> Signature:
    """A value equal for two versions exactly when they hold the same content (a span
    stored twice counts once: a project file keeps one row per span key)."""
    spans = tuple(sorted({(s.key, str(s.status), str(s.origin)) for s in annotations.spans}))
    quotes = tuple(sorted(quote_signature(q) for q in annotations.quotes))
    events = tuple(sorted(event_signature(ev) for ev in annotations.events))
    links = tuple(sorted({(link.span.key, link.actor_id) for link in annotations.actor_links}))
    return (spans, quotes, events, str(status) if status is not None else None, links)


def content_hash(annotations: Annotations, status: ArticleStatus | str | None = None) -> str:
    """A short stable hash of `canonical`: breaks ties between versions deterministically."""
    return hashlib.sha1(repr(canonical(annotations, status)).encode("utf-8")).hexdigest()


def diff(current: Annotations, target: Annotations, description: str = "") -> e.Compound:
    """The edit that turns `current` (ids as stored) into `target` (ids ignored).

    Quotes and events that differ are removed and added again; spans are matched by key,
    so a span kept with another status is changed in place. Applied by the store, the
    new parts find their spans by key.
    """
    target = target.without_ids()
    removals: list[e.Edit] = []
    additions: list[e.Edit] = []
    wanted_quotes = _bag(target.quotes, quote_signature)
    for quote in current.quotes:
        if not _take(wanted_quotes, quote_signature(quote)):
            removals.append(e.RemoveQuote(quote))
    wanted_events = _bag(target.events, event_signature)
    for event in current.events:
        if not _take(wanted_events, event_signature(event)):
            removals.append(e.RemoveEvent(event))
    wanted_spans = _bag(dict((s.key, s) for s in reversed(target.spans)).values(), lambda s: s.key)
    changes: list[e.Edit] = []
    dropped: list[e.Edit] = []
    for span in current.spans:
        match = _take(wanted_spans, span.key)
        if match is None:
            dropped.append(e.RemoveSpan(span))
        elif (match.status, match.origin) != (span.status, span.origin):
            changes.append(e.ChangeSpan(span, replace(span, status=match.status, origin=match.origin)))
    for remaining in wanted_spans.values():
        additions += [e.AddSpan(span) for span in remaining]
    additions += [e.AddQuote(q) for left in wanted_quotes.values() for q in left]
    additions += [e.AddEvent(ev) for left in wanted_events.values() for ev in left]
    wanted_links = {(link.span.key, link.actor_id): link for link in target.actor_links}
    unlinks: list[e.Edit] = []
    for link in current.actor_links:
        if wanted_links.pop((link.span.key, link.actor_id), None) is None:
            unlinks.append(e.UnlinkActor(link.span, link.actor_id))
    additions += [e.LinkActor(link.span, link.actor_id) for link in wanted_links.values()]
    return e.Compound(tuple(unlinks + removals + dropped + changes + additions), description)


def _bag(items: Iterable[_T], key: Callable[[_T], Hashable]) -> dict[Hashable, list[_T]]:
    bag: dict[Hashable, list[_T]] = defaultdict(list)
    for item in items:
        bag[key(item)].append(item)
    return bag


def _take(bag: dict[Hashable, list[_T]], key: Hashable) -> _T | None:
    found = bag.get(key)
    if not found:
        return None
    item = found.pop(0)
    if not found:
        del bag[key]
    return item


def fingerprint(annotator: str, at: str, action: str, edit_json: str | dict[str, Any]) -> str:
    """The identity of a history row across files: who, when, what, without store ids."""
    data = json.loads(edit_json) if isinstance(edit_json, str) else edit_json
    payload = json.dumps([annotator, at, action, _without_ids(data)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in ("id", "event_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value
