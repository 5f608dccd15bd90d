"""Codebook checks: the rules of a scheme (`[[checks]]`) applied to events.

A rule names the event types it covers and what they need: arguments in some roles (of a
kind: "a civilian TARGET"), a date (precise enough), a sub-type, or figures that agree.
Checks warn, they never block: a coder sees them on the event and before marking an
article done; `annotator check` lists them for a whole project. Rejected spans do not count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from annotator.core.model import Annotations, Claim, DatePrecision, Event, Layer, Span, Status
from annotator.core.scheme import CheckRule, LabelScheme

PRECISION_ORDER = (DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR)
_APPROXIMATE = frozenset({"about", "around", "approximately", "some", "an estimated", "roughly", "nearly", "almost"})
_OPEN_ABOVE = frozenset({"at least", "dozens", "hundreds", "thousands", "scores"})
_ABOVE = frozenset({"more than", "over"})
_UP_TO = frozenset({"up to", "as many as", "fewer than", "less than", "under"})


@dataclass(frozen=True)
class CheckFailure:
    """One rule an event does not meet.

    rule: the rule's id; message: the rule's message; detail: what in particular (the
    conflicting figures); event_id, event_type and trigger (start, end) say which event.
    """

    rule: str
    message: str
    event_type: str
    trigger: tuple[int, int]
    event_id: int | None = None
    detail: str = ""

    def describe(self) -> str:
        return f"{self.message} ({self.detail})" if self.detail else self.message


def check_event(scheme: LabelScheme, event: Event, annotations: Annotations, text: str) -> list[CheckFailure]:
    """The rules of `scheme` that `event` breaks, in the scheme's order.

    scheme (LabelScheme): the project's scheme with its `checks`.
    event (Event): the event to check.
    annotations (Annotations): the set it belongs to (entity labels of argument spans).
    text (str): the article text (word rules read the arguments' text).
    RETURNS (list[CheckFailure]): one failure per broken rule.
    """
    failures = []
    for rule in scheme.checks:
        if not rule.applies_to(event.event_type):
            continue
        detail = _broken(rule, event, annotations, text)
        if detail is not None:
            failures.append(
                CheckFailure(
                    rule.id, rule.message, event.event_type, (event.trigger.start, event.trigger.end), event.id, detail
                )
            )
    return failures


def check_annotations(scheme: LabelScheme, annotations: Annotations, text: str) -> list[CheckFailure]:
    """Every failure of every event of a set whose trigger is not rejected, in text order."""
    events = sorted(
        (e for e in annotations.events if e.trigger.status != Status.REJECTED),
        key=lambda e: (e.trigger.start, e.trigger.end),
    )
    return [failure for event in events for failure in check_event(scheme, event, annotations, text)]


def _broken(rule: CheckRule, event: Event, annotations: Annotations, text: str) -> str | None:
    """None when the event meets the rule, else a detail ("" when the message says it all)."""
    if rule.kind == "roles":
        found = [
            a.span for a in event.arguments if _base_role(a.role) in rule.roles and a.span.status != Status.REJECTED
        ]
        if rule.words or rule.labels:
            found = [s for s in found if _fits(rule, s, annotations, text)]
        count = len({(s.start, s.end) for s in found})
        return None if count >= rule.min else (f"{count} of {rule.min}" if rule.min > 1 else "")
    if rule.kind == "date":
        if event.date is None:
            return "no date"
        if rule.precision and _coarser(event.date.precision, rule.precision):
            return f"known only to the {event.date.precision}"
        return None
    if rule.kind == "sub_type":
        return None if event.sub_type else ""
    if rule.kind == "figure":
        figures = [c.figure for c in event.claims if c.kind == rule.claim]
        return None if figures and max(figures) >= rule.min else ""
    if rule.kind == "claims":
        clashes = conflicting_claims(event.claims)
        if not clashes:
            return None
        return "; ".join(f"{a.kind}: {_said(a)} vs {_said(b)}" for a, b in clashes)
    return None


def _fits(rule: CheckRule, span: Span, annotations: Annotations, text: str) -> bool:
    if rule.labels:
        labels = {span.label} | {
            s.label
            for s in annotations.spans
            if s.layer == Layer.ENTITY and (s.start, s.end) == (span.start, span.end) and s.status != Status.REJECTED
        }
        if labels & set(rule.labels):
            return True
    return bool(rule.words) and _words_pattern(rule.words).search(span.text_in(text)) is not None


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:s|es)?\b", re.IGNORECASE)


def _coarser(precision: str, limit: str) -> bool:
    return PRECISION_ORDER.index(DatePrecision(precision)) > PRECISION_ORDER.index(DatePrecision(limit))


def _base_role(role: str) -> str:
    return role.rstrip("0123456789")


def claim_bounds(claim: Claim) -> tuple[float, float]:
    """The counts a claim allows: "12" is [12, 12], "at least 12" [12, ∞), "more than 12"
    [13, ∞), "about 100" [80, 120], "up to 10" [0, 10], "10 to 15" [10, 15]."""
    low, high = float(claim.figure), float(claim.high if claim.high is not None else claim.figure)
    qualifier = claim.qualifier
    if qualifier in _OPEN_ABOVE:
        return low, math.inf
    if qualifier in _ABOVE:
        return low + 1, math.inf
    if qualifier in _UP_TO:
        return 0.0, high
    if qualifier in ("nearly", "almost"):
        return math.floor(low * 0.8), high
    if qualifier in _APPROXIMATE:
        return math.floor(low * 0.8), math.ceil(high * 1.2)
    return low, high


def conflicting_claims(claims: Iterable[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of claims of one kind whose figures cannot both be true."""
    pairs = []
    for a, b in combinations(list(claims), 2):
        if a.kind != b.kind:
            continue
        (a_low, a_high), (b_low, b_high) = claim_bounds(a), claim_bounds(b)
        if a_high < b_low or b_high < a_low:
            pairs.append((a, b))
    return pairs


def _said(claim: Claim) -> str:
    return f"{claim.figure_text} ({claim.claimant or 'the article'})"
