"""Build spans from peer files, checking only their structure (labels are checked later
against the project's scheme by the import service)."""

from __future__ import annotations

from typing import Any

from annotator.core.model import Origin, Span, Status
from annotator.ingest.layers import layer_for_label


class SpanProblem(ValueError):
    """A span in a file is structurally unusable; the message says why."""


def make_span(
    start: Any,
    end: Any,
    label: Any,
    text_length: int,
    status: Status = Status.ACCEPTED,
    origin: Origin = Origin.IMPORT,
) -> Span:
    """A Span after checking offsets and label, on the layer its label implies.

    start (Any): Start offset as read from the file; must be an int.
    end (Any): End offset (exclusive); must be an int.
    label (Any): The label; must be a non-empty string.
    text_length (int): Length of the text the offsets refer to.
    status (Status): Decision state to give the span.
    origin (Origin): Where the span came from.
    RETURNS (Span): The span, offsets relative to the text as given.
    RAISES (SpanProblem): Offsets missing, not integers, outside the text or empty, or no label.
    """
    if not isinstance(label, str) or not label.strip():
        raise SpanProblem(f"span [{start}, {end}) has no label")
    if not _is_int(start) or not _is_int(end):
        raise SpanProblem(f"span {label} has offsets that are not whole numbers: {start!r}, {end!r}")
    if not 0 <= start < end <= text_length:
        raise SpanProblem(f"span {label} [{start}, {end}) is outside the text (length {text_length}) or empty")
    return Span(start, end, label, layer_for_label(label), status, origin)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
