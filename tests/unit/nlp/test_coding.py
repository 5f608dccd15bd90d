"""Which event a figure belongs to and who claims it, on sentences written for the test."""

from annotator.core.model import (
    Annotations,
    Argument,
    ClaimKind,
    Event,
    Layer,
    Quote,
    Span,
    Status,
)
from annotator.core.scheme import LabelScheme
from annotator.nlp.coding import code_events, sentence_bounds
from annotator.nlp.dates import publication_anchor

SCHEME = LabelScheme.default()


def span(text: str, words: str, label: str, layer: Layer) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), label, layer, Status.ACCEPTED)


def event(text: str, trigger: str, event_type: str, *arguments: tuple[str, str]) -> Event:
    return Event(
        span(text, trigger, event_type, Layer.TRIGGER),
        event_type,
        arguments=tuple(Argument(role, span(text, words, role, Layer.ARGUMENT)) for role, words in arguments),
    )


def coded(text: str, events: list[Event], quotes: tuple[Quote, ...] = (), published: str = "2025-03-05") -> list[Event]:
    spans = tuple(s for e in events for s in (e.trigger, *(a.span for a in e.arguments)))
    result = code_events(Annotations(spans, quotes, tuple(events)), text, publication_anchor(published), SCHEME)
    return list(result.events)


def figures(ev: Event) -> list[tuple[str, str, str]]:
    return [(str(c.kind), c.figure_text, c.claimant) for c in ev.claims]


def test_conflicting_figures_each_with_its_claimant():
    text = (
        "Gunmen attacked the village of Abala on Monday. "
        "The ministry said 12 civilians were killed, while rebels claimed more than 40 died."
    )
    (attack,) = coded(text, [event(text, "attacked", "VIOLENCE_AGAINST_CIVILIANS", ("TIME", "Monday"))])
    assert attack.date is not None and (attack.date.first, attack.date.precision) == ("2025-03-03", "day")
    assert figures(attack) == [("killed", "12", "The ministry"), ("killed", "more than 40", "rebels")]


def test_according_to_and_a_post_posed_reporter():
    text = (
        "An air strike hit a market in Idlib, killing at least 15 people, according to the civil defence. "
        "Another 30 were wounded, the local hospital reported."
    )
    (strike,) = coded(text, [event(text, "air strike", "EXPLOSION_REMOTE")])
    assert figures(strike) == [("killed", "at least 15", "the civil defence"), ("injured", "30", "the local hospital")]


def test_a_figure_in_a_quote_is_claimed_by_the_speaker_and_a_pronoun_by_the_named_speaker_before():
    text = "“We agreed to talk,” Ivan Petrov said. “There will be a swap of prisoners, 200 for 200,” he added."
    talks = event(text, "agreed", "AGREE")
    first = Quote(
        span(text, "We agreed to talk,", "QUOTE", Layer.QUOTE), span(text, "Ivan Petrov", "PERSON", Layer.ENTITY)
    )
    second = Quote(
        span(text, "There will be a swap of prisoners, 200 for 200,", "QUOTE", Layer.QUOTE),
        span(text, "he added", "SPEAKER", Layer.SPEAKER),
    )
    second = Quote(second.content, Span(second.speaker.start, second.speaker.start + 2, "SPEAKER", Layer.SPEAKER))
    (agree,) = coded(text, [talks], (first, second))
    assert figures(agree) == [("exchanged", "200 each side", "Ivan Petrov")]


def test_a_figure_goes_to_the_event_of_its_sentence_that_takes_its_kind():
    text = "Talks in Doha ended as fighting in Gao killed 8 soldiers. The army said 3 more soldiers were captured."
    talks = event(text, "Talks", "NEGOTIATE")
    fighting = event(text, "fighting", "BATTLE")
    coded_talks, coded_fight = coded(text, [talks, fighting])
    assert coded_talks.claims == ()
    assert figures(coded_fight) == [("killed", "8", ""), ("captured", "3", "The army")]


def test_a_figure_after_its_event_goes_to_the_nearest_event_before_it_in_the_paragraph():
    text = "Clashes erupted in the north. Shelling hit the south. Nine people died there."
    clashes, shelling = coded(text, [event(text, "Clashes", "BATTLE"), event(text, "Shelling", "EXPLOSION_REMOTE")])
    assert (clashes.claims, figures(shelling)) == ((), [("killed", "9", "")])


def test_a_figure_with_no_event_in_reach_is_left_out_when_two_events_could_take_it():
    text = "Clashes erupted in the north. Shelling hit the south.\n\nOverall 9 people died."
    assert [
        e.claims for e in coded(text, [event(text, "Clashes", "BATTLE"), event(text, "Shelling", "EXPLOSION_REMOTE")])
    ] == [(), ()]


def test_what_a_person_set_is_kept():
    text = "Soldiers killed 4 people in Gao yesterday."
    manual = event(text, "killed", "VIOLENCE_AGAINST_CIVILIANS", ("TIME", "yesterday"))
    from annotator.core.model import Claim, EventDate, Origin

    set_by_hand = Event(
        manual.trigger,
        manual.event_type,
        arguments=manual.arguments,
        date=EventDate("2025-03-01", "2025-03-01", origin=Origin.MANUAL),
        claims=(Claim(ClaimKind.KILLED, 5, origin=Origin.MANUAL),),
    )
    (kept,) = coded(text, [set_by_hand])
    assert kept.date == set_by_hand.date and kept.claims == set_by_hand.claims


def test_a_bare_figure_from_a_file_is_placed_in_the_text():
    text = "A camp was attacked by militiamen, killing at least 156 people, the UN refugee agency reported."
    from annotator.core.model import Claim, Origin

    bare = Event(
        span(text, "attacked", "VIOLENCE_AGAINST_CIVILIANS", Layer.TRIGGER),
        "VIOLENCE_AGAINST_CIVILIANS",
        claims=(Claim(ClaimKind.KILLED, 156, origin=Origin.IMPORT),),
    )
    (placed,) = coded(text, [bare])
    claim = placed.claims[0]
    assert (claim.figure_text, claim.counts, claim.claimant, text[claim.start : claim.end]) == (
        "at least 156",
        "people",
        "the UN refugee agency",
        "at least 156",
    )


def test_sentences():
    text = "One. “Two,” he said. Three?\nFour"
    assert [text[s:e] for s, e in sentence_bounds(text)] == ["One.", "“Two,” he said.", "Three?", "Four"]
