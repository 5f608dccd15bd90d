from hypothesis import given
from hypothesis import strategies as st

from annotator.nlp.quote_marks import find_marked_quotes


def contents(text):
    return [text[q.start : q.end] for q in find_marked_quotes(text)]


def test_curly_and_straight_quotes():
    text = '“We are ready,” he said. She said "we are not" and left.'
    assert contents(text) == ["We are ready,", "we are not"]


def test_backtick_pairs():
    assert contents("``We will fight on,'' he said.") == ["We will fight on,"]


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "“They told us ‘leave now or die’ and we left,” she said."
    assert contents(text) == ["They told us ‘leave now or die’ and we left,"]


def test_plural_possessive_does_not_close_a_single_quote():
    text = "‘The voters’ choice was clear to everyone,’ he said."
    assert contents(text) == ["The voters’ choice was clear to everyone,"]


def test_apostrophes_are_not_marks():
    text = "Russia’s envoy didn’t say. “It’s over now,” he said."
    assert contents(text) == ["It’s over now,"]


def test_multi_paragraph_quote_opens_each_paragraph_and_closes_at_the_last():
    text = "“We will not stop.\n\n“We will go on until the end,” he said.\n\nNext paragraph."
    [quote] = find_marked_quotes(text)
    assert text[quote.start : quote.end] == "We will not stop.\n\n“We will go on until the end,"


def test_unmatched_mark_never_loses_other_quotes():
    text = (
        "“An opening that is never closed.\n\n"
        "A normal paragraph.\n\n"
        "“This one is fine,” he said. He added: ”stray close. “And this one too,” she said."
    )
    assert contents(text) == ["This one is fine,", "And this one too,"]


def test_stray_mark_inside_a_paragraph_restarts_at_the_next_opening():
    text = "He wrote “oops and then “the real quote here,” she said."
    assert contents(text) == ["the real quote here,"]


def test_plural_possessive_inside_double_quotes():
    text = "“The voters’ anger is real,” he said. ‘We hear the farmers’ and the workers’ pleas,’ she said."
    assert contents(text) == ["The voters’ anger is real,", "We hear the farmers’ and the workers’ pleas,"]


WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
STRAY = st.sampled_from(["“", "”", '"', "‘", "’", "``", "''", "«"])


@given(
    quotes=st.lists(st.lists(WORD, min_size=3, max_size=6), min_size=1, max_size=4),
    stray=STRAY,
    where=st.integers(min_value=0, max_value=4),
)
def test_a_stray_mark_in_its_own_paragraph_never_loses_a_quote(quotes, stray, where):
    paragraphs = [f"“{' '.join(words)},” she said." for words in quotes]
    paragraphs.insert(min(where, len(paragraphs)), f"A stray {stray}mark sits here")
    found = contents("\n\n".join(paragraphs))
    assert found == [f"{' '.join(words)}," for words in quotes]
