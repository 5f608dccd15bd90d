"""The installed model plus our components on the seed article, against its brat gold."""

import pytest

from annotator.core.model import Layer
from annotator.nlp.suggest import suggest

pytestmark = pytest.mark.model


def gold_quotes(gold):
    """(content span, named speaker text, cue text) of every gold quote; a pronoun
    speaker is replaced by the person its Coref relation points to."""
    spans = gold["spans"]
    speaker = {a: b for label, a, b in gold["relations"] if label == "Speaker"}
    cue = {a: b for label, a, b in gold["relations"] if label == "Cue"}
    coref = {a: b for label, a, b in gold["relations"] if label == "Coref"}
    quotes = []
    for key, (label, start, end, _) in spans.items():
        if label == "QUOTE":
            who = speaker[key]
            quotes.append(((start, end), spans[coref.get(who, who)][3], spans[cue[key]][3]))
    return quotes


def test_every_direct_quote_has_its_named_speaker_and_cue(seed_doc, seed):
    _, gold = seed
    found = {(q.start_char, q.end_char): q for q in seed_doc.spans["quotes"]}
    expected = gold_quotes(gold)
    assert len(expected) == 8
    for (start, end), speaker, cue in expected:
        quote = found.get((start, end))
        assert quote is not None, f"quote at {start}-{end} not found"
        assert quote._.quote_kind in ("direct", "mixed")
        named = quote._.speaker_entity or quote._.speaker
        assert named is not None and named.text == speaker, (quote.text, named)
        assert quote._.cue.text == cue


def test_pronoun_speakers_keep_their_mention(seed_doc):
    resolved = [
        (q._.speaker.text, q._.speaker_entity.text) for q in seed_doc.spans["quotes"] if q._.speaker_entity is not None
    ]
    assert resolved == [("he", "Vladimir Medinsky"), ("he", "Vladimir Medinsky")]


def test_scare_quotes_are_not_quotes(seed_doc):
    assert not any(q.text in ("clown", "loser", "dummy") for q in seed_doc.spans["quotes"])


def event_args(event):
    return {(role, span.text) for role, span in event._.event_arguments}


def test_prisoner_exchange_agreement_with_both_actors(seed_doc, seed):
    text, gold = seed
    _, start, end, _ = gold["spans"]["T107"]
    [agree] = [e for e in seed_doc.spans["events"] if (e.start_char, e.end_char) == (start, end)]
    assert agree.label_ == "AGREE" and agree._.event_subtype == "Prisoner exchange"
    assert {("ACTOR", "Ukraine"), ("ACTOR", "Russia")} <= event_args(agree)


def test_talks_are_negotiations_between_ukraine_and_russia(seed_doc, seed):
    _, gold = seed
    _, start, end, _ = gold["spans"]["T108"]
    [talks] = [e for e in seed_doc.spans["events"] if (e.start_char, e.end_char) == (start, end)]
    assert talks.label_ == "NEGOTIATE"
    assert {("ACTOR", "Ukraine"), ("ACTOR", "Russia")} <= event_args(talks)


def test_accusation_actor_and_target(seed_doc, seed):
    _, gold = seed
    _, start, end, _ = gold["spans"]["T109"]
    [accuse] = [e for e in seed_doc.spans["events"] if (e.start_char, e.end_char) == (start, end)]
    assert accuse.label_ == "ACCUSE"
    assert {("ACTOR", "Zelenskyy"), ("TARGET", "Russia")} <= event_args(accuse)


def test_future_and_hypothetical_flags(seed_doc):
    flagged = {e.text: (e._.event_hypothetical, e._.event_future) for e in seed_doc.spans["events"]}
    assert flagged["negotiations"] == (True, True), "there may be future negotiations between presidents"
    assert flagged["agreed"] == (False, False)


def test_every_suggested_event_has_a_participant(seed_doc):
    for event in seed_doc.spans["events"]:
        assert {role for role, _ in event._.event_arguments} & {"ACTOR", "TARGET"}, event.text


def test_suggestions_for_the_seed(seed_doc, seed):
    text, gold = seed
    annotations = suggest(seed_doc)
    persons = {(s.start, s.end) for s in annotations.on_layer(Layer.ENTITY) if s.label == "PERSON"}
    gold_persons = {(s, e) for label, s, e, _ in gold["spans"].values() if label == "PERSON"}
    assert len(persons & gold_persons) / len(gold_persons) > 0.7
    speakers = {q.named_speaker.text_in(text) for q in annotations.quotes if q.named_speaker}
    assert {"Vladimir Medinsky", "Andriy Yermak", "Sergiy Nykyforov", "Dmitry Peskov", "Rubio"} <= speakers


def test_annotate_offsets_match_the_stored_tokens(model_nlp, seed):
    from annotator.nlp.suggest import annotate
    from annotator.nlp.tokens import tokenize

    text, _ = seed
    tokens = next(tokenize([text]))
    [annotations] = list(annotate(model_nlp, [(text, tokens)]))
    starts, ends = set(tokens.starts), set(tokens.ends)
    assert len(annotations.quotes) >= 8 and len(annotations.events) >= 5
    assert all(s.start in starts and s.end in ends for s in annotations.spans)


def test_attack_and_its_killing_are_one_event(model_nlp):
    doc = model_nlp("Russian aircraft killed 46 Afghan civilians in an attack on a village in Herat.")
    [event] = doc.spans["events"]
    assert event.label_ == "VIOLENCE_AGAINST_CIVILIANS"
    assert ("FATALITIES", "46") in {(role, span.text) for role, span in event._.event_arguments}
