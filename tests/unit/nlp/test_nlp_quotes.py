from annotator.nlp.quotes import QuoteFinder


def named(quote):
    """Who said it, as a name when one was resolved."""
    speaker = quote._.speaker_entity or quote._.speaker
    return speaker.text if speaker is not None else None


def quotes(nlp, text):
    doc = nlp(text)
    return [(q.text, named(q), q._.cue.text if q._.cue else None, q._.quote_kind) for q in doc.spans["quotes"]]


def test_post_posed_name_said(blank_nlp):
    assert quotes(blank_nlp, "“We are ready to talk at any time,” Peskov said.") == [
        ("We are ready to talk at any time,", "Peskov", "said", "direct")
    ]


def test_inverted_said_name_and_told_reporters(blank_nlp):
    text = "“The talks will go on tomorrow,” said Medinsky. “Nothing has been decided yet,” Smith told reporters."
    assert [(q[1], q[2]) for q in quotes(blank_nlp, text)] == [("Medinsky", "said"), ("Smith", "told")]


def test_pronoun_speaker_resolves_to_preceding_person(blank_nlp):
    text = "Medinsky spoke after the meeting.\n\n“There will be a large exchange of prisoners,” he said."
    doc = blank_nlp(text)
    [quote] = doc.spans["quotes"]
    assert quote._.speaker.text == "he"
    assert quote._.speaker_entity.text == "Medinsky"


def test_pronoun_resolution_skips_people_named_inside_quotes(blank_nlp):
    text = "Medinsky spoke.\n\n“Putin will not come to the talks,” he said."
    assert quotes(blank_nlp, text)[0][1] == "Medinsky"


def test_pre_posed_speaker_with_colon(blank_nlp):
    text = "Jones said: “We have lost three villages this week.”"
    assert quotes(blank_nlp, text) == [("We have lost three villages this week.", "Jones", "said", "direct")]


def test_according_to(blank_nlp):
    text = "“The convoy was hit twice near the border,” according to the ministry."
    [(content, speaker, cue, _)] = quotes(blank_nlp, text)
    assert (speaker, cue) == ("the ministry", "according to")


def test_scare_quotes_are_fragments_not_quotes(blank_nlp):
    doc = blank_nlp("Lavrov called him a “clown” and a “total loser” on Monday.")
    assert list(doc.spans["quotes"]) == []
    assert [(f.text, f._.quote_form) for f in doc.spans["quote_fragments"]] == [
        ("clown", "fragment"),
        ("total loser", "fragment"),
    ]


def test_multi_paragraph_quote_gets_the_speaker_of_its_last_paragraph(blank_nlp):
    text = "“We will not give up any land.\n\n“We will fight until the end,” Jones said."
    [(content, speaker, cue, _)] = quotes(blank_nlp, text)
    assert content.startswith("We will not give up") and content.endswith("until the end,")
    assert speaker == "Jones"


def test_mixed_quote_inside_reported_clause(blank_nlp):
    text = "Rubio said the delegation was “not at the levels we had hoped”."
    [(content, speaker, cue, kind)] = quotes(blank_nlp, text)
    assert (content, speaker, cue, kind) == ("not at the levels we had hoped", "Rubio", "said", "mixed")


def test_indirect_quote_said_that(blank_nlp):
    text = "Smith said that the town had fallen overnight."
    assert quotes(blank_nlp, text) == [("the town had fallen overnight", "Smith", "said", "indirect")]


def test_quote_continuing_without_cue_inherits_the_speaker(blank_nlp):
    text = "“We are ready for peace talks,” Jones said.\n\n“But they must be serious and honest.”"
    assert [q[1] for q in quotes(blank_nlp, text)] == ["Jones", "Jones"]


def test_mid_quote_attribution_splits_into_two_quotes(blank_nlp):
    text = "“We came here in peace,” Smith said, “and we leave in peace.”"
    assert [(q[0], q[1]) for q in quotes(blank_nlp, text)] == [
        ("We came here in peace,", "Smith"),
        ("and we leave in peace.", "Smith"),
    ]


def test_run_on_typo_cue(blank_nlp):
    text = "“Ukraine is ready for a long ceasefire,” Smith saidearlier today."
    assert quotes(blank_nlp, text)[0][1:3] == ("Smith", "saidearlier")


def test_serialises_its_lexicon(blank_nlp, tmp_path):
    finder = QuoteFinder(blank_nlp, verbs=["say said", "opine"])
    finder.to_disk(tmp_path)
    restored = QuoteFinder(blank_nlp).from_disk(tmp_path)
    assert restored.verbs == ["say said", "opine"]
    assert "opined" in restored.forms and "told" not in restored.forms
    assert QuoteFinder(blank_nlp).from_bytes(finder.to_bytes()).verbs == ["say said", "opine"]


def test_quote_attributes_survive_doc_serialisation(blank_nlp):
    from spacy.tokens import Doc

    doc = blank_nlp("“We are ready to talk at any time,” Peskov said.")
    restored = Doc(blank_nlp.vocab).from_bytes(doc.to_bytes())
    [quote] = restored.spans["quotes"]
    assert quote._.speaker.text == "Peskov" and quote._.cue.text == "said"


def test_scare_quote_between_quote_and_cue_does_not_hide_the_speaker(blank_nlp):
    text = "“We will not accept this plan,” the “brave” Smith said."
    assert quotes(blank_nlp, text)[0][1:3] == ("Smith", "said")


def test_question_with_asked(blank_nlp):
    text = "“Who will pay for the damage?” asked Jones."
    assert quotes(blank_nlp, text)[0][1:3] == ("Jones", "asked")


def test_according_to_indirect_both_orders(blank_nlp):
    text = "According to the ministry, twelve civilians died in the attack. The town was shelled twice overnight, according to Jones."
    assert quotes(blank_nlp, text) == [
        ("twelve civilians died in the attack", "the ministry", "According to", "indirect"),
        ("The town was shelled twice overnight", "Jones", "according to", "indirect"),
    ]
