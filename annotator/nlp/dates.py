"""Dates as written in the news ("yesterday", "on Sunday", "last month", "9 January",
"5-6 April") turned into a period of whole days with its precision, read against the
article's publication date.

The precision follows the period's length: one day is `day`; two to seven days (a week, a
weekend, "the past few days") `week`; up to a season `month`; longer `year` (ACLED's
time_precision 1, 2, 3, 3). A relative date is resolved against both ends of the
publication date's own period, so an article known only to the month gives "yesterday"
to the month, not a made-up day; with no publication date only dates that need none
resolve. Patterns news writing uses and dateparser misreads (day ranges, "last July",
weekends, "the coming days", bare durations such as "two weeks") are handled here first;
the rest goes to dateparser (1.5), measured in benchmarks/dates_bench.py.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser

from annotator.core.model import DatePrecision, EventDate, Origin

Prefer = Literal["past", "future"]

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS.update({"a": 1, "an": 1, "a few": 3, "few": 3, "several": 5, "couple of": 2, "a couple of": 2})
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(_WEEKDAYS)
_NUMBER = r"\d+|" + "|".join(sorted((re.escape(w) for w in _NUMBERS), key=len, reverse=True))
_LEADING = re.compile(r"^(?:(?:on|in|at|by|during|from|of|over|around|about|as of|the|this past|earlier|later)\s+)+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Anchor:
    """The publication date: the days it may be (one day, or a month or year when that is
    all that is known)."""

    first: date
    last: date

    @property
    def precise(self) -> bool:
        return self.first == self.last


def publication_anchor(published: str | None, url: str = "") -> Anchor | None:
    """The publication date of an article from its `published` field (ISO, partial ISO or
    a written date), else from a date in its URL (``/2016/10/``, ``/2016/10/26/``).

    RETURNS (Anchor | None): None when neither says.
    """
    for candidate in (published or "", url or ""):
        found = _iso_period(candidate.strip()) if candidate is published else _url_period(candidate)
        if found is None and candidate is published and candidate.strip():
            found = _written_period(candidate.strip())
        if found is not None:
            return Anchor(*found)
    return None


def _iso_period(value: str) -> tuple[date, date] | None:
    if match := re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)", value):
        try:
            day = date(*map(int, match.groups()))
        except ValueError:
            return None
        return day, day
    if match := re.match(r"^(\d{4})-(\d{2})$", value):
        return _month_period(int(match.group(1)), int(match.group(2)))
    if match := re.match(r"^(\d{4})$", value):
        year = int(match.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _url_period(url: str) -> tuple[date, date] | None:
    if match := re.search(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?:/|[^\d]|$)", url):
        year, month, day = match.group(1), match.group(2), match.group(3)
        if day:
            try:
                found = date(int(year), int(month), int(day))
            except ValueError:
                return None
            return found, found
        return _month_period(int(year), int(month))
    return None


def _written_period(value: str) -> tuple[date, date] | None:
    parsed = _dateparser_period(value, date(2000, 1, 1), "past")
    if parsed is None or not _YEAR.search(value):
        return None
    return parsed[0], parsed[1]


def resolve_date(text: str, anchor: Anchor | None, prefer: Prefer = "past") -> EventDate | None:
    """The period a date expression names, read against the publication date.

    text (str): the expression as written ("yesterday", "on 9 January", "last week").
    anchor (Anchor | None): the publication date (`publication_anchor`); None when unknown.
    prefer (str): "past" (what happened) or "future" (what is planned) for dates that
        could be either ("Monday", "9 January" without a year).
    RETURNS (EventDate | None): first and last day and precision; None when the text names
        no date (a duration, a holiday) or needs a publication date that is unknown.
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    bases = (anchor.first, anchor.last) if anchor is not None else _PROBES
    periods = [_resolve(cleaned, base, prefer) for base in bases]
    if any(p is None for p in periods):
        return None
    first = min(p[0] for p in periods)  # type: ignore[index]  # no None: returned above
    last = max(p[1] for p in periods)  # type: ignore[index]  # no None: returned above
    if anchor is None and (first, last) != periods[0]:
        return None
    return EventDate(first.isoformat(), last.isoformat(), _precision(first, last), text.strip(), Origin.MODEL)


