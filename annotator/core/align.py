"""Snapping character spans to token boundaries.

A selection or an imported span that cuts a token grows to the enclosing tokens; the
caller reports that it moved. Nothing is dropped silently: a span that covers no token
at all returns None and the caller reports it.
"""

from __future__ import annotations

import bisect

from annotator.core.model import Tokenisation


def snap(start: int, end: int, tokens: Tokenisation) -> tuple[int, int] | None:
    """The smallest token-aligned span covering [start, end), or None if it holds no token.

    Args:
        start (int): Character offset, inclusive.
        end (int): Character offset, exclusive.
        tokens (Tokenisation): The article's stored tokens.
    RETURNS (tuple[int, int] | None): Snapped (start, end).
    """
    if end <= start or not tokens.tokens:
        return None
    ends = tokens.ends
    starts = tokens.starts
    first = bisect.bisect_right(ends, start)
    last = bisect.bisect_left(starts, end) - 1
    if first > last:
        return None
    return starts[first], ends[last]


def token_range(start: int, end: int, tokens: Tokenisation) -> tuple[int, int]:
    """(first token index, last token index inclusive) of a token-aligned span."""
    first = bisect.bisect_left(tokens.starts, start)
    last = bisect.bisect_left(tokens.ends, end)
    return first, last
