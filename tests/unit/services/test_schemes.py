"""Scheme files a person writes: every problem reported at once, one message each, with
where it is; the bundled codebooks pass."""

import pytest

from annotator.core.scheme import BUNDLED_SCHEMES, LabelScheme
from annotator.services.schemes import SchemeError, load_scheme, scheme_problems, validate_scheme

GOOD = """
name = "mine"
[entities]
PERSON = { colour = "#f4a6a6", key = "1" }
GPE = { colour = "#a6f4b8", key = "2" }
[events.ATTACK]
key = "k"
sub_types = ["Raid"]
roles = ["ACTOR", "TARGET"]
[roles]
ACTOR = { key = "1" }
TARGET = { key = "2" }
[aliases]
ASSAULT = "ATTACK:Raid"
PER = "PERSON"
"""


@pytest.mark.parametrize("name", BUNDLED_SCHEMES)
def test_bundled_codebooks_are_valid(name):
    scheme = load_scheme(name)
    assert scheme.name == name and scheme.event_types and scheme.checks
    assert scheme_problems(scheme.source) == []


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    scheme = load_scheme(path)
    assert scheme.event_type_for("ASSAULT") == ("ATTACK", "Raid")
    assert scheme.event_type_for("UNKNOWN") is None


def problems(text: str) -> list[str]:
    return scheme_problems(text)


def test_duplicate_labels_across_tables_and_case():
    found = problems(GOOD.replace("[events.ATTACK]", "[events.Person]").replace("ATTACK:Raid", "Person:Raid"))
    assert found == ["events.Person: label 'Person' is also entities.PERSON"]


def test_a_label_given_twice_in_one_table_names_its_line():
    text = GOOD.replace('GPE = { colour = "#a6f4b8", key = "2" }', 'GPE = { key = "2" }\nPERSON = { key = "3" }')
    assert problems(text) == ["line 6: [entities] PERSON is given twice (first on line 4)"]


def test_key_clashes():
    assert problems(GOOD.replace('key = "2" }\n[events', 'key = "a" }\n[events')) == [
        "entities.GPE.key: 'a' is a command key (A accept, X reject, Q quote, E event)"
    ]
    assert problems(
        GOOD.replace('GPE = { colour = "#a6f4b8", key = "2" }', 'GPE = { colour = "#a6f4b8", key = "1" }')
    ) == ["entities.GPE.key: '1' is also the key of PERSON"]
    assert problems(GOOD.replace('TARGET = { key = "2" }', 'TARGET = { key = "1" }')) == [
        "roles.TARGET.key: '1' is also the key of ACTOR"
    ]
    assert problems(GOOD.replace('key = "k"', 'key = "kk"')) == ["events.ATTACK.key: 'kk' is not one key"]


def test_roles_no_event_type_allows_and_roles_no_table_defines():
    text = GOOD.replace('TARGET = { key = "2" }', 'TARGET = { key = "2" }\nWITNESS = { key = "3" }')
    assert problems(text) == ["roles.WITNESS: no event type allows this role"]
    text = GOOD.replace('roles = ["ACTOR", "TARGET"]', 'roles = ["ACTOR", "TARGET", "ACTR"]')
    assert problems(text) == ["events.ATTACK.roles: role 'ACTR' is not defined in [roles]"]


def test_unknown_aliases():
    assert problems(GOOD.replace('ASSAULT = "ATTACK:Raid"', 'ASSAULT = "BATTLE"')) == [
        "aliases.ASSAULT: 'BATTLE' is not a label or event type of this scheme"
    ]
    assert problems(GOOD.replace('ASSAULT = "ATTACK:Raid"', 'ASSAULT = "ATTACK:Ambush"')) == [
        "aliases.ASSAULT: ATTACK has no sub-type 'Ambush'"
    ]
    assert problems(GOOD.replace('PER = "PERSON"', 'GPE = "PERSON"')) == [
        "aliases.GPE: 'GPE' is a label of this scheme, so the alias is never used"
    ]


def test_typos_and_wrong_types_are_named_where_they_are():
    text = GOOD.replace('key = "k"', 'key = "k"\ncolor = "#ff0000"').replace(
        'name = "mine"', 'name = "mine"\nversion = "one"'
    )
    assert problems(text) == [
        "version: Input should be a valid integer, unable to parse string as an integer",
        "events.ATTACK.color: unknown key (a typo?)",
    ]


def test_check_rules_are_checked():
    text = (
        GOOD
        + """
[[checks]]
id = "x"
kind = "roles"
events = ["BATLE"]
roles = ["ACTR"]
message = "m"

[[checks]]
id = "x"
kind = "figure"
message = "m"

[[checks]]
id = "y"
kind = "sometimes"
message = "m"
"""
    )
    assert problems(text) == ["checks.2.kind: Input should be 'roles', 'date', 'sub_type', 'claims' or 'figure'"]
    text = text[: text.index('[[checks]]\nid = "y"')]
    assert problems(text) == [
        "checks.0 (x): 'BATLE' is not an event type",
        "checks.0 (x): 'ACTR' is not a role",
        "checks.1 (x): a figure check needs a claim kind",
        "checks: id 'x' is used by 2 rules",
    ]


def test_several_problems_are_all_reported_in_one_error(tmp_path):
    text = GOOD.replace('key = "2" }\n[events', 'key = "a" }\n[events').replace(
        'ASSAULT = "ATTACK:Raid"', 'ASSAULT = "FIGHT"'
    )
    with pytest.raises(SchemeError) as raised:
        validate_scheme(text, "mine.toml")
    message = str(raised.value)
    assert message.startswith("mine.toml: the label scheme has 2 problems\n  - entities.GPE.key")
    assert len(raised.value.problems) == 2


def test_not_toml_and_missing_file(tmp_path):
    assert problems('name = "x"\n[entities\n')[0].startswith("not valid TOML: ")
    with pytest.raises(SchemeError, match="no such file, and not a bundled scheme"):
        load_scheme(tmp_path / "nowhere.toml")


def test_plain_parser_still_reads_what_it_read_before():
    scheme = LabelScheme.default()
    assert scheme.event_types["AGREE"].claims == ("exchanged",)
    assert scheme.event_types["BATTLE"].roles[0] == "ACTOR"
    old_style = LabelScheme.from_toml('[events.X]\nroles = ["ACTOR", "FATALITIES"]\n')
    assert old_style.event_types["X"].claims == ("killed",)
