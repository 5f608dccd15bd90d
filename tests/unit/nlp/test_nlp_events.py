import pytest

from annotator.nlp.events import EventFinder


def events(nlp, text):
    doc = nlp(text)
    return [
        {
            "type": e.label_,
            "trigger": e.text,
            "sub_type": e._.event_subtype,
            "flags": (e._.event_negated, e._.event_hypothetical, e._.event_future),
            "args": sorted((role, span.text) for role, span in e._.event_arguments),
        }
        for e in doc.spans["events"]
    ]


@pytest.mark.parametrize(
    "text, event_type, trigger",
    [
        ("Rebels clashed with the army near the border.", "BATTLE", "clashed"),
        ("An air strike hit the market.", "EXPLOSION_REMOTE", "air strike"),
        ("Gunmen abducted twelve villagers.", "VIOLENCE_AGAINST_CIVILIANS", "abducted"),
        ("Thousands protested against the new law.", "PROTEST", "protested"),
        ("Rioters looted shops after the riots began.", "RIOT", "riots"),
        ("Police arrested the organisers.", "STRATEGIC_DEVELOPMENT", "arrested"),
        ("The delegations held talks for six hours.", "NEGOTIATE", "held talks"),
        ("Both armies agreed to a ceasefire.", "AGREE", "agreed"),
        ("The opposition demanded new elections.", "DEMAND", "demanded"),
        ("The government accused the rebels of lying.", "ACCUSE", "accused"),
        ("The general threatened to march on the city.", "THREATEN", "threatened"),
    ],
)
def test_trigger_lexicon_covers_every_event_type(blank_nlp, text, event_type, trigger):
    assert (event_type, trigger) in {(e["type"], e["trigger"]) for e in events(blank_nlp, text)}


def test_phrase_trigger_wins_over_its_words_and_sets_sub_type(blank_nlp):
    [event] = events(blank_nlp, "They agreed on a prisoner exchange.")[1:]
    assert (event["type"], event["trigger"], event["sub_type"]) == ("AGREE", "prisoner exchange", "Prisoner exchange")


def test_sub_type_from_sentence_context(blank_nlp):
    [event] = events(blank_nlp, "A drone bombing destroyed the depot.")
    assert event["sub_type"] == "Air/drone strike"


def test_arguments_without_parser(blank_nlp):
    text = "Ukraine and Russia held talks in Turkey on Monday."
    [event] = events(blank_nlp, text)
    assert event["args"] == [("ACTOR", "Russia"), ("ACTOR", "Ukraine"), ("LOCATION", "Turkey"), ("TIME", "Monday")]


def test_between_gives_both_actors(blank_nlp):
    [event] = events(blank_nlp, "The first direct talks between Ukraine and Russia ended.")
    assert event["args"] == [("ACTOR", "Russia"), ("ACTOR", "Ukraine")]


def test_casualty_numbers(blank_nlp):
    [event] = events(blank_nlp, "Shelling in Aleppo left 12 people dead and 30 wounded on Monday.")
    assert ("FATALITIES", "12") in event["args"] and ("INJURED", "30") in event["args"]
    assert ("LOCATION", "Aleppo") in event["args"]


def test_killing_number_after_verb(blank_nlp):
    [event] = events(blank_nlp, "An air strike hit the market, killing at least 7.")
    assert ("FATALITIES", "7") in event["args"]


def test_killed_is_not_a_second_event_next_to_an_attack(blank_nlp):
    found = events(blank_nlp, "Five soldiers were killed in clashes near Kyiv.")
    assert [e["type"] for e in found] == ["BATTLE"]
    assert ("FATALITIES", "Five") in found[0]["args"]


def test_casualties_attach_to_violence_not_to_talks(blank_nlp):
    talks, killing = events(blank_nlp, "Talks resumed after 12 people were killed.")
    assert talks["type"] == "NEGOTIATE" and all(role != "FATALITIES" for role, _ in talks["args"])
    assert killing["type"] == "VIOLENCE_AGAINST_CIVILIANS" and ("FATALITIES", "12") in killing["args"]


@pytest.mark.parametrize(
    "text, flags",
    [
        ("Russia did not agree to the plan.", (True, False, False)),
        ("Russia will agree to the plan.", (False, False, True)),
        ("Russia may agree to the plan.", (False, True, False)),
        ("Russia agreed to the plan.", (False, False, False)),
    ],
)
def test_negation_and_modality_flags(blank_nlp, text, flags):
    [event] = events(blank_nlp, text)
    assert event["flags"] == flags


def test_weapon_is_instrument(blank_nlp):
    [event] = events(blank_nlp, "Rebels attacked the base with drones.")
    assert ("INSTRUMENT", "drones") in event["args"]


def test_trigger_inside_a_name_is_ignored(blank_nlp):
    assert events(blank_nlp, "Hamas spokesman Smith spoke on Monday.") == []


def test_lexicon_round_trip(blank_nlp, tmp_path):
    lexicon = {"AGREE": {"words": ["handshake"], "default": "Other agreement"}}
    EventFinder(blank_nlp, lexicon=lexicon).to_disk(tmp_path)
    restored = EventFinder(blank_nlp).from_disk(tmp_path)
    doc = restored(blank_nlp.make_doc("A handshake and a ceasefire."))
    assert [(e.label_, e.text) for e in doc.spans["events"]] == [("AGREE", "handshake")]
