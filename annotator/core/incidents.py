"""Incidents: events in different articles that report one happening.

Ten articles on one strike give ten events; conflict datasets want one incident. Events
are proposed as one incident when they have the same type, their dates lie within a
window, they share a location and their actors overlap (when both name actors). A
person confirms a proposal or splits it; a split is remembered so the same events are
not proposed together again.

Standard library only; the service gathers `EventFacts` from the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from annotator.core.actors import normalise
from annotator.core.months import MONTHS

DEFAULT_WINDOW_DAYS = 3
"""Two reports' date periods may lie this many days apart and still be one incident."""

REPORTING_LAG_DAYS = 7
"""With no date in the text, an event is taken to have happened in the week before publication."""

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = MONTHS
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]{3,9})\.?(?:,?\s+(?P<year>\d{4}))?\b"
)
_MONTH_DAY = re.compile(r"\b(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b")
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_PLACE_WORDS = frozenset(
    {
        "the",
        "of",
        "in",
        "near",
        "outside",
        "town",
        "city",
        "village",
        "province",
        "district",
        "region",
        "area",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "central",
        "governorate",
        "state",
        "camp",
    }
)


@dataclass(frozen=True)
class Period:
    """Whole days [first, last] an event is known to lie in."""

    first: date
    last: date

    def gap(self, other: Period) -> int:
        """Days between two periods; 0 when they overlap."""
        if self.last < other.first:
            return (other.first - self.last).days
        if other.last < self.first:
            return (self.first - other.last).days
        return 0


@dataclass(frozen=True)
class EventFacts:
    """What incident linking compares of one event.

    event_id (int): the event's store id.
    article_id (int): the article reporting it.
    event_type (str): its type (trigger label).
    period (Period | None): when it happened, as far as known.
    locations (frozenset[str]): its LOCATION arguments, normalised.
    actors (frozenset[str]): its ACTOR/TARGET/ASSOC_ACTOR arguments as actor keys
        ("actor:12" for a dictionary actor, else "name:" and the normalised text).
    """

    event_id: int
    article_id: int
    event_type: str
    period: Period | None
    locations: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()


@dataclass
class Proposal:
    """Events proposed as one incident, in the order they were grouped."""

    event_type: str
    members: list[EventFacts] = field(default_factory=list)

    @property
    def event_ids(self) -> list[int]:
        return [m.event_id for m in self.members]

    @property
    def articles(self) -> set[int]:
        return {m.article_id for m in self.members}


def parse_day(text: str) -> date | None:
    """An ISO date or datetime's day ("2024-03-05", "2024-03-05T10:00:00Z"), else None."""
    match = _ISO.search(text or "")
    if not match:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def event_period(published: str | None, times: Iterable[str] = ()) -> Period | None:
    """When an event happened, from the article's publication date and its TIME arguments.

    Understood: ISO dates, "5 March (2024)", "March 5(, 2024)", weekday names (the last
    such day on or before publication), "today", "tonight", "this morning", "yesterday",
    "last night", "last week". Anything else, or no TIME argument: the week before
    publication. No publication date and no absolute date: None.

    published (str | None): the article's publication date (ISO).
    times (Iterable[str]): texts of the event's TIME arguments.
    RETURNS (Period | None): the days the event lies in.
    """
    day = parse_day(published or "")
    for text in times:
        found = _absolute(text.casefold(), day)
        if found is not None:
            return Period(found, found)
        if day is not None:
            relative = _relative(text.casefold(), day)
            if relative is not None:
                return relative
    if day is None:
        return None
    return Period(day - timedelta(days=REPORTING_LAG_DAYS), day)


def _absolute(text: str, published: date | None) -> date | None:
    iso = parse_day(text)
    if iso is not None:
        return iso
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if not match:
            continue
        month = next((i + 1 for i, name in enumerate(_MONTHS) if name.startswith(match["month"])), None)
        if month is None:
            continue
        year = int(match["year"]) if match["year"] else (published.year if published else None)
        if year is None:
            return None
        try:
            found = date(year, month, int(match["day"]))
        except ValueError:
            continue
        if not match["year"] and published is not None and found > published:
            found = found.replace(year=year - 1)
        return found
    return None


