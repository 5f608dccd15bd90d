"""Span scores and gestures on mentions written for the test."""

import pytest

from annotator.core.scoring import ALL, Gestures, gestures, score, score_by_label

GOLD = [("a", 0, 4, "GPE"), ("a", 10, 20, "ORG"), ("b", 0, 5, "PERSON")]


def test_exact_scores_need_document_offsets_and_label() -> None:
    found = [("a", 0, 4, "GPE"), ("a", 10, 15, "ORG"), ("b", 0, 5, "ORG"), ("b", 0, 4, "GPE")]
    result = score(GOLD, found)
    assert (result.found_hits, result.gold_hits) == (1, 1)
    assert result.precision == pytest.approx(1 / 4) and result.recall == pytest.approx(1 / 3)
    assert result.f1 == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))


def test_overlap_scores_count_shared_characters_of_the_same_label_and_document() -> None:
    found = [("a", 2, 6, "GPE"), ("a", 12, 13, "ORG"), ("b", 0, 5, "ORG"), ("a", 0, 4, "PERSON")]
    result = score(GOLD, found, overlap=True)
    assert (result.found_hits, result.gold_hits) == (2, 2)


def test_by_label_has_every_label_and_all_micro_averaged() -> None:
    found = [("a", 0, 4, "GPE"), ("b", 0, 5, "ORG")]
    result = score_by_label(GOLD, found)
    assert result.labels() == ["GPE", "ORG", "PERSON", ALL]
    assert result.exact["GPE"].f1 == 1.0 and result.exact["PERSON"].recall == 0.0
    assert result.exact["ORG"].precision == 0.0 and result.exact["ORG"].gold == 1
    assert (result.exact[ALL].gold, result.exact[ALL].found, result.exact[ALL].found_hits) == (3, 2, 1)


def test_by_label_can_leave_labels_out_of_every_figure() -> None:
    result = score_by_label(GOLD, [("a", 0, 4, "GPE"), ("a", 30, 33, "CARDINAL")], labels=["GPE", "ORG", "PERSON"])
    assert "CARDINAL" not in result.exact and result.exact[ALL].precision == 1.0


def test_gestures_accept_right_reject_wrong_add_missing() -> None:
    suggested = [("a", 0, 4, "GPE"), ("a", 10, 15, "ORG"), ("a", 30, 33, "CARDINAL")]
    result = gestures(GOLD, suggested)
    assert result == Gestures(accept=1, reject=2, add=2)
    assert result.total == 1 + 2 + 4 and result.scratch == 6
    assert result.ratio == pytest.approx(7 / 6)


def test_no_suggestions_cost_exactly_scratch_and_perfect_ones_half() -> None:
    assert gestures(GOLD, []).ratio == 1.0
    assert gestures(GOLD, GOLD).ratio == 0.5
    assert gestures([], []).ratio == 0.0
