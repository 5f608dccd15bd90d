"""Casualty and prisoner figures in sentences written for the test."""

import pytest

from annotator.core.model import ClaimKind
from annotator.nlp.claims import find_claims, parse_number

K, I, C, D, X = ClaimKind.KILLED, ClaimKind.INJURED, ClaimKind.CAPTURED, ClaimKind.DISPLACED, ClaimKind.EXCHANGED  # noqa: E741 - one letter per kind keeps the case table readable


def read(text: str) -> list[tuple[ClaimKind, str, str, str]]:
    return [(c.kind, c.figure_text, c.counts, text[c.start : c.end]) for c in find_claims(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least 12 civilians were killed in the shelling.", [(K, "at least 12", "civilians", "At least 12")]),
        ("The strike killed more than 40 people.", [(K, "more than 40", "people", "more than 40")]),
        (
            "Gunmen killed three villagers and wounded five others.",
            [(K, "3", "villagers", "three"), (I, "5", "others", "five")],
        ),
        ("Between 10 and 15 soldiers died.", [(K, "10-15", "soldiers", "Between 10 and 15")]),
        ("Officials said 10 to 15 people were injured.", [(I, "10-15", "people", "10 to 15")]),
        ("Police arrested dozens of protesters.", [(C, "dozens", "protesters", "dozens")]),
        ("Some 5,000 residents have fled their homes.", [(D, "some 5,000", "residents", "Some 5,000")]),
        ("About 1.5 million people have been displaced.", [(D, "about 1,500,000", "people", "About 1.5 million")]),
        ("The two sides agreed to exchange 1,000 prisoners of war.", [(X, "1,000", "prisoners of war", "1,000")]),
        (
            "There will be an exchange of prisoners, 1,000 for 1,000.",
            [(X, "1,000 each side", "prisoners", "1,000 for 1,000")],
        ),
        ("Russia released 84 Ukrainian POWs on Friday.", [(X, "84", "Ukrainian POWs", "84")]),
        ("Rebels abducted up to 30 students.", [(C, "up to 30", "students", "up to 30")]),
        ("The death toll rose to 23.", [(K, "23", "", "23")]),
        ("A bomb killed about 100 people, including 20 children.", [(K, "about 100", "people", "about 100")]),
    ],
)
def test_figures_with_kind_qualifier_and_what_they_count(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The war started in 2022 and 300 days have passed.",
        "Talks resumed on 9 January at 10 am.",
        "The programme costs $40 million.",
        "Turnout rose by 12 per cent.",
        "Over 5,000 readers like you have already stepped up.",
        "The convoy travelled 40 km to Kharkiv.",
    ],
)
def test_numbers_that_count_no_victims_are_not_claims(text):
    assert read(text) == []


def test_a_year_followed_by_a_kind_word_is_still_a_figure():
    assert read("In all, 2000 killed and 2015 wounded.") == [(K, "2,000", "", "2000"), (I, "2,015", "", "2015")]


def test_parse_number():
    assert [parse_number(t) for t in ("1,000", "twelve", "1.5 million", "a dozen", "x")] == [
        1000,
        12,
        1_500_000,
        12,
        None,
    ]
