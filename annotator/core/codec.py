"""Event dates and claims as JSON objects: one encoding for the history, our JSONL, the
event table and the PLOVER export, so every format reads back what another wrote."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotator.core.model import Claim, ClaimKind, DatePrecision, EventDate, Origin


def date_to_json(value: EventDate) -> dict[str, Any]:
    return {
        "first": value.first,
        "last": value.last,
        "precision": str(value.precision),
        "text": value.text,
        "origin": str(value.origin),
    }


def date_from_json(data: Mapping[str, Any] | None, origin: Origin = Origin.MODEL) -> EventDate | None:
    """An event date from its JSON object (None stays None); `origin` when it names none."""
    if data is None:
        return None
    return EventDate(
        str(data["first"]),
        str(data.get("last") or data["first"]),
        DatePrecision(data["precision"]),
        str(data.get("text", "")),
        Origin(data.get("origin") or origin),
    )


def claim_to_json(claim: Claim) -> dict[str, Any]:
    return {
        "kind": str(claim.kind),
        "figure": claim.figure,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "counts": claim.counts,
        "claimant": claim.claimant,
        "start": claim.start,
        "end": claim.end,
        "origin": str(claim.origin),
    }


def claim_from_json(data: Mapping[str, Any], origin: Origin = Origin.MODEL) -> Claim:
    """A claim from its JSON object; `origin` when it names none.

    RAISES (KeyError, ValueError): no kind or figure, or values of the wrong kind.
    """
    high = data.get("high")
    start, end = data.get("start"), data.get("end")
    return Claim(
        ClaimKind(data["kind"]),
        int(data["figure"]),
        None if high is None else int(high),
        str(data.get("qualifier", "")),
        str(data.get("counts", "")),
        str(data.get("claimant", "")),
        None if start is None else int(start),
        None if end is None else int(end),
        Origin(data.get("origin") or origin),
    )
