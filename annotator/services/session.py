"""An annotator's session on a project: open an article, apply gestures, undo, redo.

Every gesture becomes a core `Edit`, validated against the scheme and the article's
tokens, then written in one transaction with its history row. The undo and redo stacks
are rebuilt from the history, so undo works across restarts. They are the only undo
history: the UI asks `undo_text`/`redo_text` what Ctrl+Z would do and calls `undo`/`redo`
(docs/adr/0003); nothing here knows about Qt. A history row that cannot be read leaves
the article open with the row reported (`unreadable`); undo stops at it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from annotator.core import edits as e
from annotator.core.align import snap, token_range
from annotator.core.checks import CheckFailure, check_annotations
from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.ids import stored_id
from annotator.core.model import (
    AnnotatedArticle,
    Annotations,
    Argument,
    ArticleStatus,
    Claim,
    Event,
    EventDate,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
    Tokenisation,
)
from annotator.core.refresh import RefreshCounts, refresh_edits
from annotator.core.replay import replay
from annotator.nlp.dates import resolve_date
from annotator.services.coding import anchor_of, redated, set_published, validate_coding
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.apply import apply_edit, read_history
from annotator.store.database import translate_error

DECIDED_LAYERS = (Layer.ENTITY, Layer.QUOTE, Layer.TRIGGER)


@dataclass(frozen=True)
class _Step:
    history_id: int
    edit: e.Edit | None  # None: the row cannot be read


@dataclass(frozen=True)
class UnreadableStep:
    """A history row of the open article that cannot be read (damaged, or written by a
    newer annotator). The annotations themselves are as saved; only undo stops there."""

    history_id: int
    reason: str

    def __str__(self) -> str:
        return f"history row {self.history_id}: {self.reason}"


def describe_unreadable(steps: Sequence[UnreadableStep]) -> str:
    """One line for the status bar or the terminal ("" when there is nothing to say)."""
    if not steps:
        return ""
    rows = "; ".join(str(step) for step in steps[:3]) + ("; …" if len(steps) > 3 else "")
    return (
        f"{len(steps)} history row(s) could not be read ({rows}): the annotations are as saved,"
        " undo stops before the unreadable step"
    )


class AnnotationSession:
    """One annotator working through a project's articles."""

    def __init__(self, project: Project, annotator: str, author: str | None = None):
        """`author` is who the history records when it is not the set's owner (a reviewer
        editing the `gold` set)."""
        if not annotator.strip():
            raise ValidationError("an annotator needs a name")
        self.project = project
        self.annotator = annotator.strip()
        self.author = (author or "").strip() or self.annotator
        self.set_id: int | None = None
        self.current: AnnotatedArticle | None = None
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self.refreshed: e.Edit | None = None
        self.refresh_problem = ""
        self.unreadable: tuple[UnreadableStep, ...] = ()

    # Opening ---------------------------------------------------------------------------

    def open(self, article_id: int, refresh: bool = True) -> AnnotatedArticle:
        """Open an article for this annotator: their set is created on first open (with a
        copy of the newest suggestions, in the same transaction: one durable commit), and
        (with `refresh`) its undecided suggestions are brought up to the newest
        suggestion set (`refresh_suggestions`). The article is then in progress."""
        db = self.project.db
        info = sets.find_set(db, article_id, self.annotator)
        created = info is None
        try:
            if info is None:
                with db.atomic():
                    set_id = sets.create_set(db, article_id, self.annotator, status=ArticleStatus.IN_PROGRESS)
                    latest = sets.latest_model_set(db, article_id) if refresh else None
                    if latest is not None:
                        sets.copy_suggestions(db, set_id, latest.id)
                info = sets.get_set(db, set_id)
            elif info.status == ArticleStatus.NEW:
                with db.atomic():
                    sets.set_status(db, info.id, ArticleStatus.IN_PROGRESS)
                info = sets.get_set(db, info.id)
        except sqlite3.DatabaseError as error:
            raise translate_error(error, self.project.path) from error
        self._load(info)
        self.refreshed, self.refresh_problem = None, ""
        if refresh and not created:  # a set made just now already holds the newest suggestions
            try:
                self.refreshed = self.refresh_suggestions()
            except AnnotatorError as error:
                self.refresh_problem = f"suggestions not refreshed: {error}"
        assert self.current is not None, "_load sets it"
        return self.current

    def _load(self, info: sets.SetInfo) -> None:
        """Read the set and its undo history; nothing of the session changes when that
        fails, so undo never acts on one set while another article is shown."""
        stacks = self._read_stacks(info.id)
        current = AnnotatedArticle(
            self.project.article(info.article_id),
            self.project.tokens(info.article_id),
            sets.load_annotations(self.project.db, info.id),
            self.annotator,
            info.status,
            info.updated_at,
        )
        self.set_id, self.current = info.id, current
        self._undo, self._redo, self.unreadable = stacks

    def refresh_suggestions(self) -> e.Edit | None:
        """Bring the open article's undecided suggestions up to the newest suggestion set.

        Decisions (accepted, rejected, edited, added) stay untouched; see
        `annotator.core.refresh` for the rules. A set still without any span or undo
        step simply receives a copy; otherwise the change is one recorded edit, undoable
        like a gesture. The set records which suggestion set it follows
        (`annotation_sets.suggestions_from`), so this costs one query when up to date.
        Sets marked done are left alone.
        RETURNS (Edit | None): The recorded refresh, or None when there was nothing to do.
        """
        assert self.current is not None and self.current.article.id is not None
        db = self.project.db
        latest = sets.latest_model_set(db, self.current.article.id)
        if latest is None or self.current.status == ArticleStatus.DONE:
            return None
        previous = sets.refreshed_from(db, self._set())
        if previous == latest.id:
            return None
        try:
            if not self.annotations.spans and not self._undo and not self._redo:
                with db.atomic():
                    sets.copy_suggestions(db, self._set(), latest.id)
                self.current = replace(self.current, annotations=sets.load_annotations(db, self._set()))
                return None
            changes = refresh_edits(self.annotations, sets.load_annotations(db, latest.id))
            if not changes:
                with db.atomic():
                    sets.set_refreshed_from(db, self._set(), latest.id)
                return None
        except sqlite3.DatabaseError as error:
            raise translate_error(error, self.project.path) from error
        counts = RefreshCounts.of(e.Compound(changes))
        return self.apply(
            e.RefreshSuggestions(
                changes, f"refresh suggestions ({latest.model}) {counts.describe()}", latest.id, previous
            )
        )

    def _read_stacks(self, set_id: int) -> tuple[list[_Step], list[_Step], tuple[UnreadableStep, ...]]:
        """Undo and redo stacks from the history: `reverts` links pair undo rows with
        the rows they undo. An unreadable row still takes its place in the stacks (its
        `reverts` is a plain column), and each stack is then cut above it."""
        try:
            rows = read_history(self.project.db, set_id)
        except sqlite3.DatabaseError as error:
            raise translate_error(error, self.project.path) from error
        undo: list[_Step] = []
        redo: list[_Step] = []
        for row in rows:
            step = _Step(row.id, row.edit)
            if row.reverts is None:
                undo.append(step)
                redo.clear()
            elif undo and undo[-1].history_id == row.reverts:
                undo.pop()
                redo.append(step)
            elif redo and redo[-1].history_id == row.reverts:
                redo.pop()
                undo.append(step)
        unreadable = tuple(UnreadableStep(row.id, row.problem) for row in rows if row.edit is None)
        return _above_unreadable(undo), _above_unreadable(redo), unreadable

    def _set(self) -> int:
        if self.set_id is None:
            raise ValidationError("no article is open")
        return self.set_id

    @property
    def annotations(self) -> Annotations:
        return self.current.annotations if self.current else Annotations()

    @property
    def tokens(self) -> Tokenisation:
        assert self.current is not None
        return self.current.tokens

    @property
    def text(self) -> str:
        assert self.current is not None
        return self.current.article.text

    # Applying --------------------------------------------------------------------------

    def apply(self, edit: e.Edit) -> e.Edit:
        """Validate and save one gesture (one transaction). RETURNS the resolved edit."""
        resolved, history_id = self._write(edit, None)
        self._undo.append(_Step(history_id, resolved))
        self._redo.clear()
        return resolved

    def undo(self) -> e.Edit | None:
        """Revert the last gesture (also one made before a restart). RETURNS what was done.

        RAISES (AnnotatorError): the step cannot be undone (e.g. the span changed
        elsewhere); nothing changed, and the step is still the one to undo.
        """
        if not self._undo:
            return None
        step = self._undo[-1]
        assert step.edit is not None  # the stacks are cut above unreadable rows
        inverse, history_id = self._write(step.edit.inverse(), step.history_id)
        self._undo.pop()
        self._redo.append(_Step(history_id, inverse))
        return inverse

    def redo(self) -> e.Edit | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        assert step.edit is not None
        again, history_id = self._write(step.edit.inverse(), step.history_id)
        self._redo.pop()
        self._undo.append(_Step(history_id, again))
        return again

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str | None:
        """What `undo` would revert, e.g. "accept ACTOR" (None: nothing to undo)."""
        edit = self._undo[-1].edit if self._undo else None
        return edit.describe() if edit is not None else None

    @property
    def redo_text(self) -> str | None:
        """What `redo` would do again (None: nothing to redo)."""
        edit = self._redo[-1].edit if self._redo else None
        return edit.inverse().describe() if edit is not None else None

    def _write(self, edit: e.Edit, reverts: int | None) -> tuple[e.Edit, int]:
        self._validate(edit)
        db = self.project.db
        try:
            if isinstance(edit, e.RefreshSuggestions):  # also when undone or redone
                with db.atomic():
                    resolved, history_id = apply_edit(db, self._set(), self.author, edit, reverts)
                    sets.set_refreshed_from(db, self._set(), edit.model_set)
            else:
                resolved, history_id = apply_edit(db, self._set(), self.author, edit, reverts)
        except sqlite3.DatabaseError as error:
            raise translate_error(error, self.project.path) from error
        self._reload(resolved)
        return resolved, history_id

    def _reload(self, resolved: e.Edit) -> None:
        """Mirror the written edit in memory (no reload of every span per keypress)."""
        assert self.current is not None
        info = sets.get_set(self.project.db, self._set())
        self.current = replace(
            self.current,
            annotations=replay(self.current.annotations, resolved),
            status=info.status,
            updated_at=info.updated_at,
        )

    def _validate(self, edit: e.Edit) -> None:
        scheme = self.project.scheme
        length = len(self.text)
        if isinstance(edit, e.Compound):
            for child in edit.edits:
                self._validate(child)
        elif isinstance(edit, e.AddSpan):
            scheme.validate_span(edit.span, length)
        elif isinstance(edit, e.ChangeSpan):
            scheme.validate_span(edit.after, length)
        elif isinstance(edit, e.AddEvent):
            scheme.validate_span(edit.event.trigger, length)
            for argument in edit.event.arguments:
                scheme.validate_role(edit.event.event_type, argument.role)
        elif isinstance(edit, e.ChangeEvent):
            for argument in edit.after.arguments:
                scheme.validate_role(edit.after.event_type, argument.role)
        elif isinstance(edit, e.AddArgument):
            event = self.event(edit.event_id)
            if event is not None:
                scheme.validate_role(event.event_type, edit.argument.role)
        elif isinstance(edit, (e.SetEventDate, e.AddClaim, e.RemoveClaim)):
            validate_coding(edit, self.event(edit.event_id), scheme)

    # Lookups -----------------------------------------------------------------------------

    def span(self, span_id: int) -> Span | None:
        return next((s for s in self.annotations.spans if s.id == span_id), None)

    def event(self, event_id: int) -> Event | None:
        return next((ev for ev in self.annotations.events if ev.id == event_id), None)

    def quote(self, quote_id: int) -> Quote | None:
        return next((q for q in self.annotations.quotes if q.id == quote_id), None)

    def event_of(self, span: Span) -> Event | None:
        return next((ev for ev in self.annotations.events if ev.trigger.id == span.id), None)

    def quote_of(self, span: Span) -> Quote | None:
        return next((q for q in self.annotations.quotes if q.content.id == span.id), None)

    def suggestions(self) -> list[Span]:
        """Entities, quotes and event triggers still waiting for a decision, in reading
        order. Speakers, cues and arguments are decided with their quote or event."""
        return [s for s in self.annotations.spans if s.status == Status.SUGGESTED and s.layer in DECIDED_LAYERS]

    def next_suggestion(self, after: int = -1, backwards: bool = False) -> Span | None:
        """The next (or previous) suggestion from a character offset, wrapping around."""
        pending = self.suggestions()
        if not pending:
            return None
        if backwards:
            before = [s for s in pending if s.start < after]
            return before[-1] if before else pending[-1]
        later = [s for s in pending if s.start > after]
        return later[0] if later else pending[0]

    # Gestures: each returns the edit it applied -------------------------------------

    def snapped(self, start: int, end: int) -> tuple[int, int]:
        """Snap a selection to the article's tokens, or explain why it cannot be."""
        result = snap(start, end, self.tokens)
        if result is None:
            raise ValidationError("the selection holds no word")
        return result

    def add_span(self, start: int, end: int, label: str, layer: Layer = Layer.ENTITY) -> e.Edit:
        """Add a span; where the same label already lies on the same words, decide that
        span instead (a set never holds one span twice)."""
        start, end = self.snapped(start, end)
        same = self._same_span(start, end, label, layer)
        if same is not None:
            if same.status == Status.ACCEPTED:
                raise ValidationError(f"{label} is already marked on these words")
            return self.accept(same)
        return self.apply(e.AddSpan(e.manual_span(start, end, label, layer)))

    def _same_span(self, start: int, end: int, label: str, layer: Layer, other_than: Span | None = None) -> Span | None:
        key = (start, end, label, str(layer))
        return next((s for s in self.annotations.spans if s.key == key and s != other_than), None)

    def _refuse_duplicate(self, span: Span, start: int, end: int, label: str) -> None:
        if self._same_span(start, end, label, span.layer, other_than=span) is not None:
            raise ValidationError(f"another {label} span already lies on these words; decide that one instead")

    def accept(self, span: Span) -> e.Edit:
        return self.apply(e.Compound(self._with_linked(span, Status.ACCEPTED), f"accept {span.label}"))

    def reject(self, span: Span, drop_parts: bool = False) -> e.Edit:
        """Reject a span (a quote or event with its parts). With `drop_parts`, the
        arguments and speakers on the same words go too (docs/adr/0011)."""
        changes = list(self._with_linked(span, Status.REJECTED))
        dropped = self._dropping_parts(span) if drop_parts else []
        description = f"reject {span.label}" + (
            f", drop {len(self.parts_on_same_words(span))} role(s)" if dropped else ""
        )
        return self.apply(e.Compound(tuple(changes + dropped), description))

    def parts_on_same_words(self, span: Span) -> list[tuple[str, Span, Span]]:
        """Arguments and speakers on exactly the words of an entity span (the span itself
        or a part span with its offsets): what rejecting it offers to drop.

        RETURNS (list[tuple[str, Span, Span]]): (role or "SPEAKER", the part span, the
            event trigger or quote content it belongs to).
        """
        if span.layer != Layer.ENTITY:
            return []
        where = (span.start, span.end)
        found = [
            (a.role, a.span, ev.trigger)
            for ev in self.annotations.events
            for a in ev.arguments
            if (a.span.start, a.span.end) == where
        ]
        found += [
            (name, part, q.content)
            for q in self.annotations.quotes
            for name, part in (("SPEAKER", q.speaker), ("SPEAKER", q.speaker_entity))
            if part is not None and (part.start, part.end) == where
        ]
        return found

    def _dropping_parts(self, span: Span) -> list[e.Edit]:
        where = (span.start, span.end)
        changes: list[e.Edit] = []
        orphans: dict[int | None, Span] = {}
        for event in self.annotations.events:
            for argument in event.arguments:
                if (argument.span.start, argument.span.end) == where:
                    changes.append(e.RemoveArgument(stored_id(event.id, "event"), argument))
                    if argument.span.layer == Layer.ARGUMENT:
                        orphans[argument.span.id] = argument.span
        for quote in self.annotations.quotes:
            dropped: dict[str, Any] = {
                name: None
                for name in ("speaker", "speaker_entity")
                if (part := getattr(quote, name)) is not None and (part.start, part.end) == where
            }
            if dropped:
                changes.append(e.ChangeQuote(quote, replace(quote, **dropped)))
                orphans.update((p.id, p) for name in dropped if (p := getattr(quote, name)).layer == Layer.SPEAKER)
        return changes + [e.RemoveSpan(orphan) for orphan in orphans.values()]

    def _with_linked(self, span: Span, status: Status) -> tuple[e.Edit, ...]:
        """A quote or event is decided with its parts (speaker, cue, arguments)."""
        parts: list[Span] = [span]
        quote, event = self.quote_of(span), self.event_of(span)
        if quote:
            parts += [p for p in (quote.speaker, quote.speaker_entity, quote.cue) if p is not None]
        if event:
            parts += [a.span for a in event.arguments]
        return tuple(
            e.ChangeSpan(p, replace(p, status=status))
            for p in dict.fromkeys(parts)
            if p.status != status and (p is span or p.layer != Layer.ENTITY)
        )

    def accept_all(self) -> e.Edit | None:
        """Accept every remaining suggestion of the article as one undoable step."""
        pending = [s for s in self.annotations.spans if s.status == Status.SUGGESTED]
        if not pending:
            return None
        return self.apply(e.Compound(tuple(e.accept(s) for s in pending), f"accept all ({len(pending)})"))

    def relabel(self, span: Span, label: str) -> e.Edit:
        self._refuse_duplicate(span, span.start, span.end, label)
        if span.layer == Layer.TRIGGER:
            event = self.event_of(span)
            changes: list[e.Edit] = [e.relabel(span, label)]
            if event is not None:
                changes.append(e.ChangeEvent(event, replace(event, event_type=label, sub_type="")))
            return self.apply(e.Compound(tuple(changes), f"event type {label}"))
        return self.apply(e.relabel(span, label))

    def resize(self, span: Span, side: str, tokens_delta: int) -> e.Edit:
        """Grow or shrink a span by whole tokens at its 'start' or 'end'."""
        first, last = token_range(span.start, span.end, self.tokens)
        if side == "start":
            first = min(max(first - tokens_delta, 0), last)
        else:
            last = max(min(last + tokens_delta, len(self.tokens.tokens) - 1), first)
        start, end = self.tokens.tokens[first][0], self.tokens.tokens[last][1]
        if (start, end) == (span.start, span.end):
            raise ValidationError("the span cannot change further that way")
        self._refuse_duplicate(span, start, end, span.label)
        return self.apply(e.resize(span, start, end))

    def remove(self, span: Span) -> e.Edit:
        """Remove a span and whatever links to it (its quote, event, argument roles)."""
        return self.apply(e.Compound(tuple(self._removal(span)), f"remove {span.label}"))

    def _removal(self, span: Span) -> list[e.Edit]:
        changes: list[e.Edit] = []
        for quote in self.annotations.quotes:
            if quote.content.id == span.id:
                changes.append(e.RemoveQuote(quote))
            elif span.id in (_id(quote.speaker), _id(quote.cue), _id(quote.speaker_entity)):
                changes.append(
                    e.ChangeQuote(
                        quote,
                        replace(
                            quote,
                            speaker=None if _id(quote.speaker) == span.id else quote.speaker,
                            cue=None if _id(quote.cue) == span.id else quote.cue,
                            speaker_entity=None if _id(quote.speaker_entity) == span.id else quote.speaker_entity,
                        ),
                    )
                )
        for event in self.annotations.events:
            if event.trigger.id == span.id:
                changes.append(e.RemoveEvent(event))
            else:
                removed = [a for a in event.arguments if a.span.id == span.id]
                changes += [e.RemoveArgument(stored_id(event.id, "event"), a) for a in removed]
                if any(a.role.rstrip("0123456789") == "TIME" for a in removed) and _dated_by(event, span, self.text):
                    changes.append(e.SetEventDate(stored_id(event.id, "event"), event.date, None))
        changes += [
            e.UnlinkActor(link.span, link.actor_id) for link in self.annotations.actor_links if link.span.id == span.id
        ]
        changes.append(e.RemoveSpan(span))
        return changes

    def make_quote(self, start: int, end: int, kind: QuoteKind = QuoteKind.DIRECT) -> e.Edit:
        """Make the selection a quote's content (speaker and cue are linked next)."""
        start, end = self.snapped(start, end)
        content = e.manual_span(start, end, "QUOTE", Layer.QUOTE)
        return self.apply(e.Compound((e.AddSpan(content), e.AddQuote(Quote(content, kind=kind))), "make quote"))

    def link_quote_part(self, quote: Quote, part: str, start: int, end: int) -> e.Edit:
        """Link a part to a quote: "speaker" (as written, e.g. "he"), "speaker_entity" (the
        named entity the speaker refers to) or "cue". An existing entity span there is
        reused for a speaker, otherwise a new SPEAKER/CUE span is made."""
        start, end = self.snapped(start, end)
        layer = Layer.CUE if part == "cue" else Layer.SPEAKER
        existing = next(
            (
                s
                for s in self.annotations.spans
                if (s.start, s.end) == (start, end)
                and s.status != Status.REJECTED
                and (s.layer == layer or (part != "cue" and s.layer == Layer.ENTITY))
            ),
            None,
        )
        changes: list[e.Edit] = []
        if existing is None:
            existing = e.manual_span(start, end, layer.value.upper(), layer)
            changes.append(e.AddSpan(existing))
        changed: dict[str, Any] = {part: existing}
        changes.append(e.ChangeQuote(quote, replace(quote, **changed)))
        return self.apply(e.Compound(tuple(changes), f"link {part}"))

    def change_quote_kind(self, quote: Quote, kind: QuoteKind) -> e.Edit:
        """Direct, indirect or mixed."""
        return self.apply(e.ChangeQuote(quote, replace(quote, kind=QuoteKind(kind))))

    def make_event(self, start: int, end: int, event_type: str) -> e.Edit:
        """Make the selection an event trigger of `event_type`."""
        start, end = self.snapped(start, end)
        trigger = e.manual_span(start, end, event_type, Layer.TRIGGER)
        return self.apply(
            e.Compound((e.AddSpan(trigger), e.AddEvent(Event(trigger, event_type))), f"event {event_type}")
        )

    def add_argument(self, event: Event, role: str, start: int, end: int) -> e.Edit:
        """Attach an argument; an entity span already there is reused."""
        self.project.scheme.validate_role(event.event_type, role)
        start, end = self.snapped(start, end)
        existing = next(
            (
                s
                for s in self.annotations.spans
                if (s.start, s.end) == (start, end)
                and s.layer in (Layer.ENTITY, Layer.ARGUMENT)
                and s.status != Status.REJECTED
            ),
            None,
        )
        changes: list[e.Edit] = []
        if existing is None:
            existing = e.manual_span(start, end, role, Layer.ARGUMENT)
            changes.append(e.AddSpan(existing))
        changes.append(e.AddArgument(stored_id(event.id, "event"), Argument(role, existing)))
        changes += self._date_from_time(event, role, existing)
        return self.apply(e.Compound(tuple(changes), f"{role} argument"))

    def _date_from_time(self, event: Event, role: str, span: Span) -> list[e.Edit]:
        """A TIME argument dates the event, unless a person already set the date."""
        if role.rstrip("0123456789") != "TIME" or (event.date is not None and event.date.origin == Origin.MANUAL):
            return []
        assert self.current is not None
        found = resolve_date(
            span.text_in(self.text), anchor_of(self.current.article), "future" if event.future else "past"
        )
        if found is None or found == event.date:
            return []
        return [e.SetEventDate(stored_id(event.id, "event"), event.date, found)]

    def change_event(self, event: Event, **changes: Any) -> e.Edit:
        """Change an event's sub-type or flags (negated, hypothetical, future)."""
        return self.apply(e.ChangeEvent(event, replace(event, **changes)))

    def actors_of(self, span: Span) -> tuple[int, ...]:
        """Ids of the dictionary actors this span is linked to."""
        return tuple(link.actor_id for link in self.annotations.actor_links if link.span.id == span.id)

    def link_actor(self, span: Span, actor_id: int) -> e.Edit:
        """Link a span to one dictionary actor (replacing any other link of it); a
        suggested span is accepted with it, as a relabel would."""
        changes: list[e.Edit] = [e.UnlinkActor(span, other) for other in self.actors_of(span) if other != actor_id]
        if span.status != Status.ACCEPTED:
            changes.append(e.accept(span))
        if actor_id not in self.actors_of(span):
            changes.append(e.LinkActor(span, actor_id))
        if not changes:
            raise ValidationError("the span is already linked to that actor")
        return self.apply(e.Compound(tuple(changes), f"link {span.label} to an actor"))

    def unlink_actor(self, span: Span) -> e.Edit:
        """Remove the span's links to actors."""
        linked = self.actors_of(span)
        if not linked:
            raise ValidationError("the span is not linked to an actor")
        return self.apply(e.Compound(tuple(e.UnlinkActor(span, a) for a in linked), f"unlink {span.label}"))

    def finish(self, rest: str | None = None) -> e.Edit:
        """Mark the article done, deciding what is still suggested: `rest` "accept"
        (accept the rest), "reject" (leave them out) or None (nothing may be left).
        One step, one undo."""
        assert self.current is not None
        pending = [s for s in self.annotations.spans if s.status == Status.SUGGESTED]
        if pending and rest not in ("accept", "reject"):
            raise ValidationError(f"{len(self.suggestions())} suggestions are still undecided")
        status = e.SetArticleStatus(self.current.status, ArticleStatus.DONE)
        if not pending:
            return self.apply(status)
        decide = e.accept if rest == "accept" else e.reject
        how = f"accepting the rest ({len(pending)})" if rest == "accept" else f"leaving out {len(pending)}"
        return self.apply(e.Compound((*(decide(s) for s in pending), status), f"mark done, {how}"))

    def skip(self) -> e.Edit:
        """Put the article aside (status skipped): the list's "Skipped" filter finds it."""
        return self.set_status(ArticleStatus.SKIPPED)

    def change_role(self, span: Span, role: str) -> e.Edit:
        """Give an argument another role in every event it belongs to (roles checked)."""
        owners = [(ev, a) for ev in self.annotations.events for a in ev.arguments if a.span.id == span.id]
        if not owners:
            raise ValidationError(f"{span.label} is not an argument of an event")
        for event, _ in owners:
            self.project.scheme.validate_role(event.event_type, role)
        changes: list[e.Edit] = []
        current = span
        if span.layer == Layer.ARGUMENT:
            changes.append(e.relabel(span, role))
            current = replace(span, label=role, status=Status.ACCEPTED)
        for event, argument in owners:
            changes += [
                e.RemoveArgument(stored_id(event.id, "event"), argument),
                e.AddArgument(stored_id(event.id, "event"), Argument(role, current)),
            ]
        return self.apply(e.Compound(tuple(changes), f"role {owners[0][1].role} → {role}"))

    def remove_argument(self, event: Event, argument: Argument) -> e.Edit:
        """Detach an argument; an argument-only span goes with it."""
        changes: list[e.Edit] = [e.RemoveArgument(stored_id(event.id, "event"), argument)]
        if argument.role.rstrip("0123456789") == "TIME" and _dated_by(event, argument.span, self.text):
            changes.append(e.SetEventDate(stored_id(event.id, "event"), event.date, None))
        used = sum(a.span.id == argument.span.id for ev in self.annotations.events for a in ev.arguments)
        if argument.span.layer == Layer.ARGUMENT and used == 1:
            changes.append(e.RemoveSpan(argument.span))
        return self.apply(e.Compound(tuple(changes), f"remove {argument.role}"))

    def set_event_date(self, event: Event, event_date: EventDate | None) -> e.Edit:
        """Correct (or clear) an event's date; what a person sets is theirs (origin manual)."""
        if event_date is not None:
            event_date = replace(event_date, origin=Origin.MANUAL)
        return self.apply(e.SetEventDate(stored_id(event.id, "event"), event.date, event_date))

    def add_claim(self, event: Event, claim: Claim) -> e.Edit:
        return self.apply(e.AddClaim(stored_id(event.id, "event"), claim))

    def remove_claim(self, event: Event, claim: Claim) -> e.Edit:
        return self.apply(e.RemoveClaim(stored_id(event.id, "event"), claim))

    def set_published(self, value: str) -> e.Edit | None:
        """Type the open article's publication date; dates read from TIME arguments (not
        those a person set) are read again against it, as one undoable step.

        RETURNS (Edit | None): the date changes, None when no date changed.
        """
        assert self.current is not None
        article_id = stored_id(self.current.article.id, "article")
        set_published(self.project, article_id, value)
        self.current = replace(self.current, article=self.project.article(article_id))
        changes = redated(self.annotations, self.current.article)
        return self.apply(e.Compound(tuple(changes), "read dates again")) if changes else None

    def checks(self) -> list[CheckFailure]:
        """The codebook rules the open article's events break (warnings, never blocking)."""
        if self.current is None:
            return []
        return check_annotations(self.project.scheme, self.annotations, self.text)

    def set_status(self, status: ArticleStatus) -> e.Edit:
        assert self.current is not None
        return self.apply(e.SetArticleStatus(self.current.status, status))


