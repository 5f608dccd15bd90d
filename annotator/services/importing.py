"""Importing articles (and annotations that come with them) into a project.

Readers yield articles and problems; this service normalises text once, skips
duplicates by uid, stores articles in batches, and turns imported spans into an
annotator's decisions: offsets mapped through normalisation, snapped to tokens (each
move reported), labels checked against the scheme (each rejection reported).

A batch is ONE write transaction: its articles, their tokens and their annotations commit
together, so a kill, a lock timeout or a full disk keeps every finished batch whole and
loses nothing of the rest (re-import brings it in). A record whose annotations cannot be
stored is rolled back alone, article and all, and reported. An annotated record whose
article is already in the project without a set of that annotator completes it (a project
written by an older version may hold such articles).

Tokens are computed once and stored: here for articles that arrive with spans (they
are needed to align them), otherwise on first use (`Project.tokens`, pre-annotation,
export), which keeps a bulk import close to the speed of a bare insert. See
docs/adr/0002-tokens-stored-on-first-use.md.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.align import snap
from annotator.core.errors import InputError, ValidationError
from annotator.core.model import (
    ActorLink,
    Annotations,
    Argument,
    Article,
    ArticleStatus,
    Claim,
    Event,
    IncomingArticle,
    Origin,
    Span,
    Status,
    Tokenisation,
)
from annotator.core.text import OffsetMap, article_uid, normalise, normalise_with_map
from annotator.ingest import read_sources
from annotator.nlp.tokens import tokenize
from annotator.services.coding import code_article
from annotator.services.project import TOKENIZER_ID, Project
from annotator.store import annotations as sets
from annotator.store.actors import actor_id_by_name, insert_links
from annotator.store.articles import (
    article_ids_by_uid,
    delete_article,
    insert_articles,
    save_tokenisations,
    write_transaction,
)

IMPORT_ANNOTATOR = "import"
Progress = Callable[[int, str], None]


@dataclass
class ImportReport:
    """What an import did, in figures and in messages a person can act on."""

    imported: int = 0
    duplicates: int = 0
    annotated: int = 0
    spans: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        parts = [f"{self.imported} imported", f"{self.duplicates} duplicate(s) skipped"]
        if self.annotated:
            parts.append(f"{self.annotated} with annotations ({self.spans} spans)")
        if self.problems:
            parts.append(f"{len(self.problems)} problem(s)")
        if self.cancelled:
            parts.append("cancelled")
        return ", ".join(parts)


def import_sources(
    project: Project,
    sources: Sequence[str | Path],
    fmt: str = "auto",
    annotator: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = 500,
) -> ImportReport:
    """Import every article the sources hold; bad records are reported, not fatal.

    Args:
        project (Project): Where to store.
        sources (Sequence[str | Path]): Files and folders.
        fmt (str): A format name of `annotator.ingest` or "auto".
        annotator (str | None): Whose decisions imported annotations become (default:
            the name in the file, else "import").
        progress (Progress | None): Called with (articles seen, message) after each batch.
        cancelled (Callable | None): Checked between batches; finished batches are kept.
        batch_size (int): Articles per transaction.
    RETURNS (ImportReport): Counts and messages.
    """
    report = ImportReport()
    seen = 0
    for batch in _batches(read_sources([Path(s) for s in sources], fmt, scheme=project.scheme), batch_size, report):
        _store_batch(project, batch, annotator, report)
        seen += len(batch)
        if progress:
            progress(seen, report.summary())
        if cancelled and cancelled():
            report.cancelled = True
            break
    return report


def _batches(
    items: Iterable[IncomingArticle | InputError], size: int, report: ImportReport
) -> Iterator[list[IncomingArticle]]:
    batch: list[IncomingArticle] = []
    for item in items:
        if isinstance(item, InputError):
            report.problems.append(str(item))
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Prepared:
    incoming: IncomingArticle
    article: Article
    offsets: OffsetMap | None


def _prepare(incoming: IncomingArticle) -> _Prepared | None:
    if incoming.annotations is not None:
        text, offsets = normalise_with_map(incoming.text)
    else:
        text, offsets = normalise(incoming.text), None
    if not text.strip():
        return None
    article = Article(
        uid=article_uid(text),
        text=text,
        title=_field(incoming.title).strip() or _first_line(text),
        source=_field(incoming.source),
        url=_field(incoming.url),
        author=_field(incoming.author),
        published=None if incoming.published is None else _field(incoming.published),
        meta=dict(incoming.meta),
        imported_at=_optional(incoming.imported_at),
    )
    return _Prepared(incoming, article, offsets)


def _field(value: object) -> str:
    """An article field as text, whatever type the file gave it (a list, a number, an object)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(_field(part) for part in value if part not in (None, ""))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _optional(value: object) -> str | None:
    return None if value is None else _field(value)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]


