"""Dates as news writes them, read against a publication date (strings written for the
test), with the publication date on both sides of a month and a year boundary."""

import pytest

from annotator.core.model import DatePrecision, EventDate
from annotator.nlp.dates import Anchor, publication_anchor, resolve_date

DAY, WEEK, MONTH, YEAR = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR


def period(text: str, published: str | None, prefer: str = "past") -> tuple[str, str, DatePrecision] | None:
    found = resolve_date(text, publication_anchor(published), prefer)  # type: ignore[arg-type]
    return None if found is None else (found.first, found.last, found.precision)


# Published on New Year's Day 2025, a Wednesday: "yesterday" is in the old year.
NEW_YEAR = "2025-01-01"
# Published on 1 March 2025, a Saturday: "yesterday" is the last day of February.
MARCH = "2025-03-01"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", ("2025-01-01", "2025-01-01", DAY)),
        ("earlier today", ("2025-01-01", "2025-01-01", DAY)),
        ("yesterday", ("2024-12-31", "2024-12-31", DAY)),
        ("on Sunday", ("2024-12-29", "2024-12-29", DAY)),
        ("last Monday", ("2024-12-30", "2024-12-30", DAY)),
        ("last week", ("2024-12-23", "2024-12-29", WEEK)),
        ("this week", ("2024-12-30", "2025-01-05", WEEK)),
        ("last month", ("2024-12-01", "2024-12-31", MONTH)),
        ("last year", ("2024-01-01", "2024-12-31", YEAR)),
        ("in December", ("2024-12-01", "2024-12-31", MONTH)),
        ("last July", ("2024-07-01", "2024-07-31", MONTH)),
        ("9 January", ("2025-01-09", "2025-01-09", DAY)),
        ("28 December", ("2024-12-28", "2024-12-28", DAY)),
        ("two days ago", ("2024-12-30", "2024-12-30", DAY)),
        ("the weekend", ("2024-12-28", "2024-12-29", WEEK)),
        ("30-31 December", ("2024-12-30", "2024-12-31", WEEK)),
        ("31 December - 2 January", ("2024-12-31", "2025-01-02", WEEK)),
    ],
)
def test_across_the_year_boundary(text, expected):
    assert period(text, NEW_YEAR) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yesterday", ("2025-02-28", "2025-02-28", DAY)),
        ("on Friday", ("2025-02-28", "2025-02-28", DAY)),
        ("last month", ("2025-02-01", "2025-02-28", MONTH)),
        ("this month", ("2025-03-01", "2025-03-31", MONTH)),
        ("last week", ("2025-02-17", "2025-02-23", WEEK)),
        ("the weekend", ("2025-03-01", "2025-03-02", WEEK)),
        ("last weekend", ("2025-02-22", "2025-02-23", WEEK)),
        ("27 February", ("2025-02-27", "2025-02-27", DAY)),
        ("Feb. 27th", ("2025-02-27", "2025-02-27", DAY)),
        ("the past 24 hours", ("2025-02-28", "2025-03-01", WEEK)),
        ("overnight", ("2025-02-28", "2025-03-01", WEEK)),
        ("early last month", ("2025-02-01", "2025-02-09", MONTH)),
    ],
)
def test_across_the_month_boundary(text, expected):
    assert period(text, MARCH) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9 January 2024", ("2024-01-09", "2024-01-09", DAY)),
        ("January 2024", ("2024-01-01", "2024-01-31", MONTH)),
        ("2022", ("2022-01-01", "2022-12-31", YEAR)),
        ("5-6 April 2016", ("2016-04-05", "2016-04-06", WEEK)),
        ("October 25-26, 2016", ("2016-10-25", "2016-10-26", WEEK)),
        ("the summer of 2017", ("2017-06-01", "2017-08-31", MONTH)),
    ],
)
def test_dates_that_name_their_year_need_no_publication_date(text, expected):
    assert period(text, None) == expected
    assert period(text, MARCH) == expected


@pytest.mark.parametrize("text", ["yesterday", "on Sunday", "last month", "9 January", "the coming days"])
def test_relative_dates_without_a_publication_date_stay_unresolved(text):
    assert period(text, None) is None


@pytest.mark.parametrize(
    "text",
    [
        "two weeks",
        "12 months",
        "45 minutes",
        "for two years",
        "Thanksgiving Day",
        "since 2009",
        "the past 20-plus months",
    ],
)
def test_durations_and_holidays_are_not_dates(text):
    assert period(text, MARCH) is None


def test_a_planned_event_prefers_the_future():
    assert period("on Sunday", MARCH, "future") == ("2025-03-02", "2025-03-02", DAY)
    assert period("the coming days", MARCH) == ("2025-03-02", "2025-03-08", WEEK)
    assert period("next week", MARCH) == ("2025-03-03", "2025-03-09", WEEK)


def test_a_day_and_month_without_year_take_the_nearest_year():
    assert period("10 December", "2016-11-18") == ("2016-12-10", "2016-12-10", DAY)  # 22 days ahead, not 11 months back
    assert period("10 March", "2016-11-18") == ("2016-03-10", "2016-03-10", DAY)
    assert period("Monday 19 December", "2025-05-16") == ("2022-12-19", "2022-12-19", DAY)  # the year it was a Monday


def test_a_publication_date_known_to_the_month_keeps_relative_dates_to_the_month():
    assert period("yesterday", "2016-10") == ("2016-09-30", "2016-10-30", MONTH)
    assert period("9 October 2016", "2016-10") == ("2016-10-09", "2016-10-09", DAY)


def test_publication_dates_from_fields_and_urls():
    assert publication_anchor("2025-05-16T08:30:00+00:00") == Anchor(*[__import__("datetime").date(2025, 5, 16)] * 2)
    assert publication_anchor("Fri, 16 May 2025 08:30:00 GMT").first.isoformat() == "2025-05-16"
    month = publication_anchor(None, "https://www.state.gov/r/pa/prs/ps/2016/10/263174.htm")
    assert (month.first.isoformat(), month.last.isoformat()) == ("2016-10-01", "2016-10-31")
    assert publication_anchor("", "https://example.org/news/2025/05/16/story").first.isoformat() == "2025-05-16"
    assert publication_anchor("not a date") is None and publication_anchor(None) is None


def test_acled_event_date_and_time_precision():
    day = EventDate("2025-05-16", "2025-05-16", DAY)
    week = EventDate("2025-05-12", "2025-05-18", WEEK)
    month = EventDate("2025-05-01", "2025-05-31", MONTH)
    year = EventDate("2025-01-01", "2025-12-31", YEAR)
    assert [(d.event_date, d.time_precision) for d in (day, week, month, year)] == [
        ("2025-05-16", 1),
        ("2025-05-15", 2),
        ("2025-05-16", 3),
        ("2025-07-02", 3),
    ]