def _above_unreadable(stack: list[_Step]) -> list[_Step]:
    """The steps above the last unreadable one: the only ones that can be undone (redone)."""
    cut = max((i + 1 for i, step in enumerate(stack) if step.edit is None), default=0)
    return stack[cut:]


def _dated_by(event: Event, span: Span, text: str) -> bool:
    """Whether the event's date was read from this span (and no person set it)."""
    return event.date is not None and event.date.origin != Origin.MANUAL and event.date.text == span.text_in(text)


def _id(span: Span | None) -> int | None:
    return None if span is None else span.id


def refresh_suggestions(project: Project, annotator: str, article_id: int) -> e.Edit | None:
    """Bring one annotator's suggestions on one article up to the newest suggestion set
    (a later pre-annotation, another or a retrained model), as `AnnotationSession.
    refresh_suggestions` does when the article opens. Nothing happens when the annotator
    never opened the article (their first open copies the newest set) or marked it done.

    RETURNS (Edit | None): The recorded refresh (undoable by that annotator), or None.
    """
    info = sets.find_set(project.db, article_id, annotator)
    if info is None or info.status == ArticleStatus.DONE:
        return None
    latest = sets.latest_model_set(project.db, article_id)
    if latest is None or sets.refreshed_from(project.db, info.id) == latest.id:
        return None
    session = AnnotationSession(project, annotator)
    session._load(info)
    return session.refresh_suggestions()


def refresh_all(project: Project, article_ids: Sequence[int] | None = None) -> int:
    """`refresh_suggestions` for every person's open set (not done) of these articles
    (None: all). Pre-annotation calls this after storing each batch.

    RETURNS (int): How many sets changed.
    """
    changed = 0
    for info in sets.refreshable_sets(project.db, article_ids):
        if refresh_suggestions(project, info.annotator, info.article_id) is not None:
            changed += 1
    return changed
