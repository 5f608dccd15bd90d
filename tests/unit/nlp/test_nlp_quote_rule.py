"""Scare quotes, quoted titles and short fragments: one rule, chosen by the label scheme."""

from dataclasses import replace

import pytest

from annotator.core.errors import ValidationError
from annotator.core.scheme import LabelScheme, QuoteRule
from annotator.nlp.quote_marks import find_marked_quotes
from annotator.nlp.suggest import suggest

TEXT = (
    "Lavrov called him a “clown” on Monday. He wrote the book “The Art of the Deal” in 1987.\n\n"
    "“We are ready to talk at any time,” Peskov said."
)


def quoted(annotations, text=TEXT):
    return [q.content.text_in(text) for q in annotations.quotes]


def test_the_conflict_scheme_keeps_short_fragments_out(blank_nlp):
    assert quoted(suggest(blank_nlp(TEXT), LabelScheme.default())) == ["We are ready to talk at any time,"]


def test_a_scheme_that_counts_fragments_gets_them_with_their_speaker(blank_nlp):
    scheme = replace(LabelScheme.default(), quote_rule=QuoteRule(fragments=True))
    annotations = suggest(blank_nlp(TEXT), scheme)
    assert quoted(annotations) == ["clown", "We are ready to talk at any time,"]
    assert annotations.quotes[0].kind == "mixed"


def test_quoted_titles_are_never_quotes(blank_nlp):
    doc = blank_nlp(TEXT)
    assert "The Art of the Deal" not in [s.text for s in [*doc.spans["quotes"], *doc.spans["quote_fragments"]]]
    scheme = replace(LabelScheme.default(), quote_rule=QuoteRule(min_words=1, fragments=True))
    assert "The Art of the Deal" not in quoted(suggest(doc, scheme))


def test_min_words_of_the_scheme_applies(blank_nlp):
    scheme = replace(LabelScheme.default(), quote_rule=QuoteRule(min_words=9))
    assert quoted(suggest(blank_nlp(TEXT), scheme)) == []


def test_quote_rule_is_read_from_the_scheme_file():
    rule = LabelScheme.default().quote_rule
    assert (rule.min_words, rule.fragments) == (3, False)
    custom = LabelScheme.default().source.replace("fragments = false", "fragments = true")
    assert LabelScheme.from_toml(custom).quote_rule.fragments is True


def test_a_bad_quote_rule_is_a_clear_error():
    source = LabelScheme.default().source
    with pytest.raises(ValidationError, match="min_words"):
        LabelScheme.from_toml(source.replace("min_words = 3", "min_words = 0"))
    with pytest.raises(ValidationError, match="unknown keys"):
        LabelScheme.from_toml(source.replace("fragments = false", "fragments = false\nscare = 1"))


def test_marks_of_another_kind_nest_inside_a_quote():
    text = 'He said: "The question was: “Do you trust her?” and most said no." Then he left.'
    [quote] = find_marked_quotes(text)
    assert text[quote.start : quote.end] == "The question was: “Do you trust her?” and most said no."


def test_a_closing_mark_that_opens_a_paragraph_opens_a_quote():
    text = "Residents spoke.\n\n”We have no water left,” one said."
    [quote] = find_marked_quotes(text)
    assert text[quote.start : quote.end] == "We have no water left,"
