"""Codebook checks on events written for the test: one test per rule kind, each shown
passing and failing."""

from annotator.core.checks import check_annotations, check_event, claim_bounds, conflicting_claims
from annotator.core.model import (
    Annotations,
    Argument,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    EventDate,
    Layer,
    Span,
    Status,
)
from annotator.core.scheme import LabelScheme

TEXT = "Soldiers shot three villagers and two gunmen in Kidal on Monday, the army said."

RULES = """
name = "test"
[entities]
GPE = { key = "3" }
PERSON = { key = "1" }
[events.VIOLENCE_AGAINST_CIVILIANS]
key = "v"
sub_types = ["Attack"]
roles = ["ACTOR", "TARGET", "LOCATION", "TIME", "FATALITIES"]
[events.BATTLE]
key = "b"
roles = ["ACTOR", "TARGET", "LOCATION", "TIME"]
[roles]
ACTOR = { key = "1" }
TARGET = { key = "2" }
LOCATION = { key = "4" }
TIME = { key = "5" }
FATALITIES = { key = "6" }

[[checks]]
id = "civilian-target"
kind = "roles"
events = ["VIOLENCE_AGAINST_CIVILIANS"]
roles = ["TARGET"]
words = ["civilian", "villager"]
message = "needs a civilian TARGET"

[[checks]]
id = "two-sides"
kind = "roles"
events = ["BATTLE"]
roles = ["ACTOR", "TARGET"]
min = 2
message = "a battle needs two actors"

[[checks]]
id = "location"
kind = "roles"
roles = ["LOCATION"]
labels = ["GPE"]
message = "needs a location that is a place"

[[checks]]
id = "date"
kind = "date"
precision = "week"
message = "needs a date known to the week"

[[checks]]
id = "sub-type"
kind = "sub_type"
events = ["VIOLENCE_AGAINST_CIVILIANS"]
message = "needs a sub-type"

[[checks]]
id = "deaths"
kind = "figure"
claim = "killed"
min = 1
events = ["VIOLENCE_AGAINST_CIVILIANS"]
message = "needs a death"

[[checks]]
id = "figures-agree"
kind = "claims"
message = "conflicting figures"
"""
SCHEME = LabelScheme.from_toml(RULES)


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def span(words: str, label: str, layer: Layer = Layer.ARGUMENT, status: Status = Status.ACCEPTED) -> Span:
    return Span(*at(words), label, layer, status)


TRIGGER = span("shot", "VIOLENCE_AGAINST_CIVILIANS", Layer.TRIGGER)
SOLDIERS = span("Soldiers", "ACTOR")
VILLAGERS = span("three villagers", "TARGET")
GUNMEN = span("two gunmen", "TARGET")
KIDAL = span("Kidal", "GPE", Layer.ENTITY)
MONDAY_DATE = EventDate("2025-03-03", "2025-03-03", DatePrecision.DAY, "Monday")
THREE = Claim(ClaimKind.KILLED, 3, counts="villagers", claimant="the army")


def good_event(**changes) -> Event:
    event = Event(
        TRIGGER,
        "VIOLENCE_AGAINST_CIVILIANS",
        "Attack",
        arguments=(Argument("ACTOR", SOLDIERS), Argument("TARGET", VILLAGERS), Argument("LOCATION", KIDAL)),
        date=MONDAY_DATE,
        claims=(THREE,),
    )
    return Event(**{**event.__dict__, **changes})


def failures(event: Event, extra_spans: tuple[Span, ...] = ()) -> list[str]:
    spans = (event.trigger, KIDAL, *(a.span for a in event.arguments), *extra_spans)
    return [f.rule for f in check_event(SCHEME, event, Annotations(tuple(dict.fromkeys(spans)), (), (event,)), TEXT)]


def test_an_event_that_meets_every_rule_passes():
    assert failures(good_event()) == []


def test_civilian_target_rule_reads_the_target_words():
    gunmen_only = good_event(
        arguments=(Argument("ACTOR", SOLDIERS), Argument("TARGET", GUNMEN), Argument("LOCATION", KIDAL))
    )
    assert failures(gunmen_only) == ["civilian-target"]
    no_target = good_event(arguments=(Argument("ACTOR", SOLDIERS), Argument("LOCATION", KIDAL)))
    assert failures(no_target) == ["civilian-target"]


def test_a_rejected_argument_does_not_count():
    rejected = span("three villagers", "TARGET", status=Status.REJECTED)
    event = good_event(
        arguments=(Argument("ACTOR", SOLDIERS), Argument("TARGET", rejected), Argument("LOCATION", KIDAL))
    )
    assert failures(event) == ["civilian-target"]


