import pytest


def ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_armed_groups_and_weapons(blank_nlp):
    text = "Hezbollah and the Wagner Group fired Shahed drones and a HIMARS at the RSF."
    found = ents(blank_nlp, text)
    assert ("Hezbollah", "ARMED_GROUP") in found
    assert ("Wagner Group", "ARMED_GROUP") in found
    assert ("RSF", "ARMED_GROUP") in found
    assert ("Shahed drones", "WEAPON") in found
    assert ("HIMARS", "WEAPON") in found


def test_nationality_plus_forces_is_an_armed_group(blank_nlp):
    assert ("Russian forces", "ARMED_GROUP") in ents(blank_nlp, "Russian forces shelled the town.")


@pytest.mark.model
def test_ruler_overrides_model_entity(model_nlp):
    doc = model_nlp("Daesh and Hezbollah fighters crossed the border.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Daesh") == "ARMED_GROUP" and labels.get("Hezbollah") == "ARMED_GROUP"


def test_ruler_patterns_are_saved_with_the_pipeline(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("annotator_entities_v1", name="annotator_entities")
    ruler.add_patterns([{"label": "ARMED_GROUP", "pattern": "Blue Militia"}])
    nlp.to_disk(tmp_path / "p")
    restored = spacy.load(tmp_path / "p")
    assert [(e.text, e.label_) for e in restored("The Blue Militia left.").ents] == [("Blue Militia", "ARMED_GROUP")]


def test_name_mentions_agree_across_the_document():
    import spacy
    from spacy.tokens import Span

    from annotator.nlp.entities import harmonise_names

    nlp = spacy.blank("en")
    doc = nlp.make_doc("President Vladimir Putin spoke. Putin left. Later Putin returned and Lavrov too.")
    doc.ents = [Span(doc, 0, 3, "PERSON"), Span(doc, 5, 6, "ORG"), Span(doc, 12, 13, "GPE")]
    doc = harmonise_names(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Vladimir Putin", "PERSON"),
        ("Putin", "PERSON"),
        ("Putin", "PERSON"),
        ("Lavrov", "GPE"),
    ]
