"""Name harmonisation from confident names only, and the entity ruler's evidence rule,
on sentences written for these tests."""

import pytest
import spacy
from spacy.tokens import Span

from annotator.nlp.entities import harmonise_names


def harmonised(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    doc = spacy.blank("en").make_doc(text)
    doc.ents = [Span(doc, s, e, label) for s, e, label in ents]
    return [(e.text, e.label_) for e in harmonise_names(doc).ents]


def test_one_contrary_label_of_a_one_word_name_does_not_spread():
    text = "Karim met the envoy. Later Karim left for Raqqa."
    assert harmonised(text, [(0, 1, "GPE"), (6, 7, "PERSON")]) == [("Karim", "GPE"), ("Karim", "PERSON")]


def test_a_repeated_label_outvotes_a_single_one():
    text = "Karim met the envoy. Karim left. Later Karim returned."
    assert harmonised(text, [(0, 1, "PERSON"), (5, 6, "PERSON"), (9, 10, "GPE")]) == [
        ("Karim", "PERSON"),
        ("Karim", "PERSON"),
        ("Karim", "PERSON"),
    ]


def test_a_multiword_name_without_a_given_name_does_not_lend_its_last_word():
    text = "Fighting went on Near Ar Raqqah overnight. Raqqah was quiet by noon."
    assert harmonised(text, [(3, 6, "PERSON"), (8, 9, "GPE")]) == [("Near Ar Raqqah", "PERSON"), ("Raqqah", "GPE")]


def test_a_tie_keeps_each_label():
    text = "The Ghuraba Brigades attacked. The Ghuraba Brigades withdrew."
    assert harmonised(text, [(1, 3, "PERSON"), (6, 8, "ORG")]) == [
        ("Ghuraba Brigades", "PERSON"),
        ("Ghuraba Brigades", "ORG"),
    ]


def test_a_possessive_does_not_hide_the_surname():
    text = "Donald Trump's aides met. Trump spoke. Then Trump left."
    assert harmonised(text, [(0, 3, "PERSON"), (6, 7, "ORG")]) == [
        ("Donald Trump's", "PERSON"),
        ("Trump", "PERSON"),
        ("Trump", "PERSON"),
    ]


def test_a_given_name_before_a_known_person_makes_a_person():
    text = "Volodymyr Kovalenko spoke. Kovalenko left. Kovalenko returned."
    assert harmonised(text, [(0, 2, "ORG"), (4, 5, "PERSON"), (7, 8, "PERSON")])[0] == ("Volodymyr Kovalenko", "PERSON")


def ruler_pipeline(model_patterns: list[tuple[str, str]]):
    nlp = spacy.blank("en")
    names = nlp.add_pipe("span_ruler", name="names", config={"spans_key": None, "annotate_ents": True})
    names.add_patterns([{"label": label, "pattern": text} for label, text in model_patterns])
    nlp.add_pipe("annotator_entities_v1", name="annotator_entities")
    return nlp


def test_the_ruler_keeps_a_longer_model_entity():
    nlp = ruler_pipeline([("ORG", "Hezbollah Media Office")])
    assert [(e.text, e.label_) for e in nlp("The Hezbollah Media Office denied it.").ents] == [
        ("Hezbollah Media Office", "ORG")
    ]


def test_a_listed_name_relabels_the_model_entity_of_the_same_extent():
    nlp = ruler_pipeline([("ORG", "Hezbollah")])
    assert [(e.text, e.label_) for e in nlp("Hezbollah denied it.").ents] == [("Hezbollah", "ARMED_GROUP")]


def test_a_nationality_pattern_covers_the_shorter_model_entity():
    nlp = ruler_pipeline([("NORP", "Sudanese")])
    assert [(e.text, e.label_) for e in nlp("Sudanese troops entered the town.").ents] == [
        ("Sudanese troops", "ARMED_GROUP")
    ]


@pytest.mark.model
def test_a_nationality_pattern_that_only_modifies_a_noun_is_dropped(model_nlp):
    labels = {
        e.text: e.label_
        for e in model_nlp("Iraqi military officials met the envoy. Iraqi forces shelled the town.").ents
    }
    assert "Iraqi military" not in labels and labels.get("Iraqi forces") == "ARMED_GROUP"


def test_an_entity_ending_with_a_name_labelled_person_is_that_person():
    text = "The Minister for Trade Ana Costa spoke. Ana Costa left."
    assert harmonised(text, [(1, 6, "ORG"), (8, 10, "PERSON")]) == [("Ana Costa", "PERSON"), ("Ana Costa", "PERSON")]


def test_a_listed_name_breaks_up_a_model_entity_that_runs_over_a_comma():
    nlp = ruler_pipeline([("ORG", "the Iraqi Army, Hezbollah")])
    labels = [(e.text, e.label_) for e in nlp("They fought the Iraqi Army, Hezbollah and others.").ents]
    assert ("Hezbollah", "ARMED_GROUP") in labels and ("the Iraqi Army, Hezbollah", "ORG") not in labels
