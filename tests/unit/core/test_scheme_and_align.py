import pytest

from annotator.core.align import snap, token_range
from annotator.core.errors import ValidationError
from annotator.core.model import Layer, Span, Tokenisation
from annotator.core.scheme import LabelScheme


def test_default_scheme_has_the_designed_labels_and_roles() -> None:
    scheme = LabelScheme.default()
    assert {"PERSON", "ORG", "GPE", "ARMED_GROUP", "WEAPON", "DATE"} <= set(scheme.entities)
    assert {
        "BATTLE",
        "EXPLOSION_REMOTE",
        "VIOLENCE_AGAINST_CIVILIANS",
        "PROTEST",
        "RIOT",
        "STRATEGIC_DEVELOPMENT",
        "NEGOTIATE",
        "AGREE",
        "DEMAND",
        "ACCUSE",
        "THREATEN",
    } == set(scheme.event_types)
    assert scheme.map_model_label("ORDINAL") is None
    assert scheme.map_model_label("GPE") == "GPE"
    keys = [label.key for label in scheme.entities.values()]
    assert len(keys) == len(set(keys)), "entity keys must be unique"


def test_scheme_validates_labels_offsets_and_roles() -> None:
    scheme = LabelScheme.default()
    scheme.validate_span(Span(0, 3, "PERSON"), 10)
    with pytest.raises(ValidationError, match="not in scheme"):
        scheme.validate_span(Span(0, 3, "ALIEN"), 10)
    with pytest.raises(ValidationError, match="outside"):
        scheme.validate_span(Span(5, 30, "PERSON"), 10)
    scheme.validate_span(Span(0, 3, "AGREE", Layer.TRIGGER), 10)
    scheme.validate_role("BATTLE", "FATALITIES")
    scheme.validate_role("AGREE", "ACTOR2")
    with pytest.raises(ValidationError, match="does not fit"):
        scheme.validate_role("NEGOTIATE", "FATALITIES")


def test_scheme_rejects_bad_toml() -> None:
    with pytest.raises(ValidationError, match="TOML"):
        LabelScheme.from_toml("name = ")


TOKENS = Tokenisation(((0, 5), (6, 11), (12, 14), (15, 23)), (0,))  # "Hello world, my friend"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 5, (0, 5)), (2, 8, (0, 11)), (5, 6, None), (6, 23, (6, 23)), (13, 100, (12, 23)), (3, 3, None)],
)
def test_snap_grows_to_enclosing_tokens(start: int, end: int, expected: tuple[int, int] | None) -> None:
    assert snap(start, end, TOKENS) == expected


def test_token_range_is_inclusive() -> None:
    assert token_range(6, 23, TOKENS) == (1, 3)
