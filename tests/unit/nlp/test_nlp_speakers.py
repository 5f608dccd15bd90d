"""Speaker rules on sentences written for these tests: the speaker as written and the
named entity it refers to (gender, titles, syntactic role, chains, descriptions)."""

import pytest

pytestmark = pytest.mark.model


def speakers(nlp, text):
    """(content, speaker as written, its named entity) per quote."""
    doc = nlp(text)
    return [
        (q.text, q._.speaker.text if q._.speaker else None, q._.speaker_entity.text if q._.speaker_entity else None)
        for q in doc.spans["quotes"]
    ]


def test_she_skips_the_nearer_man_by_given_name(model_nlp):
    text = "Sarah Jones met Peter Brown in Kyiv on Monday.\n\n“We will not give up the city,” she said."
    assert speakers(model_nlp, text)[0][1:] == ("she", "Sarah Jones")


def test_titles_give_the_gender(model_nlp):
    text = "Mrs Okafor thanked Mr Mensah for the invitation.\n\n“The border must stay open,” she said."
    assert speakers(model_nlp, text)[0][1:] == ("she", "Okafor")
    text = "Mr Oduya introduced Ms Lindqvist.\n\n“We need more time,” she said."
    assert speakers(model_nlp, text)[0][1:] == ("she", "Lindqvist")


def test_subject_before_object_when_both_fit(model_nlp):
    text = "Omar Haddad told Peter Novak about the plan.\n\n“It will take months,” he said."
    assert speakers(model_nlp, text)[0][1:] == ("he", "Omar Haddad")


def test_an_earlier_she_chain_across_paragraphs(model_nlp):
    text = (
        "Anna Weber arrived in Geneva on Monday. She met the envoy, Tom Harris, at the hotel.\n\n"
        "Harris stayed silent.\n\n“Nothing is agreed until everything is agreed,” she said."
    )
    assert speakers(model_nlp, text)[0][1:] == ("she", "Anna Weber")


def test_he_said_chain_holds_over_several_quotes(model_nlp):
    text = (
        "Yusuf Demir, the mayor, spoke to Maria Rossi after the vote.\n\n"
        "“The bridge will reopen in spring,” he said.\n\n"
        "“Nobody will pay a toll,” he added."
    )
    assert [s[1:] for s in speakers(model_nlp, text)] == [("he", "Yusuf Demir"), ("he", "Yusuf Demir")]


def test_a_quote_without_cue_continues_the_previous_speaker(model_nlp):
    text = "“We are ready to talk,” said Leila Haddad.\n\n“But not under fire.”"
    assert [s[1] for s in speakers(model_nlp, text)] == ["Leila Haddad", "Leila Haddad"]


def test_organisation_described_later_resolves_to_its_name(model_nlp):
    text = (
        "The Defence Ministry of Ukraine published new figures on Tuesday.\n\n"
        "“Three drones were shot down overnight,” the ministry said."
    )
    assert speakers(model_nlp, text)[0][1:] == ("the ministry", "The Defence Ministry of Ukraine")


def test_colon_in_the_paragraph_before(model_nlp):
    text = "The minister said:\n\n“We will open the corridor tomorrow.”"
    assert speakers(model_nlp, text)[0][1] == "The minister"


def test_name_then_colon_without_a_verb(blank_nlp):
    doc = blank_nlp("Peskov: “There is no reason to hurry with the talks.”")
    [quote] = doc.spans["quotes"]
    assert (quote._.speaker.text, quote._.cue) == ("Peskov", None)


def test_dash_and_name_after_the_quote(blank_nlp):
    doc = blank_nlp("“We will stay in our homes.” ― Jane Doe\n“Nobody listens to us.”\xa0― Omar Said")
    assert [q._.speaker.text for q in doc.spans["quotes"]] == ["Jane Doe", "Omar Said"]


def test_a_short_fragment_takes_the_subject_of_its_verb(model_nlp):
    doc = model_nlp("Lavrov called him a “clown” on Monday.")
    [fragment] = doc.spans["quote_fragments"]
    assert (fragment.text, fragment._.speaker.text, fragment._.cue.text) == ("clown", "Lavrov", "called")


def test_unresolved_pronoun_keeps_its_mention_and_no_entity(blank_nlp):
    doc = blank_nlp("“The shelling went on all night,” they said.")
    [quote] = doc.spans["quotes"]
    assert (quote._.speaker.text, quote._.speaker_entity) == ("they", None)


def test_given_names_lexicon_is_bundled():
    from annotator.nlp.speakers import given_names

    names = given_names()
    assert names["sarah"] == "f" and names["omar"] == "m" and "kim" not in names
