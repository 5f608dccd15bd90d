"""A plain index of what to paint where: spans in UTF-16 block coordinates.

The store counts code points; Qt counts UTF-16 units per block. This module converts once,
at the UI edge, with `annotator.core.text.utf16_offsets`, and answers the two questions
the view asks: which styled runs does block N have, and which span is at offset X.
No Qt here, so it is cheap to build and easy to test.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from annotator.core.model import Annotations, Layer, Span, Status
from annotator.core.text import codepoint_offset, utf16_offsets

BLOCK_SEPARATORS = ("\n", "\u2029")
_SEPARATOR = re.compile("[" + "".join(re.escape(c) for c in BLOCK_SEPARATORS) + "]")
LAYER_ORDER = {Layer.QUOTE: 0, Layer.ARGUMENT: 1, Layer.ENTITY: 2, Layer.SPEAKER: 3, Layer.CUE: 4, Layer.TRIGGER: 5}

StyleKey = tuple[str, str, str]  # (layer, label, status)
Run = tuple[int, int, StyleKey]  # (start in block, length, style), UTF-16 units


@dataclass
class SpanIndex:
    """Spans of one article laid out for painting."""

    text: str
    utf16: list[int] = field(default_factory=list)
    block_starts: list[int] = field(default_factory=list)  # code point offset of each block
    runs: dict[int, list[Run]] = field(default_factory=dict)
    spans: tuple[Span, ...] = ()
    block_spans: dict[int, list[Span]] = field(default_factory=dict)
    dirty: set[int] | None = None  # blocks changed by `updated`; None: compare all

    @classmethod
    def build(
        cls, text: str, annotations: Annotations, utf16: list[int] | None = None, block_starts: list[int] | None = None
    ) -> SpanIndex:
        table = utf16 if utf16 is not None else utf16_offsets(text)
        starts = block_starts if block_starts is not None else _block_starts(text)
        index = cls(text, table, starts, {}, tuple(annotations.spans))
        for span in sorted(annotations.spans, key=_order):
            index._add(span)
            for block in index.blocks_of(span):
                index.block_spans.setdefault(block, []).append(span)
        return index

    def updated(self, annotations: Annotations) -> SpanIndex:
        """The index for new annotations of the same text, redoing only touched blocks.

        Unchanged spans are the same objects from one edit to the next (the session
        replays edits in memory), so the difference is found by identity, in O(n)."""
        before = {id(s): s for s in self.spans}
        after = {id(s): s for s in annotations.spans}
        gone = [s for k, s in before.items() if k not in after]
        came = [s for k, s in after.items() if k not in before]
        block_spans = dict(self.block_spans)
        touched: set[int] = set()
        for span in gone:
            for block in self.blocks_of(span):
                block_spans[block] = [s for s in block_spans.get(block, []) if s is not span]
                touched.add(block)
        for span in came:
            for block in self.blocks_of(span):
                block_spans[block] = block_spans.get(block, []) + [span]
                touched.add(block)
        index = SpanIndex(
            self.text, self.utf16, self.block_starts, dict(self.runs), tuple(annotations.spans), block_spans, touched
        )
        for block in touched:
            index.runs.pop(block, None)
            for span in sorted(block_spans[block], key=_order):
                index._add(span, only_block=block)
        return index

    def _add(self, span: Span, only_block: int | None = None) -> None:
        key = (str(span.layer), span.label, str(span.status))
        first = bisect.bisect_right(self.block_starts, span.start) - 1
        last = bisect.bisect_right(self.block_starts, max(span.end - 1, span.start)) - 1
        if only_block is not None:
            first = last = only_block
        for block in range(first, last + 1):
            block_start = self.block_starts[block]
            block_end = self.block_starts[block + 1] - 1 if block + 1 < len(self.block_starts) else len(self.text)
            start, end = max(span.start, block_start), min(span.end, block_end)
            if end <= start:
                continue
            base = self.utf16[block_start]
            self.runs.setdefault(block, []).append((self.utf16[start] - base, self.utf16[end] - self.utf16[start], key))

    def changed_blocks(self, other: SpanIndex) -> set[int]:
        """Blocks whose runs differ between two indexes of the same text."""
        if self.dirty is not None:
            return {b for b in self.dirty if self.runs.get(b) != other.runs.get(b)}
        blocks = set(self.runs) | set(other.runs)
        return {b for b in blocks if self.runs.get(b) != other.runs.get(b)}

    def blocks_of(self, span: Span) -> range:
        first = bisect.bisect_right(self.block_starts, span.start) - 1
        last = bisect.bisect_right(self.block_starts, max(span.end - 1, span.start)) - 1
        return range(first, last + 1)

    # Offsets at the UI edge ----------------------------------------------------------

    def to_utf16(self, offset: int) -> int:
        return self.utf16[max(0, min(offset, len(self.text)))]

    def to_codepoint(self, utf16_offset: int) -> int:
        return codepoint_offset(self.utf16, utf16_offset)

    def span_at(self, offset: int, layers: tuple[Layer, ...] | None = None) -> Span | None:
        """The innermost non-rejected span covering a code point offset (rejected ones last)."""
        hits = self.spans_at(offset, layers)
        return hits[0] if hits else None

    def spans_at(self, offset: int, layers: tuple[Layer, ...] | None = None) -> list[Span]:
        """Every span covering a code point offset, innermost first, rejected ones last:
        the order a repeated click cycles through."""
        block = bisect.bisect_right(self.block_starts, offset) - 1
        candidates = self.block_spans.get(block, ()) if self.block_spans else self.spans
        hits = [s for s in candidates if s.start <= offset < s.end and (layers is None or s.layer in layers)]
        hits.sort(key=lambda s: (s.status == Status.REJECTED, s.end - s.start, -LAYER_ORDER.get(s.layer, 0), s.id or 0))
        return hits


def _order(span: Span) -> tuple[int, int, int, int]:
    return (LAYER_ORDER.get(span.layer, 9), span.start, span.end, span.id or 0)


def _block_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in _SEPARATOR.finditer(text))]
