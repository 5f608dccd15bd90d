"""Event precision, modal events and PROTEST vs DEMAND, on sentences written for these tests."""

import pytest

pytestmark = pytest.mark.model


def events(nlp, text):
    doc = nlp(text)
    return [(e.label_, e.text, e._.event_hypothetical, e._.event_future) for e in doc.spans["events"]]


@pytest.mark.parametrize(
    "text",
    [
        "The talks were postponed.",
        "The minister confirmed the ceasefire.",
        "We have agreed on everything.",
    ],
)
def test_an_event_needs_a_participant_of_its_own(model_nlp, text):
    assert events(model_nlp, text) == []


def test_a_support_verb_lends_its_subject_to_the_noun(model_nlp):
    assert [e[:2] for e in events(model_nlp, "Protesters staged a rally in the capital.")] == [("PROTEST", "rally")]
    assert ("THREATEN", "ultimatum") in [e[:2] for e in events(model_nlp, "Peru issued an ultimatum to Ecuador.")]


def test_violent_events_may_have_a_conflict_context_instead(model_nlp):
    assert [e[0] for e in events(model_nlp, "An air strike killed 12 people.")] == ["EXPLOSION_REMOTE"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russia will release the prisoners next week.", ("AGREE", "release", False, True)),
        ("The rebels promised to return the captured weapons.", ("AGREE", "return", False, True)),
        ("Iran would boycott the talks if sanctions continue.", ("THREATEN", "boycott", True, False)),
        ("The rebels vowed to fight until the end.", ("THREATEN", "fight", False, True)),
        ("The court ruled that the army must withdraw its troops.", ("DEMAND", "must withdraw", True, False)),
    ],
)
def test_modal_events_are_flagged_not_missed(model_nlp, text, expected):
    assert expected in events(model_nlp, text)


def test_must_needs_an_actor(model_nlp):
    assert events(model_nlp, "The border must stay open.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Protesters demanded the release of the students.", {"PROTEST"}),
        ("Farmers blocked roads, demanding lower fuel prices.", {"PROTEST"}),
        ("The opposition demanded new elections.", {"DEMAND"}),
        ("France lodged an official protest with Algeria.", {"ACCUSE"}),
    ],
)
def test_protest_or_demand(model_nlp, text, expected):
    assert {e[0] for e in events(model_nlp, text)} == expected
