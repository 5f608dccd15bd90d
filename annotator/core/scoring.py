"""Scoring suggestions against a reference: P/R/F1 per label and the gestures they save.

A `Mention` is (document key, start, end, label). Exact matching needs the same document,
offsets and label; overlap matching needs the same document and label and any shared
character. Gestures are what an annotator spends to turn the suggestions of one article
into the reference: accept a right suggestion 1, reject a wrong one 1, add a missing span
2. From scratch the same article costs 2 per reference span, so `gestures / scratch`
below 1 means the suggestions save work and above 1 means they cost more than they save.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

Mention = tuple[Hashable, int, int, str]
ALL = "ALL"
ACCEPT_COST, REJECT_COST, ADD_COST = 1, 1, 2


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall: hits among the found and among the gold."""

    gold: int = 0
    found: int = 0
    found_hits: int = 0
    gold_hits: int = 0

    @property
    def precision(self) -> float:
        return self.found_hits / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.gold_hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.gold + other.gold,
            self.found + other.found,
            self.found_hits + other.found_hits,
            self.gold_hits + other.gold_hits,
        )

    def to_json(self) -> dict[str, float | int]:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f": round(self.f1, 4),
            "gold": self.gold,
            "found": self.found,
        }


@dataclass(frozen=True)
class Gestures:
    """Gestures to reach the reference from the suggestions, and from nothing."""

    accept: int = 0
    reject: int = 0
    add: int = 0

    @property
    def total(self) -> int:
        return self.accept * ACCEPT_COST + self.reject * REJECT_COST + self.add * ADD_COST

    @property
    def scratch(self) -> int:
        return (self.accept + self.add) * ADD_COST

    @property
    def ratio(self) -> float:
        """Gestures with suggestions over gestures from scratch (lower is better)."""
        return self.total / self.scratch if self.scratch else 0.0

    def __add__(self, other: Gestures) -> Gestures:
        return Gestures(self.accept + other.accept, self.reject + other.reject, self.add + other.add)

    def to_json(self) -> dict[str, float | int]:
        return {
            "accept": self.accept,
            "reject": self.reject,
            "add": self.add,
            "total": self.total,
            "scratch": self.scratch,
            "ratio": round(self.ratio, 4),
        }


@dataclass
class LabelScores:
    """Exact and overlap scores per label, with `ALL` (micro-averaged) among them."""

    exact: dict[str, Score] = field(default_factory=dict)
    overlap: dict[str, Score] = field(default_factory=dict)

    def labels(self) -> list[str]:
        """Labels in order, `ALL` last."""
        return sorted(label for label in self.exact if label != ALL) + [ALL]

    def to_json(self) -> dict[str, dict[str, dict[str, float | int]]]:
        return {
            label: {"exact": self.exact[label].to_json(), "overlap": self.overlap[label].to_json()}
            for label in self.labels()
        }


def score(gold: Iterable[Mention], found: Iterable[Mention], overlap: bool = False) -> Score:
    """Precision and recall counts of `found` against `gold`, exact or by overlap.

    Each found mention is a hit when some gold mention matches it, and each gold mention
    when some found mention matches it (with overlap matching, one long span can hit two
    short ones).
    """
    gold_by_key = _by_document_label(gold)
    found_by_key = _by_document_label(found)
    total = Score()
    for key in set(gold_by_key) | set(found_by_key):
        g, f = gold_by_key.get(key, []), found_by_key.get(key, [])
        if overlap:
            found_hits = sum(1 for a in f if any(a[0] < b[1] and b[0] < a[1] for b in g))
            gold_hits = sum(1 for b in g if any(a[0] < b[1] and b[0] < a[1] for a in f))
        else:
            gold_set, found_set = set(g), set(f)
            found_hits = sum(1 for a in f if a in gold_set)
            gold_hits = sum(1 for b in g if b in found_set)
        total = total + Score(len(g), len(f), found_hits, gold_hits)
    return total


def score_by_label(
    gold: Iterable[Mention], found: Iterable[Mention], labels: Iterable[str] | None = None
) -> LabelScores:
    """Exact and overlap scores for every label of `gold` (or `labels`), plus `ALL`.

    labels (Iterable[str] | None): labels to score; found mentions with other labels are
        left out of every figure, `ALL` included. None: the gold's labels and the found's.
    """
    gold, found = list(gold), list(found)
    wanted = set(labels) if labels is not None else {m[3] for m in gold} | {m[3] for m in found}
    gold = [m for m in gold if m[3] in wanted]
    found = [m for m in found if m[3] in wanted]
    result = LabelScores()
    for label in sorted(wanted):
        g = [m for m in gold if m[3] == label]
        f = [m for m in found if m[3] == label]
        result.exact[label], result.overlap[label] = score(g, f), score(g, f, overlap=True)
    result.exact[ALL], result.overlap[ALL] = score(gold, found), score(gold, found, overlap=True)
    return result


def gestures(gold: Iterable[Mention], suggested: Iterable[Mention]) -> Gestures:
    """Gestures to turn `suggested` into `gold`: a suggestion identical to a gold span is
    accepted, any other is rejected, and every gold span nobody suggested is added."""
    gold_set = set(gold)
    suggested_set = set(suggested)
    accepted = len(gold_set & suggested_set)
    return Gestures(accepted, len(suggested_set) - accepted, len(gold_set) - accepted)


def _by_document_label(mentions: Iterable[Mention]) -> dict[tuple[Hashable, str], list[tuple[int, int]]]:
    grouped: dict[tuple[Hashable, str], list[tuple[int, int]]] = defaultdict(list)
    for document, start, end, label in mentions:
        grouped[(document, label)].append((start, end))
    return grouped
