"""Scoring a component's span group against gold Docs, the way spaCy scores spancat:
precision, recall and F of (start, end, label), overall and per label, under
``spans_<key>_p|r|f|per_type``, so `spacy evaluate --spans-key <key>` prints them.
Gold Docs without the group (another source's data) are left out of the count."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.scorer import Scorer
from spacy.training import Example

Scores = dict[str, Any]


def span_group_scorer(key: str) -> Callable[..., Scores]:
    """A scorer for `doc.spans[key]`; `examples` pair predicted and gold Docs."""
    attr = f"spans_{key}"

    def score(examples: Iterable[Example], **kwargs: Any) -> Scores:
        settings = {
            "attr": attr,
            "getter": lambda doc, _attr: doc.spans.get(key, []),
            "has_annotation": lambda doc: key in doc.spans,
            "allow_overlap": True,
            **kwargs,
        }
        return Scorer.score_spans(examples, **settings)

    return score
