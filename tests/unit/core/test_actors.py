import pytest

from annotator.core.actors import Actor, InteractionCode, check_actor, interaction_code, may_name_actor, normalise
from annotator.core.errors import ValidationError
from annotator.core.model import Layer, Span


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Da’esh", "daesh"),
        ("the Daesh", "daesh"),
        ("DAESH", "daesh"),
        ("  Islamic   State of Iraq and the Levant ", "islamic state of iraq and the levant"),
        ("Al-Qaida", "al qaida"),
        ("Hay'at Tahrir al-Sham", "hayat tahrir al sham"),
        ("Tigré", "tigre"),
        ("The", "the"),
    ],
)
def test_normalise_folds_case_accents_apostrophes_punctuation_and_a_leading_article(
    written: str, expected: str
) -> None:
    assert normalise(written) == expected


def test_interaction_codes_read_from_numbers_and_names() -> None:
    assert interaction_code("2") is InteractionCode.REBEL_GROUPS
    assert interaction_code("Rebel groups") is InteractionCode.REBEL_GROUPS
    assert interaction_code("state forces") is InteractionCode.STATE_FORCES
    assert interaction_code("") is None
    with pytest.raises(ValidationError, match="1-8"):
        interaction_code("9")
    with pytest.raises(ValidationError, match="not an ACLED type"):
        interaction_code("bandits")


def test_check_actor_trims_and_refuses_bad_fields() -> None:
    actor = check_actor(Actor(" Islamic State ", (" ISIL", "ISIL", "Islamic State", ""), wikidata="q2429253"))
    assert (actor.name, actor.aliases, actor.wikidata) == ("Islamic State", ("ISIL",), "Q2429253")
    with pytest.raises(ValidationError, match="Q42"):
        check_actor(Actor("X", wikidata="ISIL"))
    with pytest.raises(ValidationError, match="needs a name"):
        check_actor(Actor("  "))
    with pytest.raises(ValidationError, match="own parent"):
        check_actor(Actor("X", parent="X"))


def test_ruler_label_defaults_to_armed_group_for_armed_types() -> None:
    assert Actor("RSF", interaction_code=InteractionCode.REBEL_GROUPS).ruler_label == "ARMED_GROUP"
    assert Actor("Army", interaction_code=InteractionCode.STATE_FORCES).ruler_label == ""
    assert Actor("Army", interaction_code=InteractionCode.STATE_FORCES, label="ORG").ruler_label == "ORG"


def test_which_spans_may_name_an_actor() -> None:
    assert may_name_actor(Span(0, 4, "ORG"))
    assert not may_name_actor(Span(0, 4, "DATE"))
    assert may_name_actor(Span(0, 4, "TARGET", Layer.ARGUMENT))
    assert may_name_actor(Span(0, 4, "DATE"), role="ACTOR2")
    assert not may_name_actor(Span(0, 4, "LOCATION", Layer.ARGUMENT))