_PROBES = (date(2001, 3, 15), date(2013, 9, 20))
"""Two far-apart publication dates: an expression that resolves the same against both
needs none (it names its year)."""


def _precision(first: date, last: date) -> DatePrecision:
    days = (last - first).days + 1
    if days == 1:
        return DatePrecision.DAY
    if days <= 7:
        return DatePrecision.WEEK
    if days <= 92:
        return DatePrecision.MONTH
    return DatePrecision.YEAR


def _clean(text: str) -> str:
    cleaned = " ".join(text.lower().replace("\u2013", "-").replace("\u2014", "-").split())
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = cleaned.strip(" .,;:()\"'")
    previous = None
    while previous != cleaned:
        previous = cleaned
        cleaned = _LEADING.sub("", cleaned).strip()
    return cleaned


Period = tuple[date, date]


def _resolve(text: str, base: date, prefer: Prefer) -> Period | None:
    for pattern, rule in _RULES:
        if match := pattern.fullmatch(text):
            return rule(match, base, prefer)
    if _DURATION.fullmatch(text):
        return None
    return _dateparser_period(text, base, prefer)


def _day(day: date) -> Period:
    return day, day


def _month_period(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _week_of(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _nearest_year(month: int, day: int | None, base: date, prefer: Prefer) -> int:
    """The year a month (and day) without a year most likely falls in: the occurrence
    nearest the publication date, counting the less likely direction three times over."""

    def distance(year: int) -> float:
        try:
            when = date(year, month, day or 15)
        except ValueError:
            return float("inf")
        gap = (when - base).days
        if prefer == "past":
            return -gap if gap <= 0 else gap * 3
        return gap if gap >= 0 else -gap * 3

    return min((base.year - 1, base.year, base.year + 1), key=distance)


_DAY_SHIFTS = {"yesterday": -1, "last night": -1, "tomorrow": 1}


def _relative_day(match: re.Match[str], base: date, _prefer: Prefer) -> Period:
    word = match.group(1)
    if word == "overnight":
        return base - timedelta(days=1), base
    shift = next((value for key, value in _DAY_SHIFTS.items() if word.startswith(key)), 0)
    return _day(base + timedelta(days=shift))


def _ago(match: re.Match[str], base: date, _prefer: Prefer) -> Period | None:
    count, unit = _number(match.group(1)), match.group(2)
    if unit in ("hour", "hr", "minute", "min"):
        return (base - timedelta(days=1), base) if count else _day(base)
    when = base - timedelta(days=count * _UNITS[unit])
    if unit == "day":
        return _day(when)
    if unit in ("week", "fortnight"):
        return _week_of(when)
    if unit == "month":
        return _month_period(*_shift_month(base.year, base.month, -count))
    return date(base.year - count, 1, 1), date(base.year - count, 12, 31)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _this_last_next(match: re.Match[str], base: date, _prefer: Prefer) -> Period:
    which, unit = match.group(1), match.group(2)
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[which]
    if unit == "week":
        return _week_of(base + timedelta(days=7 * step))
    if unit == "weekend":
        return _weekend(base, step)
    if unit == "month":
        return _month_period(*_shift_month(base.year, base.month, step))
    year = base.year + step
    return date(year, 1, 1), date(year, 12, 31)


def _weekend(base: date, step: int) -> Period:
    """This (-1 last, +1 next) weekend, seen from `base`."""
    saturday = base - timedelta(days=base.weekday()) + timedelta(days=5)
    if step < 0:
        saturday -= timedelta(days=7)
    elif step > 0 and base.weekday() >= 5:
        saturday += timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def _plain_weekend(_match: re.Match[str], base: date, prefer: Prefer) -> Period:
    if base.weekday() >= 5:
        return _weekend(base, 0)
    return _weekend(base, -1 if prefer == "past" else 0)


def _weekday(match: re.Match[str], base: date, prefer: Prefer) -> Period:
    which, name = match.group(1), match.group(2)
    target = _WEEKDAYS[name]
    back = (base.weekday() - target) % 7
    forward = (target - base.weekday()) % 7
    if which == "last":
        return _day(base - timedelta(days=back or 7))
    if which == "next":
        return _day(base + timedelta(days=forward or 7))
    if which == "this":
        return _day(
            base - timedelta(days=back) if prefer == "past" and back <= forward else base + timedelta(days=forward)
        )
    return _day(base - timedelta(days=back) if prefer == "past" else base + timedelta(days=forward))


def _named_month(match: re.Match[str], base: date, prefer: Prefer) -> Period:
    which, month = match.group(1), _MONTHS[match.group(2)]
    if which == "last":
        year = base.year if month < base.month else base.year - 1
    elif which == "next":
        year = base.year if month > base.month else base.year + 1
    elif which == "this":
        year = base.year
    else:
        year = _nearest_year(month, None, base, prefer)
    return _month_period(year, month)


def _day_range(match: re.Match[str], base: date, prefer: Prefer) -> Period | None:
    groups = match.groupdict()
    month_name = groups.get("month") or groups.get("month2")
    month = _MONTHS[month_name]  # type: ignore[index]  # the pattern always fills month or month2
    first_month = _MONTHS[groups["month1"]] if groups.get("month1") else month
    start, end = int(groups["d1"]), int(groups["d2"])
    year = int(groups["year"]) if groups.get("year") else _nearest_year(month, end, base, prefer)
    first_year = year - 1 if first_month > month else year
    try:
        first, last = date(first_year, first_month, start), date(year, month, end)
    except ValueError:
        return None
    return (first, last) if first <= last else None


def _recent(match: re.Match[str], base: date, _prefer: Prefer) -> Period:
    count = _number(match.group(1)) if match.group(1) else 3
    unit = match.group(2)
    days = max(1, count * _UNITS.get(unit, 1)) if unit not in ("hour", "hr") else max(1, -(-count // 24))
    return base - timedelta(days=days), base


def _coming(match: re.Match[str], _base: date, _prefer: Prefer) -> Period:
    base = _base
    unit = match.group(1)
    return base + timedelta(days=1), base + timedelta(days=7 if unit == "days" else 30 if unit == "weeks" else 92)


def _season(match: re.Match[str], base: date, prefer: Prefer) -> Period:
    which, season, year_text = match.group(1), match.group(2), match.group(3)
    first_month, last_month = _SEASONS[season]
    if year_text:
        year = int(year_text)
    elif which == "last":
        year = base.year - 1 if base.month <= last_month else base.year
    elif which == "next":
        year = base.year + 1 if base.month >= first_month else base.year
    else:
        year = _nearest_year(first_month, None, base, prefer)
    last_year = year + 1 if last_month < first_month else year
    return date(year, first_month, 1), _month_period(last_year, last_month)[1]


def _part_of(match: re.Match[str], base: date, prefer: Prefer) -> Period | None:
    part, rest = match.group(1), match.group(2)
    whole = _resolve(rest, base, prefer)
    if whole is None or whole[0] == whole[1]:
        return whole
    days = (whole[1] - whole[0]).days + 1
    third = days // 3
    start = {"early": 0, "mid": third, "late": days - third}[part]
    first = whole[0] + timedelta(days=start)
    return first, min(whole[1], first + timedelta(days=max(third, 1) - 1))


_DURATION = re.compile(rf"(?:{_NUMBER}|\d+-plus)\s+(?:second|minute|min|hour|hr|day|week|fortnight|month|year)s?")

_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], date, Prefer], Period | None]]] = [
    (
        re.compile(
            r"(today|tonight|this morning|this afternoon|this evening|the morning|the afternoon|the evening|"
            r"the day|the same day|yesterday(?: morning| afternoon| evening)?|last night|overnight|"
            r"tomorrow(?: morning| afternoon| evening)?)"
        ),
        _relative_day,
    ),
    (re.compile(rf"({_NUMBER})\s+(minute|min|hour|hr|day|week|fortnight|month|year)s?\s+ago"), _ago),
    (re.compile(r"(this|current|last|past|previous|next|coming)\s+(week|weekend|month|year)"), _this_last_next),
    (re.compile(r"weekend"), _plain_weekend),
    (re.compile(rf"(?:(last|this|next)\s+)?({_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"), _weekday),
    (re.compile(rf"(last|this|next)?\s*({_MONTH})"), _named_month),
    (
        re.compile(
            rf"(?:between\s+)?(?P<d1>\d{{1,2}})\s*(?:-|to|and)\s*(?P<d2>\d{{1,2}})\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?"
        ),
        _day_range,
    ),
    (
        re.compile(
            rf"(?P<month2>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})\s*(?:-|to|and)\s*(?P<d2>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
        ),
        _day_range,
    ),
    (
        re.compile(
            rf"(?P<d1>\d{{1,2}})\s+(?P<month1>{_MONTH})\.?\s*(?:-|to|and)\s*(?P<d2>\d{{1,2}})\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?"
        ),
        _day_range,
    ),
    (re.compile(rf"(?:the\s+)?(?:past|last|previous|recent)\s+(?:({_NUMBER})\s+)?(day|hour|hr|week)s?"), _recent),
    (
        re.compile(r"(?:in\s+)?(?:recent|the past few|the last few)\s+(day)s"),
        lambda m, b, p: (b - timedelta(days=3), b),
    ),
    (
        re.compile(r"(?:the\s+)?(?:coming|next few|following few)\s+(days|weeks|months)(?:\s+and\s+(?:weeks|months))?"),
        _coming,
    ),
    (re.compile(r"(?:(last|this|next)\s+)?(spring|summer|autumn|fall|winter)(?:\s+of)?(?:\s+(\d{4}))?"), _season),
    (re.compile(r"(early|mid|late)[\s-]+(.+)"), _part_of),
]


