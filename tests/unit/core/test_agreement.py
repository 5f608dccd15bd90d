"""Agreement figures: hand-computed small cases, and the reference implementations on
PyPI (scikit-learn's cohen_kappa_score, the krippendorff package) on random data."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import (
    cohen_kappa,
    krippendorff_alpha,
    match,
    span_counts,
    span_counts_by_label,
    token_labels,
)


def test_span_precision_recall_f1_by_hand() -> None:
    first = [(0, 5, "PERSON"), (10, 15, "ORG")]
    second = [(0, 5, "PERSON"), (10, 14, "ORG"), (20, 25, "GPE")]
    exact = span_counts(first, second)
    assert (exact.precision, exact.recall) == (pytest.approx(1 / 3), 0.5)
    assert exact.f1 == pytest.approx(0.4)
    overlap = span_counts(first, second, overlap=True)
    assert (overlap.precision, overlap.recall, overlap.f1) == (pytest.approx(2 / 3), 1.0, pytest.approx(0.8))
    swapped = span_counts(second, first)
    assert (swapped.precision, swapped.recall) == (exact.recall, exact.precision)
    by_label = span_counts_by_label(first, second)
    assert by_label["PERSON"].f1 == 1.0 and by_label["ORG"].f1 == 0.0 and by_label["GPE"].precision == 0.0
    assert by_label["ALL"].f1 == pytest.approx(0.4)
    assert span_counts([(0, 5, "ORG")], [(0, 5, "GPE")], overlap=True).f1 == 0.0  # the label must agree


def test_ninety_percent_of_the_spans_is_f1_0_947() -> None:
    first = [(i * 10, i * 10 + 5, "ORG") for i in range(100)]
    result = span_counts(first, first[:90])
    assert (result.precision, result.recall) == (1.0, 0.9)
    assert round(result.f1, 3) == 0.947


def test_kappa_by_hand() -> None:
    assert cohen_kappa(list("AABB"), list("ABBB")) == pytest.approx(0.5)
    assert cohen_kappa(list("AB"), list("AB")) == 1.0
    assert cohen_kappa(list("AB"), list("BA")) == pytest.approx(-1.0)
    assert cohen_kappa(list("OOO"), list("OOO")) == 1.0


def test_alpha_by_hand() -> None:
    units = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]
    assert krippendorff_alpha(units) == pytest.approx(1 - 7 * 2 / 30)
    assert krippendorff_alpha(units + [("a", None), (None, None)]) == pytest.approx(1 - 7 * 2 / 30)
    assert krippendorff_alpha([("a", "a", "a"), ("b", "b", None)]) == 1.0


def test_token_labels_take_the_longest_covering_span() -> None:
    tokens = [(0, 4), (5, 10), (11, 16), (17, 20)]
    mentions = [(0, 10, "ORG"), (5, 10, "GPE"), (11, 16, "DATE")]
    assert token_labels(tokens, mentions) == ["ORG", "ORG", "DATE", "O"]


def test_match_pairs_identical_ranges_first_then_largest_overlap() -> None:
    assert match([(0, 5), (10, 20)], [(12, 14), (10, 19), (0, 5)]) == [(0, 2), (1, 1)]
    assert match([(0, 5)], [(3, 8)], overlap=False) == []


labels = st.sampled_from(["O", "PERSON", "ORG", "GPE"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(labels, labels), min_size=2, max_size=60))
def test_kappa_equals_scikit_learn(pairs) -> None:
    first, second = [p[0] for p in pairs], [p[1] for p in pairs]
    if len(set(first) | set(second)) < 2:
        return  # scikit-learn gives nan where chance agreement is 1; covered by hand above
    assert cohen_kappa(first, second) == pytest.approx(cohen_kappa_score(first, second), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda coders: st.lists(
            st.lists(st.one_of(st.none(), labels), min_size=coders, max_size=coders), min_size=2, max_size=40
        )
    )
)
def test_alpha_equals_the_krippendorff_package(units) -> None:
    codes = {"O": 0, "PERSON": 1, "ORG": 2, "GPE": 3}
    pairable = [u for u in units if sum(v is not None for v in u) >= 2]
    values = {v for u in pairable for v in u if v is not None}
    if len(values) < 2:
        return  # the package refuses a one-value domain; ours says 1.0 (tested by hand)
    data = np.array([[np.nan if v is None else codes[v] for v in unit] for unit in units], dtype=float).T
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert not math.isnan(expected)
    assert krippendorff_alpha(units) == pytest.approx(expected, abs=1e-9)
