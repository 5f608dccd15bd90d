from datetime import date

import pytest

from annotator.core.incidents import EventFacts, Period, compatible, event_period, propose, same_place


@pytest.mark.parametrize(
    "published, times, first, last",
    [
        ("2024-03-06T10:00:00Z", ["on Monday"], "2024-03-04", "2024-03-04"),
        ("2024-03-06", ["yesterday"], "2024-03-05", "2024-03-05"),
        ("2024-03-06", ["today"], "2024-03-06", "2024-03-06"),
        ("2024-03-06", ["March 3"], "2024-03-03", "2024-03-03"),
        ("2024-03-06", ["3rd of March 2023"], "2023-03-03", "2023-03-03"),
        ("2024-01-06", ["December 30"], "2023-12-30", "2023-12-30"),
        ("2024-03-06", ["2024-02-29"], "2024-02-29", "2024-02-29"),
        ("2024-03-06", [], "2024-02-28", "2024-03-06"),
        ("2024-03-06", ["late"], "2024-02-28", "2024-03-06"),
    ],
)
def test_event_period_from_publication_date_and_time_words(published, times, first, last) -> None:
    assert event_period(published, times) == Period(date.fromisoformat(first), date.fromisoformat(last))


def test_no_date_at_all_gives_no_period() -> None:
    assert event_period(None, ["on Monday"]) is None
    assert event_period("", []) is None


def test_places_match_on_their_naming_words() -> None:
    assert same_place(frozenset({"hajin"}), frozenset({"town of hajin syria"}))
    assert not same_place(frozenset({"hajin"}), frozenset({"mosul"}))
    assert not same_place(frozenset({"the town"}), frozenset({"the town"}))


def facts(event_id: int, article_id: int, **changes) -> EventFacts:
    values = dict(
        event_type="BATTLE",
        period=Period(date(2024, 3, 4), date(2024, 3, 4)),
        locations=frozenset({"hajin"}),
        actors=frozenset({"actor:1"}),
    )
    values.update(changes)
    return EventFacts(event_id, article_id, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({}, True),
        ({"event_type": "PROTEST"}, False),
        ({"period": Period(date(2024, 3, 10), date(2024, 3, 10))}, False),
        ({"period": Period(date(2024, 3, 7), date(2024, 3, 7))}, True),
        ({"locations": frozenset({"mosul"})}, False),
        ({"locations": frozenset()}, False),
        ({"actors": frozenset({"actor:2"})}, False),
        ({"actors": frozenset()}, True),
        ({"period": None}, False),
    ],
)
def test_compatible(changes, expected) -> None:
    assert compatible(facts(1, 1), facts(2, 2, **changes)) is expected


def test_one_article_never_reports_an_incident_twice() -> None:
    assert not compatible(facts(1, 1), facts(2, 1))


def test_propose_uses_complete_linkage_and_respects_splits() -> None:
    a = facts(1, 1, actors=frozenset({"actor:1"}))
    b = facts(2, 2, actors=frozenset({"actor:1", "actor:2"}))
    c = facts(3, 3, actors=frozenset({"actor:2"}))
    groups = propose([a, b, c])
    assert [g.event_ids for g in groups] == [[1, 2]], "c fits b but not a, so it stays out"
    assert propose([a, b], apart={(1, 2)}) == []


def test_a_vaguely_dated_report_does_not_pull_precise_ones_apart() -> None:
    vague = facts(1, 1, period=Period(date(2024, 2, 27), date(2024, 3, 5)), actors=frozenset({"actor:9"}))
    precise = [facts(2, 2, actors=frozenset({"actor:9", "actor:1"})), facts(3, 3), facts(4, 4)]
    (group,) = propose([vague, *precise])
    assert sorted(group.event_ids) == [2, 3, 4]
