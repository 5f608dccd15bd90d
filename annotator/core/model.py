"""Domain types: articles, spans, quotes, events, and the sets that hold them.

All offsets are character offsets (Unicode code points) into the article's normalised
text, end exclusive. Types are frozen: a change is an `Edit`, never a mutation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

MODEL_ANNOTATOR = "model"
GOLD_ANNOTATOR = "gold"


class Layer(StrEnum):
    """What a span is for. Quotes and events link spans of the other layers."""

    ENTITY = "entity"
    QUOTE = "quote"
    SPEAKER = "speaker"
    CUE = "cue"
    TRIGGER = "trigger"
    ARGUMENT = "argument"


class Status(StrEnum):
    """A span's decision state in one annotator's set."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Origin(StrEnum):
    """Who first put a span in a set."""

    MODEL = "model"
    MANUAL = "manual"
    IMPORT = "import"


class ArticleStatus(StrEnum):
    """Progress of one annotator on one article."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class Role(StrEnum):
    """Argument roles of an event."""

    ACTOR = "ACTOR"
    TARGET = "TARGET"
    ASSOC_ACTOR = "ASSOC_ACTOR"
    LOCATION = "LOCATION"
    TIME = "TIME"
    FATALITIES = "FATALITIES"
    INJURED = "INJURED"
    ARRESTED = "ARRESTED"
    INSTRUMENT = "INSTRUMENT"


@dataclass(frozen=True)
class Article:
    """An imported article. Its text is normalised once at import and never changes."""

    uid: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    published: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    imported_at: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Tokenisation:
    """Token boundaries computed once at import, so offsets never drift.

    tokens: (start, end) per token. sentence_starts: index of each sentence's first token.
    """

    tokens: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...] = (0,)

    # Built on first use and kept with the (immutable) tokenisation: snapping a span
    # bisects these, and rebuilding them per call cost O(tokens) per snap.
    @cached_property
    def starts(self) -> tuple[int, ...]:
        return tuple(start for start, _ in self.tokens)

    @cached_property
    def ends(self) -> tuple[int, ...]:
        return tuple(end for _, end in self.tokens)


@dataclass(frozen=True)
class Span:
    """[start, end) in the article text with a label on one layer."""

    start: int
    end: int
    label: str
    layer: Layer = Layer.ENTITY
    status: Status = Status.SUGGESTED
    origin: Origin = Origin.MODEL
    id: int | None = None

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def with_(self, **changes: Any) -> Span:
        return replace(self, **changes)

    @property
    def key(self) -> tuple[int, int, str, str]:
        """Identity by content, used to match spans across sets and files."""
        return (self.start, self.end, self.label, str(self.layer))


@dataclass(frozen=True)
class Quote:
    """A quotation: content span, who said it, and the reporting verb (source-cue-content).

    `speaker` is the speaker as written next to the cue: a name, a pronoun ("he") or a
    description ("the ministry"). `speaker_entity` is the named entity that mention refers
    to when the mention is not itself the name (a pronoun's antecedent, "Vladimir Medinsky"
    for "he"); None when the speaker is named where it is written or is unresolved.
    """

    content: Span
    speaker: Span | None = None
    cue: Span | None = None
    kind: QuoteKind = QuoteKind.DIRECT
    id: int | None = None
    speaker_entity: Span | None = None

    @property
    def named_speaker(self) -> Span | None:
        """Who said it, as a name when one is known: the resolved entity, else the mention."""
        return self.speaker_entity or self.speaker


@dataclass(frozen=True)
class Argument:
    role: str
    span: Span
    id: int | None = None


class DatePrecision(StrEnum):
    """How exactly an event's date is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


ACLED_TIME_PRECISION = {DatePrecision.DAY: 1, DatePrecision.WEEK: 2, DatePrecision.MONTH: 3, DatePrecision.YEAR: 3}


