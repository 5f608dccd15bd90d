"""Alias matching: exact on normalised names, then fuzzy (rapidfuzz) with guards."""

import pytest

from annotator.core.actors import normalise
from annotator.services.actors import AliasMatcher, seed_actors

ROWS = [
    (1, "Islamic State", "ISIL", "ISIS", "Daesh", "Islamic State of Iraq and the Levant"),
    (2, "Hezbollah", "Hizballah"),
    (3, "Brigade 12"),
    (4, "Syrian Democratic Forces", "SDF"),
    (5, "Islamic Jihad"),
    (6, "Islamic Jihad"),
]


@pytest.fixture
def matcher() -> AliasMatcher:
    return AliasMatcher((actor_id, name, normalise(name)) for actor_id, *names in ROWS for name in names)


@pytest.mark.parametrize("text", ["ISIL", "ISIS", "Daesh", "Da’esh", "DAESH", "the Islamic State", "Islamic State"])
def test_every_alias_of_one_actor_matches_exactly(matcher: AliasMatcher, text: str) -> None:
    match = matcher.match(text)
    assert match is not None and (match.actor_id, match.how, match.score) == (1, "exact", 100.0)


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("Hizbullah", 2),
        ("Islamic State in Iraq and the Levant", 1),
        ("Syrian Democratic Force", 4),
    ],
)
def test_a_spelling_variant_matches_fuzzily(matcher: AliasMatcher, text: str, actor_id: int) -> None:
    match = matcher.match(text)
    assert match is not None and match.actor_id == actor_id and match.how == "fuzzy"
    assert 88 <= match.score < 100


@pytest.mark.parametrize("text", ["ISIX", "SDG", "Brigade 13", "Hamas", "Syrian Arab Army", "", "   "])
def test_short_names_other_numbers_and_strangers_do_not_match(matcher: AliasMatcher, text: str) -> None:
    assert matcher.match(text) is None


def test_an_alias_of_two_actors_is_ambiguous_and_lists_both(matcher: AliasMatcher) -> None:
    assert matcher.match("Islamic Jihad") is None
    assert {m.actor_id for m in matcher.candidates("Islamic Jihad")} == {5, 6}


def test_the_seed_dictionary_reads_and_names_isil_isis_and_daesh_as_one_actor() -> None:
    actors = seed_actors()
    assert len(actors) >= 40
    matcher = AliasMatcher((i, name, normalise(name)) for i, actor in enumerate(actors) for name in actor.names)
    ids = {matcher.match(name).actor_id for name in ("ISIL", "ISIS", "Daesh", "Da’esh")}  # type: ignore[union-attr]
    assert len(ids) == 1
    assert actors[ids.pop()].name == "Islamic State"


@pytest.mark.parametrize("text", ["ISIL fighters", "an ISIL tactical unit", "nine Da’esh terrorists", "Daesh members"])
def test_members_of_an_actor_match_through_the_head_of_the_name(matcher: AliasMatcher, text: str) -> None:
    match = matcher.match(text)
    assert match is not None and (match.actor_id, match.how) == (1, "head")


@pytest.mark.parametrize("text", ["Counter-Daesh Coalition", "fighters", "the ISIL threat"])
def test_a_name_that_only_mentions_an_actor_does_not_match_it(matcher: AliasMatcher, text: str) -> None:
    assert matcher.match(text) is None