def _store_batch(project: Project, batch: list[IncomingArticle], annotator: str | None, report: ImportReport) -> None:
    unique: dict[str, _Prepared] = {}
    for incoming in batch:
        item = _prepare(incoming)
        if item is None:
            report.problems.append(f"{incoming.where or 'input'}: empty article text, skipped")
        elif item.article.uid in unique:
            _duplicate(item, report)
        else:
            unique[item.article.uid] = item
    existing = article_ids_by_uid(project.db, list(unique))
    completing = [
        (item, existing[uid])
        for uid, item in unique.items()
        if uid in existing and item.incoming.annotations is not None
    ]
    completing = [
        (item, article_id)
        for item, article_id in completing
        if sets.find_set(project.db, article_id, _who(item, annotator)) is None
    ]
    fresh = [item for uid, item in unique.items() if uid not in existing]
    # Tokenise before the write transaction: the lock is held only to write.
    annotated = [item for item in fresh if item.incoming.annotations is not None] + [item for item, _ in completing]
    tokens = dict(zip((item.article.uid for item in annotated), tokenize([item.article.text for item in annotated])))
    completed = {item.article.uid for item, _ in completing}
    with write_transaction(project.db):
        result = insert_articles(project.db, [item.article for item in fresh])
        ids = {**result.inserted, **{item.article.uid: article_id for item, article_id in completing}}
        save_tokenisations(project.db, [(ids[uid], t) for uid, t in tokens.items() if uid in ids], TOKENIZER_ID)
        for item in unique.values():
            uid = item.article.uid
            if uid not in ids or (uid in completed and sets.find_set(project.db, ids[uid], _who(item, annotator))):
                _duplicate(item, report)  # (or another process completed it meanwhile)
                continue
            stored = item.incoming.annotations is None or _store_annotations(
                project, item, ids[uid], tokens[uid], annotator, report, drop_article=uid not in completed
            )
            if uid in completed:
                report.duplicates += 1
                if stored:
                    report.notes.append(
                        f"{item.incoming.where or uid}: already in the project without these "
                        "annotations; the annotations were added"
                    )
            elif stored:
                report.imported += 1
                report.article_ids.append(ids[uid])


def _duplicate(item: _Prepared, report: ImportReport) -> None:
    report.duplicates += 1
    report.notes.append(
        f"{item.incoming.where or item.article.uid}: duplicate of an article already in the project, skipped"
    )


def _who(item: _Prepared, annotator: str | None) -> str:
    named = item.incoming.annotator if isinstance(item.incoming.annotator, str) else None
    return annotator or named or IMPORT_ANNOTATOR


def _store_annotations(
    project: Project,
    item: _Prepared,
    article_id: int,
    tokens: Tokenisation,
    annotator: str | None,
    report: ImportReport,
    drop_article: bool,
) -> bool:
    """Store one record's annotations in a savepoint; on failure roll them back, drop the
    article too when this import created it, and report. RETURNS True when stored."""
    where = item.incoming.where or item.article.title
    problems: list[str] = []
    notes: list[str] = []
    assert item.incoming.annotations is not None, "only annotated items are stored"
    try:
        with project.db.atomic():
            aligned = align_annotations(
                item.incoming.annotations, item.offsets, tokens, item.article.text, project, where, problems, notes
            )
            aligned = code_article(aligned, item.article, project.scheme)
            status = item.incoming.status or ArticleStatus.DONE
            set_id = sets.create_set(
                project.db,
                article_id,
                _who(item, annotator),
                status=status,
                updated_at=_optional(item.incoming.updated_at),
            )
            sets.insert_annotations(project.db, set_id, aligned)
            unknown = _link_actors(project, set_id, aligned, item.incoming.actor_names)
    except (ValidationError, ValueError, TypeError, KeyError, IndexError, sqlite3.IntegrityError) as error:
        if drop_article:
            delete_article(project.db, article_id)
        report.problems.append(
            f"{where}: its annotations could not be stored ({type(error).__name__}: {error}); "
            "the record was skipped, nothing of it is stored"
        )
        return False
    if unknown:
        problems.append(
            f"{where}: {len(unknown)} actor(s) not in this project's dictionary, their links left out:"
            f" {', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''} (annotator actors-import adds them)"
        )
    report.problems += problems
    report.notes += notes
    report.annotated += 1
    report.spans += len(aligned.spans)
    return True


def _link_actors(project: Project, set_id: int, annotations: Annotations, names: Sequence[str]) -> list[str]:
    """Link the set's spans to the actors a file names by canonical name (an imported link's
    `actor_id` indexes `names`), in the caller's transaction. RETURNS the names this
    project's dictionary lacks: their links are left out."""
    ids = {index: actor_id_by_name(project.db, name) for index, name in enumerate(names)}
    insert_links(
        project.db,
        set_id,
        [ActorLink(link.span, actor_id) for link in annotations.actor_links if (actor_id := ids.get(link.actor_id))],
    )
    used = {link.actor_id for link in annotations.actor_links}
    return sorted(names[index] for index, actor_id in ids.items() if actor_id is None and index in used)