def test_battle_needs_two_actors_and_says_how_many_it_has():
    battle = Event(
        span("shot", "BATTLE", Layer.TRIGGER),
        "BATTLE",
        arguments=(Argument("ACTOR", SOLDIERS), Argument("LOCATION", KIDAL)),
        date=MONDAY_DATE,
    )
    found = check_event(SCHEME, battle, Annotations((KIDAL,), (), (battle,)), TEXT)
    assert [(f.rule, f.detail) for f in found] == [("two-sides", "1 of 2")]
    both = Event(battle.trigger, "BATTLE", arguments=battle.arguments + (Argument("TARGET", GUNMEN),), date=MONDAY_DATE)
    assert failures(both) == []


def test_location_rule_takes_the_entity_label_of_the_argument_span():
    argument_span = span("Kidal", "LOCATION")
    as_argument = good_event(
        arguments=(Argument("ACTOR", SOLDIERS), Argument("TARGET", VILLAGERS), Argument("LOCATION", argument_span))
    )
    assert failures(as_argument) == []  # the GPE entity at the same place makes it a place
    elsewhere = span("Monday", "LOCATION")
    not_a_place = good_event(
        arguments=(Argument("ACTOR", SOLDIERS), Argument("TARGET", VILLAGERS), Argument("LOCATION", elsewhere))
    )
    assert failures(not_a_place) == ["location"]


def test_date_rule_needs_a_date_precise_enough():
    assert failures(good_event(date=None)) == ["date"]
    month = EventDate("2025-03-01", "2025-03-31", DatePrecision.MONTH, "in March")
    found = check_event(SCHEME, good_event(date=month), Annotations((KIDAL,), (), ()), TEXT)
    assert [(f.rule, f.detail) for f in found] == [("date", "known only to the month")]
    week = EventDate("2025-03-03", "2025-03-09", DatePrecision.WEEK, "last week")
    assert failures(good_event(date=week)) == []


def test_sub_type_rule():
    assert failures(good_event(sub_type="")) == ["sub-type"]


def test_figure_rule_needs_a_claim_of_its_kind():
    assert failures(good_event(claims=())) == ["deaths"]
    wounded = Claim(ClaimKind.INJURED, 4)
    assert failures(good_event(claims=(wounded,))) == ["deaths"]


def test_claims_rule_flags_figures_that_cannot_both_be_true():
    army = Claim(ClaimKind.KILLED, 3, claimant="the army")
    rebels = Claim(ClaimKind.KILLED, 30, qualifier="more than", claimant="the rebels")
    found = check_event(SCHEME, good_event(claims=(army, rebels)), Annotations((KIDAL,), (), ()), TEXT)
    assert [f.rule for f in found] == ["figures-agree"]
    assert found[0].detail == "killed: 3 (the army) vs more than 30 (the rebels)"
    at_least = Claim(ClaimKind.KILLED, 2, qualifier="at least")
    assert failures(good_event(claims=(army, at_least))) == []


def test_claim_bounds():
    assert claim_bounds(Claim(ClaimKind.KILLED, 12)) == (12, 12)
    assert claim_bounds(Claim(ClaimKind.KILLED, 12, qualifier="at least"))[0] == 12
    assert claim_bounds(Claim(ClaimKind.KILLED, 12, qualifier="more than"))[0] == 13
    assert claim_bounds(Claim(ClaimKind.KILLED, 100, qualifier="about")) == (80, 120)
    assert claim_bounds(Claim(ClaimKind.KILLED, 10, qualifier="up to")) == (0, 10)
    assert claim_bounds(Claim(ClaimKind.KILLED, 10, 15)) == (10, 15)
    assert conflicting_claims([Claim(ClaimKind.KILLED, 10, 15), Claim(ClaimKind.KILLED, 14)]) == []
    assert conflicting_claims([Claim(ClaimKind.KILLED, 10), Claim(ClaimKind.INJURED, 40)]) == []


def test_check_annotations_skips_rejected_events_and_orders_by_text():
    rejected = good_event(sub_type="", arguments=(), date=None)
    rejected = Event(span("shot", "VIOLENCE_AGAINST_CIVILIANS", Layer.TRIGGER, Status.REJECTED), rejected.event_type)
    later = Event(span("army", "BATTLE", Layer.TRIGGER), "BATTLE")
    earlier = good_event(sub_type="")
    found = check_annotations(SCHEME, Annotations((KIDAL,), (), (later, rejected, earlier)), TEXT)
    army = at("army")[0]
    assert [(f.trigger[0], f.rule) for f in found] == [
        (at("shot")[0], "sub-type"),
        (army, "two-sides"),
        (army, "location"),
        (army, "date"),
    ]


def test_every_bundled_scheme_has_checks_that_name_its_own_types():
    for name in ("conflict", "acled", "plover", "ucdp"):
        scheme = LabelScheme.bundled(name)
        assert scheme.checks
        for rule in scheme.checks:
            assert set(rule.events) <= set(scheme.event_types), (name, rule.id)
