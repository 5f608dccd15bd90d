"""Text normalisation, the article identity hash, and offset conversions.

Article text is normalised exactly once at import (Unicode NFC, newlines as ``\\n``).
Spans that arrive with a file refer to the text as it was, so normalisation also
returns a map from old offsets to new ones.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class OffsetMap:
    """Maps character offsets in an original text to offsets in its normalised form.

    `boundaries[i]` is an offset in the original where chunk i starts and `targets[i]`
    where that chunk starts in the normalised text; the last entries are the two lengths,
    so both tuples always hold at least two entries. Offsets inside a chunk that
    normalisation merged (``\\r\\n``, a letter and its combining mark) map to the chunk's
    start (a start) or end (an end).
    """

    boundaries: tuple[int, ...]
    targets: tuple[int, ...]
    original_length: int
    normalised_length: int
    is_identity: bool = False  # normalisation left the text unchanged: every offset maps to itself

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that normalisation leaves unchanged."""
        return cls((0, length), (0, length), length, length, is_identity=True)

    def start(self, offset: int) -> int:
        """Map a span start: inside a merged chunk, snap left."""
        return self._map(offset, snap_right=False)

    def end(self, offset: int) -> int:
        """Map a span end: inside a merged chunk, snap right."""
        return self._map(offset, snap_right=True)

    def _map(self, offset: int, snap_right: bool) -> int:
        if offset <= 0:
            return 0
        if offset >= self.original_length:
            return self.normalised_length
        if self.is_identity:
            return offset
        i = bisect.bisect_right(self.boundaries, offset) - 1
        if self.boundaries[i] == offset or not snap_right:
            return self.targets[i]
        return self.targets[i + 1]  # i < len - 1: the last boundary is original_length > offset


def _chunks(text: str) -> list[str]:
    """Split text where NFC cannot combine across the cut and `\\r\\n` stays whole."""
    chunks: list[str] = []
    current = ""
    for ch in text:
        # Nothing composes with, or reorders before, an ASCII character: a cut before one is
        # safe (but for the \n of \r\n), and checking it is the common case.
        starts_chunk = (
            not (ch == "\n" and current.endswith("\r"))
            if ch < "\x80"
            else (
                unicodedata.combining(ch) == 0
                and not _is_hangul_jamo_continuation(ch)
                and not (ch == "\n" and current.endswith("\r"))
                and unicodedata.normalize("NFC", current[-1:] + ch)
                == unicodedata.normalize("NFC", current[-1:]) + unicodedata.normalize("NFC", ch)
            )
        )
        if current and starts_chunk:
            chunks.append(current)
            current = ch
        else:
            current += ch
    if current:
        chunks.append(current)
    return chunks


def _ascii_chunks(text: str) -> list[str]:
    """A coarser split that is always safe: before each ASCII character (no composition
    takes an ASCII character as its second part), keeping `\\r\\n` whole."""
    return [m.group() for m in _SAFE_CUTS.finditer(text)]


_SAFE_CUTS = re.compile(r"\r\n|[\x00-\x7f][^\x00-\x7f]*|[^\x00-\x7f]+", re.DOTALL)


def _is_hangul_jamo_continuation(ch: str) -> bool:
    return "\u1160" <= ch <= "\u11ff"


def _normalise_chunk(chunk: str) -> str:
    return unicodedata.normalize("NFC", chunk.replace("\r\n", "\n").replace("\r", "\n"))


def normalise(text: str) -> str:
    """NFC and `\\n` newlines; the one normalisation every article gets."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def normalise_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise `text` and return a map from its offsets to the normalised offsets."""
    normalised = normalise(text)
    if normalised == text:
        return text, OffsetMap.identity(len(text))
    mapped = _chunk_map(text, _chunks(text), normalised)
    if mapped is None:  # a composition crossed a fine cut: the coarse cuts are always safe
        mapped = _chunk_map(text, _ascii_chunks(text), normalised)
    assert mapped is not None, "cuts before ASCII characters are always safe"
    return normalised, mapped


def _chunk_map(text: str, chunks: list[str], normalised: str) -> OffsetMap | None:
    boundaries: list[int] = []
    targets: list[int] = []
    original_pos = normalised_pos = 0
    for chunk in chunks:
        normalised_chunk = _normalise_chunk(chunk)
        if normalised[normalised_pos : normalised_pos + len(normalised_chunk)] != normalised_chunk:
            return None
        boundaries.append(original_pos)
        targets.append(normalised_pos)
        original_pos += len(chunk)
        normalised_pos += len(normalised_chunk)
    if normalised_pos != len(normalised):
        return None
    boundaries.append(original_pos)
    targets.append(normalised_pos)
    return OffsetMap(tuple(boundaries), tuple(targets), len(text), len(normalised))


def article_uid(normalised_text: str) -> str:
    """The dedupe key: a hash of the normalised text with runs of whitespace collapsed."""
    canonical = " ".join(normalised_text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offsets(text: str) -> list[int]:
    """Cumulative UTF-16 offset of every code point boundary (len(text) + 1 entries).

    Qt's text cursor counts UTF-16 code units; the store counts code points. This table
    converts both ways in O(1) / O(log n) and is built once per article.
    """
    if text.isascii() or not _ASTRAL.search(text):
        return list(range(len(text) + 1))
    offsets = [0] * (len(text) + 1)
    position = 0
    for i, ch in enumerate(text):
        offsets[i] = position
        position += 2 if ord(ch) > 0xFFFF else 1
    offsets[len(text)] = position
    return offsets


def codepoint_offset(utf16_table: list[int], utf16_offset: int) -> int:
    """Inverse of `utf16_offsets`: the code point index at (or just before) a UTF-16 offset."""
    index = bisect.bisect_right(utf16_table, utf16_offset) - 1
    return max(index, 0)
