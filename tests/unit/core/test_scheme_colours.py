"""The default scheme's colours can be told apart: entity colours from each other, and
argument roles (outlines and tags) from every entity colour (issue 10, item 8)."""

from __future__ import annotations

import itertools
import math

from annotator.core.scheme import LabelScheme


def lab(colour: str) -> tuple[float, float, float]:
    """sRGB hex to CIE L*a*b* (D65)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x, y, z = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: str, b: str) -> float:
    return math.dist(lab(a), lab(b))


def test_entity_colours_are_distinct_and_person_is_not_an_armed_group() -> None:
    entities = {name: label.colour for name, label in LabelScheme.default().entities.items()}
    closest = min((distance(a, b), x, y) for (x, a), (y, b) in itertools.combinations(entities.items(), 2))
    assert closest[0] >= 12, f"{closest[1]} and {closest[2]} look alike"
    assert distance(entities["PERSON"], entities["ARMED_GROUP"]) >= 30


def test_roles_never_look_like_an_entity() -> None:
    scheme = LabelScheme.default()
    roles = {name: label.colour for name, label in scheme.roles.items()}
    for role, colour in roles.items():
        for entity, fill in ((n, lab_.colour) for n, lab_ in scheme.entities.items()):
            assert distance(colour, fill) >= 25, f"role {role} looks like entity {entity}"
    closest = min((distance(a, b), x, y) for (x, a), (y, b) in itertools.combinations(roles.items(), 2))
    assert closest[0] >= 20, f"roles {closest[1]} and {closest[2]} look alike"