def align_annotations(
    annotations: Annotations,
    offsets: OffsetMap | None,
    tokens: Tokenisation,
    text: str,
    project: Project,
    where: str,
    problems: list[str],
    notes: list[str],
) -> Annotations:
    """Map imported spans onto the stored text and tokens; drop (and report) the invalid.

    A span whose label the scheme lacks, or that lies outside the text, is reported and
    dropped, with the quotes and event arguments that depended on it.
    """
    mapped: dict[tuple[int, int, str, str], Span] = {}
    for span in annotations.spans:
        fixed = _align_span(span, offsets, tokens, text, project, where, problems, notes)
        if fixed is not None:
            mapped[span.key] = fixed

    def get(span: Span | None) -> Span | None:
        return None if span is None else mapped.get(span.key)

    quotes = tuple(
        replace(
            q, content=content, speaker=get(q.speaker), cue=get(q.cue), speaker_entity=get(q.speaker_entity), id=None
        )
        for q in annotations.quotes
        if (content := get(q.content)) is not None
    )
    events = tuple(
        replace(
            _resolve_event_alias(ev, project),
            trigger=trigger,
            id=None,
            arguments=tuple(Argument(a.role, kept) for a in ev.arguments if (kept := get(a.span)) is not None),
            claims=tuple(_map_claim(c, offsets) for c in ev.claims),
        )
        for ev in annotations.events
        if (trigger := get(ev.trigger)) is not None and _event_type_ok(ev, project, where, problems)
    )
    spans, events = _triggers_named_as_types(tuple(dict.fromkeys(mapped.values())), events)
    links = tuple(
        ActorLink(kept, link.actor_id) for link in annotations.actor_links if (kept := get(link.span)) is not None
    )
    return Annotations(spans, quotes, events, links)


def _resolve_event_alias(event: Event, project: Project) -> Event:
    if event.event_type in project.scheme.event_types:
        return event
    resolved = project.scheme.event_type_for(event.event_type, event.sub_type)
    if resolved is None:
        return event
    return replace(event, event_type=resolved[0], sub_type=resolved[1])


def _map_claim(claim: Claim, offsets: OffsetMap | None) -> Claim:
    """A claim's figure offsets on the stored (normalised) text."""
    if offsets is None or claim.start is None or claim.end is None:
        return claim
    return replace(claim, start=offsets.start(claim.start), end=offsets.end(claim.end))


def _triggers_named_as_types(
    spans: tuple[Span, ...], events: tuple[Event, ...]
) -> tuple[tuple[Span, ...], tuple[Event, ...]]:
    """A trigger's label is its event's type, also when an alias chose the type by the
    event's sub-type ("PROTEST" with mode "riot" → RIOTS)."""
    renamed = {
        ev.trigger.key: replace(ev.trigger, label=ev.event_type) for ev in events if ev.trigger.label != ev.event_type
    }
    if not renamed:
        return spans, events
    events = tuple(replace(ev, trigger=renamed.get(ev.trigger.key, ev.trigger)) for ev in events)
    return tuple(dict.fromkeys(renamed.get(s.key, s) for s in spans)), events


def _event_type_ok(event: Event, project: Project, where: str, problems: list[str]) -> bool:
    if _resolve_event_alias(event, project).event_type in project.scheme.event_types:
        return True
    problems.append(f"{where}: event type {event.event_type!r} is not in the scheme, skipped")
    return False


def _align_span(
    span: Span,
    offsets: OffsetMap | None,
    tokens: Tokenisation,
    text: str,
    project: Project,
    where: str,
    problems: list[str],
    notes: list[str],
) -> Span | None:
    limit = offsets.original_length if offsets else len(text)
    if not 0 <= span.start < span.end <= limit:
        problems.append(
            f"{where}: {span.label} span [{span.start}, {span.end}) is outside the text (length {limit}), skipped"
        )
        return None
    start, end = (offsets.start(span.start), offsets.end(span.end)) if offsets else (span.start, span.end)
    snapped = snap(start, end, tokens)
    if snapped is None:
        problems.append(f"{where}: {span.label} span [{span.start}, {span.end}) covers no word, skipped")
        return None
    if snapped != (start, end):
        notes.append(
            f"{where}: {span.label} span {text[start:end]!r} cut a token; snapped to {text[snapped[0] : snapped[1]]!r}"
        )
    status = span.status if span.status != Status.SUGGESTED else Status.ACCEPTED
    label = span.label
    if label not in project.scheme.labels_for(span.layer):
        label = project.scheme.resolve_alias(label)[0]
    aligned = replace(
        span,
        start=snapped[0],
        end=snapped[1],
        id=None,
        status=status,
        label=label,
        origin=span.origin if span.origin != Origin.MODEL else Origin.IMPORT,
    )
    try:
        project.scheme.validate_span(aligned, len(text))
    except ValidationError as error:
        problems.append(f"{where}: {error}, skipped")
        return None
    return aligned