def _relative(text: str, published: date) -> Period | None:
    if "yesterday" in text or "last night" in text:
        day = published - timedelta(days=1)
        return Period(day, day)
    if any(word in text for word in ("today", "tonight", "this morning", "this afternoon", "this evening")):
        return Period(published, published)
    if "last week" in text:
        return Period(published - timedelta(days=13), published - timedelta(days=7))
    for index, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            back = (published.weekday() - index) % 7
            day = published - timedelta(days=back)
            return Period(day, day)
    return None


@lru_cache(maxsize=65536)
def place_words(location: str) -> frozenset[str]:
    """The words of a normalised place name that name the place ("the town of Hajin" → {"hajin"})."""
    return frozenset(word for word in normalise(location).split() if word not in _PLACE_WORDS)


def same_place(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two events share a location: some name of one has all its naming words in
    some name of the other ("Hajin" and "the town of Hajin, Syria")."""
    for left in a:
        for right in b:
            lw, rw = place_words(left), place_words(right)
            if lw and rw and (lw <= rw or rw <= lw):
                return True
    return False


def compatible(
    a: EventFacts,
    b: EventFacts,
    window_days: int = DEFAULT_WINDOW_DAYS,
    places: Callable[[frozenset[str], frozenset[str]], bool] = same_place,
) -> bool:
    """Whether two events may report one incident: different articles, the same type,
    dates within the window, a shared location, and overlapping actors when both name some."""
    if a.article_id == b.article_id or a.event_type != b.event_type:
        return False
    if a.period is None or b.period is None or a.period.gap(b.period) > window_days:
        return False
    if not a.locations or not b.locations or not places(a.locations, b.locations):
        return False
    return not (a.actors and b.actors and not a.actors & b.actors)


def propose(
    events: Iterable[EventFacts],
    window_days: int = DEFAULT_WINDOW_DAYS,
    apart: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
    places: Callable[[frozenset[str], frozenset[str]], bool] = same_place,
) -> list[Proposal]:
    """Group events into proposed incidents (complete linkage: every member compatible with
    every other); the most precisely dated events start groups, so a vague report cannot
    pull precise ones away from each other. Only groups that span two or more articles
    are returned.

    events (Iterable[EventFacts]): the events to group.
    window_days (int): how many days apart two reports' dates may be.
    apart (set[tuple[int, int]]): event id pairs (smaller first) a person split apart.
    places (Callable): the location comparison (default `same_place`); only groups that
        share a naming word of a place with the event are compared (an index).
    RETURNS (list[Proposal]): the proposals, each with its members in date order.
    """
    ordered = sorted(events, key=_seed_order)
    groups: list[Proposal] = []
    by_word: dict[tuple[str, str], list[int]] = {}
    for facts in ordered:
        words = {w for location in facts.locations for w in place_words(location)}
        near = sorted({g for w in words for g in by_word.get((facts.event_type, w), ())})
        fitting = [
            g
            for g in near
            if all(
                compatible(facts, member, window_days, places)
                and (min(facts.event_id, member.event_id), max(facts.event_id, member.event_id)) not in apart
                for member in groups[g].members
            )
        ]
        if fitting:
            chosen = max(fitting, key=lambda g: (len(groups[g].members), -g))
            groups[chosen].members.append(facts)
        else:
            chosen = len(groups)
            groups.append(Proposal(facts.event_type, [facts]))
        for word in words:
            entry = by_word.setdefault((facts.event_type, word), [])
            if not entry or entry[-1] != chosen:
                entry.append(chosen)
    return [group for group in groups if len(group.articles) >= 2]


def _seed_order(facts: EventFacts) -> tuple[int, date, int, int]:
    """Precise dates first (a day before a week), then by date, article and event."""
    if facts.period is None:
        return (10**6, date.max, facts.article_id, facts.event_id)
    return ((facts.period.last - facts.period.first).days, facts.period.first, facts.article_id, facts.event_id)
