"""Inter-annotator agreement, standard library only.

- Span P/R/F1 of one annotator's spans against another's, exact (same offsets and label)
  or overlapping (same label, any shared character). A span counts once however many it
  matches, so precision and recall swap when the two annotators swap.
- Cohen's kappa on the label each token carries (two annotators).
- Krippendorff's alpha, nominal, on the same token labels (any number, missing allowed).
- Matching of quotes and event triggers, and the share of matched pairs that agree on a
  part (speaker, cue, kind; type, sub-type, a flag).

Checked against scikit-learn's `cohen_kappa_score` and the `krippendorff` package in
the tests.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations

Mention = tuple[int, int, str]  # start, end (exclusive), label
Range = tuple[int, int]
OUTSIDE = "O"


@dataclass
class SpanCounts:
    """Counts behind precision and recall of `predicted` against `reference`."""

    predicted: int = 0
    reference: int = 0
    predicted_matched: int = 0
    reference_matched: int = 0

    def add(self, other: SpanCounts) -> SpanCounts:
        self.predicted += other.predicted
        self.reference += other.reference
        self.predicted_matched += other.predicted_matched
        self.reference_matched += other.reference_matched
        return self

    @property
    def precision(self) -> float:
        return self.predicted_matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.reference_matched / self.reference if self.reference else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def disagreements(self) -> int:
        """Spans of either side without a partner on the other."""
        return (self.predicted - self.predicted_matched) + (self.reference - self.reference_matched)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "a": self.reference,
            "b": self.predicted,
        }


def overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same(a: Mention, b: Mention, overlap: bool) -> bool:
    if a[2] != b[2]:
        return False
    return overlaps(a[:2], b[:2]) if overlap else a[:2] == b[:2]


def span_counts(reference: Sequence[Mention], predicted: Sequence[Mention], overlap: bool = False) -> SpanCounts:
    """Matched and total spans of `predicted` against `reference` (one article)."""
    ref, pred = set(reference), set(predicted)
    return SpanCounts(
        predicted=len(pred),
        reference=len(ref),
        predicted_matched=sum(1 for p in pred if any(_same(p, r, overlap) for r in ref)),
        reference_matched=sum(1 for r in ref if any(_same(p, r, overlap) for p in pred)),
    )


def span_counts_by_label(
    reference: Sequence[Mention], predicted: Sequence[Mention], overlap: bool = False
) -> dict[str, SpanCounts]:
    """`span_counts` per label, plus "ALL" for every label together."""
    labels = sorted({m[2] for m in reference} | {m[2] for m in predicted})
    counts = {
        label: span_counts([m for m in reference if m[2] == label], [m for m in predicted if m[2] == label], overlap)
        for label in labels
    }
    counts["ALL"] = span_counts(reference, predicted, overlap)
    return counts


def token_labels(tokens: Sequence[Range], mentions: Sequence[Mention]) -> list[str]:
    """The label each token carries: that of the longest mention covering it (ties: the
    earlier start, then the label's name), or "O"."""
    ordered = sorted(mentions, key=lambda m: (-(m[1] - m[0]), m[0], m[2]))
    labels = []
    for token in tokens:
        labels.append(next((m[2] for m in ordered if m[0] <= token[0] and token[1] <= m[1]), OUTSIDE))
    return labels


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Cohen's kappa of two equally long label sequences. 1.0 when both agree on a single
    label throughout (chance agreement is then 1 and kappa is otherwise undefined)."""
    if len(first) != len(second):
        raise ValueError("kappa needs two label sequences of the same length")
    n = len(first)
    if n == 0:
        return 0.0
    observed = sum(1 for a, b in zip(first, second) if a == b) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's alpha for nominal data.

    Args:
        units (Sequence[Sequence]): One row per unit (a token), one value per coder;
            None where that coder gave no value. Units with fewer than two values are
            not pairable and are left out.
    RETURNS (float): Alpha; 1.0 when every pairable value is the same.
    """
    coincidences: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values in units:
        present = [v for v in values if v is not None]
        m = len(present)
        if m < 2:
            continue
        for i, j in ((i, j) for i in range(m) for j in range(m) if i != j):
            coincidences[(present[i], present[j])] += 1.0 / (m - 1)
    totals: defaultdict[Hashable, float] = defaultdict(float)
    for (c, _k), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    if n <= 1:
        return 0.0
    disagreement = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return 1.0
    return 1.0 - (n - 1) * disagreement / expected


def match(reference: Sequence[Range], predicted: Sequence[Range], overlap: bool = True) -> list[tuple[int, int]]:
    """One-to-one pairs (index in reference, index in predicted): identical ranges first,
    then, with `overlap`, the largest overlaps."""
    pairs: list[tuple[int, int]] = []
    used_ref: set[int] = set()
    used_pred: set[int] = set()
    for i, r in enumerate(reference):
        for j, p in enumerate(predicted):
            if j not in used_pred and r == p:
                pairs.append((i, j))
                used_ref.add(i)
                used_pred.add(j)
                break
    if overlap:
        candidates = sorted(
            (
                (min(r[1], p[1]) - max(r[0], p[0]), i, j)
                for i, r in enumerate(reference)
                if i not in used_ref
                for j, p in enumerate(predicted)
                if j not in used_pred and overlaps(r, p)
            ),
            key=lambda c: (-c[0], c[1], c[2]),
        )
        for _size, i, j in candidates:
            if i not in used_ref and j not in used_pred:
                pairs.append((i, j))
                used_ref.add(i)
                used_pred.add(j)
    return sorted(pairs)


@dataclass
class Share:
    """How many matched pairs agree on one part."""

    agreed: int = 0
    total: int = 0

    def add(self, agreed: bool) -> None:
        self.total += 1
        self.agreed += int(agreed)

    @property
    def value(self) -> float | None:
        return self.agreed / self.total if self.total else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"agreement": None if self.value is None else round(self.value, 4), "pairs": self.total}


def pairs_of(names: Sequence[str]) -> list[tuple[str, str]]:
    """Every unordered pair of annotators, in the order given."""
    return list(combinations(names, 2))
