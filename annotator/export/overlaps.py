"""The one rule for flat entity layers (doc.ents, IOB tags): longest span wins, ties go
to the earliest; what loses is counted in the export report, never dropped silently."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from annotator.core.model import Span


def resolve_overlaps(spans: Iterable[Span]) -> tuple[list[Span], list[Span]]:
    """Split entity spans into a non-overlapping set and the spans it leaves out.

    spans (Iterable[Span]): entity spans, possibly overlapping or duplicated.
    RETURNS (tuple[list[Span], list[Span]]): kept spans in text order, and dropped spans.
    """
    starts: list[int] = []
    kept: list[Span] = []
    dropped: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start, s.label)):
        i = bisect.bisect_right(starts, span.start)
        clashes_left = i > 0 and kept[i - 1].end > span.start
        clashes_right = i < len(kept) and kept[i].start < span.end
        if clashes_left or clashes_right:
            dropped.append(span)
            continue
        starts.insert(i, span.start)
        kept.insert(i, span)
    return kept, dropped