def _dateparser_period(text: str, base: date, prefer: Prefer) -> Period | None:
    """What dateparser makes of the text, as a period of days; a year the text does not
    give is chosen nearest the publication date."""
    data = _parser(base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    when, period = data.date_obj.date(), data.period or "day"
    years = {int(y) for y in _YEAR.findall(text)}
    if (years and when.year not in years) or (not years and abs(when.year - base.year) > 10):
        return None
    if period in ("day", "time"):
        if not years and not _is_relative(text):
            when = _day_in_nearest_year(when, text, base, prefer)
        return _day(when)
    if period == "week":
        return _week_of(when)
    if period == "month":
        year = when.year if years or _is_relative(text) else _nearest_year(when.month, None, base, prefer)
        return _month_period(year, when.month)
    return date(when.year, 1, 1), date(when.year, 12, 31)


def _day_in_nearest_year(when: date, text: str, base: date, prefer: Prefer) -> date:
    """The month and day in the year nearest the publication date; when the text names
    the weekday too ("Monday 19 December"), the nearest year where the day is that weekday."""
    named = [number for name, number in _WEEKDAYS.items() if re.search(rf"\b{name}\b", text)]
    if named:
        for offset in sorted(range(-6, 7), key=lambda o: (abs(o), o > 0 if prefer == "past" else o < 0)):
            try:
                candidate = date(base.year + offset, when.month, when.day)
            except ValueError:
                continue
            if candidate.weekday() == named[0]:
                return candidate
    return date(_nearest_year(when.month, when.day, base, prefer), when.month, when.day)


_RELATIVE = re.compile(r"\b(ago|last|next|this|yesterday|today|tomorrow|past|previous|coming)\b")


def _is_relative(text: str) -> bool:
    return _RELATIVE.search(text) is not None


@lru_cache(maxsize=64)
def _parser(base: date, prefer: Prefer) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