@dataclass(frozen=True)
class EventDate:
    """When an event happened: the whole days [first, last] (ISO dates) it is known to lie
    in, how precisely, and the words it was read from ("yesterday", "last week")."""

    first: str
    last: str
    precision: DatePrecision = DatePrecision.DAY
    text: str = ""
    origin: Origin = Origin.MODEL

    @property
    def event_date(self) -> str:
        """One ISO date for datasets that need one: the day itself, else the middle of the
        period (ACLED codes a week or a month on its middle day)."""
        first, last = date.fromisoformat(self.first), date.fromisoformat(self.last)
        return date.fromordinal((first.toordinal() + last.toordinal()) // 2).isoformat()

    @property
    def time_precision(self) -> int:
        """ACLED's time_precision: 1 day, 2 week (or a few days), 3 month or longer."""
        return ACLED_TIME_PRECISION[DatePrecision(self.precision)]


VAGUE_FIGURES = frozenset({"dozens", "scores", "hundreds", "thousands", "tens of thousands", "hundreds of thousands"})
"""Qualifiers that are the figure themselves ("dozens"): the number stands for the least."""


class ClaimKind(StrEnum):
    """What a casualty or prisoner figure counts."""

    KILLED = "killed"
    INJURED = "injured"
    CAPTURED = "captured"
    DISPLACED = "displaced"
    EXCHANGED = "exchanged"


@dataclass(frozen=True)
class Claim:
    """A figure someone gives for an event: "at least 12 civilians killed, the ministry said".

    figure: the number as given (the lower end of a range); high: the upper end of a range
    ("10 to 15"), else None; qualifier: "at least", "more than", "about", "up to", "nearly",
    "each side" or ""; counts: who or what is counted ("civilians", "prisoners of war");
    claimant: who gives the figure (a quote's speaker, an "according to" source), "" when
    the article states it itself; start/end: where the figure is written, when it is.
    """

    kind: ClaimKind
    figure: int
    high: int | None = None
    qualifier: str = ""
    counts: str = ""
    claimant: str = ""
    start: int | None = None
    end: int | None = None
    origin: Origin = Origin.MODEL

    @property
    def figure_text(self) -> str:
        """The figure as a person reads it: "at least 156", "10-15", "1,000 each side"."""
        number = f"{self.figure:,}" if self.high is None else f"{self.figure:,}-{self.high:,}"
        if self.qualifier == "each side":
            return f"{number} each side"
        if self.qualifier in VAGUE_FIGURES:
            return self.qualifier
        return f"{self.qualifier} {number}".strip()


@dataclass(frozen=True)
class Event:
    """A conflict or diplomatic event anchored on a trigger span (label = event type)."""

    trigger: Span
    event_type: str
    sub_type: str = ""
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    arguments: tuple[Argument, ...] = ()
    id: int | None = None
    date: EventDate | None = None
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class ActorLink:
    """An entity or argument span names an actor of the project's actor dictionary."""

    span: Span
    actor_id: int


@dataclass(frozen=True)
class Annotations:
    """Spans of every layer plus the quotes and events that link them.

    `spans` holds every span, including those quotes and events refer to; `actor_links`
    say which spans name which dictionary actor.
    """

    spans: tuple[Span, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    actor_links: tuple[ActorLink, ...] = ()

    def on_layer(self, layer: Layer) -> tuple[Span, ...]:
        return tuple(span for span in self.spans if span.layer == layer)

    def without_ids(self) -> Annotations:
        """The same annotations with every store id cleared: what a file or another
        project can carry, and what two sets are compared by."""

        def plain(span: Span) -> Span:
            return replace(span, id=None)

        def maybe(span: Span | None) -> Span | None:
            return None if span is None else plain(span)

        return Annotations(
            tuple(plain(s) for s in self.spans),
            tuple(
                replace(
                    q,
                    content=plain(q.content),
                    speaker=maybe(q.speaker),
                    cue=maybe(q.cue),
                    speaker_entity=maybe(q.speaker_entity),
                    id=None,
                )
                for q in self.quotes
            ),
            tuple(
                replace(
                    e,
                    trigger=plain(e.trigger),
                    id=None,
                    arguments=tuple(Argument(a.role, plain(a.span)) for a in e.arguments),
                )
                for e in self.events
            ),
            tuple(ActorLink(plain(link.span), link.actor_id) for link in self.actor_links),
        )

    def decided(self) -> Annotations:
        """Only what a person kept: accepted and manual/imported spans, never rejected or
        merely suggested. Quotes and events survive when their anchor span does."""
        kept = tuple(s for s in self.spans if _is_decision(s))
        kept_keys = {s.key for s in kept}
        quotes = tuple(
            replace(
                q,
                speaker=q.speaker if q.speaker and q.speaker.key in kept_keys else None,
                cue=q.cue if q.cue and q.cue.key in kept_keys else None,
                speaker_entity=q.speaker_entity if q.speaker_entity and q.speaker_entity.key in kept_keys else None,
            )
            for q in self.quotes
            if q.content.key in kept_keys
        )
        events = tuple(
            replace(e, arguments=tuple(a for a in e.arguments if a.span.key in kept_keys))
            for e in self.events
            if e.trigger.key in kept_keys
        )
        links = tuple(link for link in self.actor_links if link.span.key in kept_keys)
        return Annotations(kept, quotes, events, links)


def _is_decision(span: Span) -> bool:
    if span.status == Status.REJECTED:
        return False
    return span.status == Status.ACCEPTED or span.origin != Origin.MODEL


@dataclass(frozen=True)
class AnnotatedArticle:
    """One annotator's view of one article: what export writes and peer imports read."""

    article: Article
    tokens: Tokenisation
    annotations: Annotations
    annotator: str = MODEL_ANNOTATOR
    status: ArticleStatus = ArticleStatus.NEW
    updated_at: str | None = None


@dataclass(frozen=True)
class IncomingArticle:
    """What a reader yields: raw article fields plus, for annotated formats, annotations.

    Offsets in `annotations` refer to `text` as given; the import service normalises the
    text and maps the offsets. `where` says which file/line it came from, for messages.
    """

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    published: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    annotations: Annotations | None = None
    status: ArticleStatus | None = None
    annotator: str | None = None
    where: str = ""
    imported_at: str | None = None
    updated_at: str | None = None
    actor_names: tuple[str, ...] = ()
    """The actors `annotations.actor_links` name: a link's `actor_id` is an index here,
    as a file names actors by their canonical name (the import looks them up)."""
