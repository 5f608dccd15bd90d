"""The pipeline suggests events in the project's scheme: the bundled trigger lexicon
through the scheme's aliases, plus the scheme's own trigger words."""

from annotator.core.scheme import LabelScheme
from annotator.nlp.scheme_lexicon import event_finder, lexicon_for, use_scheme
from annotator.nlp.suggest import suggest

DEFAULT = LabelScheme.default()
ACLED = LabelScheme.bundled("acled")
PLOVER = LabelScheme.bundled("plover")
UCDP = LabelScheme.bundled("ucdp")


def events(nlp, text: str, scheme: LabelScheme) -> list[tuple[str, str, str]]:
    use_scheme(nlp, scheme)
    found = suggest(nlp(text), scheme)
    return [(e.event_type, e.trigger.text_in(text), e.sub_type) for e in found.events]


def test_each_scheme_names_the_same_trigger_in_its_own_types(blank_nlp):
    text = "Rebels clashed with troops in Aleppo on Monday."
    assert events(blank_nlp, text, DEFAULT) == [("BATTLE", "clashed", "Armed clash")]
    assert events(blank_nlp, text, ACLED) == [("BATTLES", "clashed", "Armed clash")]
    assert events(blank_nlp, text, PLOVER) == [("FIGHT", "clashed", "")]
    assert events(blank_nlp, text, UCDP) == [("STATE_BASED", "clashed", "")]
    assert events(blank_nlp, text, DEFAULT) == [("BATTLE", "clashed", "Armed clash")]


def test_a_sub_type_the_scheme_lacks_comes_from_the_alias(blank_nlp):
    text = "Ukraine and Russia swapped 90 prisoners in Turkey."
    assert events(blank_nlp, text, DEFAULT) == [("AGREE", "swapped", "Prisoner exchange")]
    assert events(blank_nlp, text, ACLED) == [("STRATEGIC_DEVELOPMENTS", "swapped", "Agreement")]


def test_a_schemes_own_trigger_words_find_its_own_types(blank_nlp):
    assert events(blank_nlp, "The ministry imposed an embargo on Khartoum.", PLOVER) == [("SANCTION", "embargo", "")]
    assert events(blank_nlp, "The ministry imposed an embargo on Khartoum.", DEFAULT) == []
    assert events(blank_nlp, "Kyiv will donate aid to Aleppo.", PLOVER)[0][0] == "AID"


def test_casualty_roles_follow_the_scheme(blank_nlp):
    text = "Rebels clashed with troops in Aleppo, killing 12 soldiers."
    use_scheme(blank_nlp, UCDP)
    (battle,) = suggest(blank_nlp(text), UCDP).events
    assert ("FATALITIES", "12") in [(a.role, a.span.text_in(text)) for a in battle.arguments]
    assert event_finder(blank_nlp).role_types["FATALITIES"] >= {"BATTLE", "STATE_BASED"}


def test_lexicon_entries_with_no_counterpart_are_left_out():
    assert "NEGOTIATE" not in lexicon_for(ACLED) and "NEGOTIATE" in lexicon_for(PLOVER)
    assert set(lexicon_for(DEFAULT)) == set(DEFAULT.event_types)


def test_the_component_set_for_a_scheme_serialises_with_it(blank_nlp):
    use_scheme(blank_nlp, PLOVER)
    finder = event_finder(blank_nlp)
    data = finder.to_bytes()
    use_scheme(blank_nlp, DEFAULT)
    finder.from_bytes(data)
    assert "SANCTION" in finder.lexicon and finder.scheme_key is not None
    use_scheme(blank_nlp, DEFAULT)
    assert "SANCTION" not in finder.lexicon
