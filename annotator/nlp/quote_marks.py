"""Pairing quotation marks in messy news typography, on plain text.

Handles straight and curly marks, `` '' pairs, « », nested single quotes, the closing ’ that
is really an apostrophe or a plural possessive (voters’), quotes that run over several
paragraphs (each paragraph reopens, only the last closes), a quote opened with one kind of
mark holding another kind (straight outside, curly inside: they nest), a ” misused to open
(after a space, before a word), and stray marks: an unmatched mark is dropped at the end of
its paragraph and never costs the other quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = ("``", "“", "„", "«", "‟")
DOUBLE_CLOSE = ("''", "”", "»")
SINGLE_OPEN = ("‘", "‹")
SINGLE_CLOSE = ("’", "›")
OPEN_CONTEXT = set(" \t\n\xa0([{—–-/") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)
CLOSE_CONTEXT = set(" \t\n\xa0.,;:!?)]}—–-/…") | set(DOUBLE_CLOSE) | set(SINGLE_CLOSE)
MARK = re.compile(r"``|''|[“„«‟”»\"‘‹’›']")
LINE_END = re.compile(r"[.!?:;”\"’'»…)\]]\s*$")


@dataclass(frozen=True)
class MarkedQuote:
    """A paired quotation: [start, end) is the content between the marks."""

    open_start: int
    start: int
    end: int
    close_end: int
    single: bool = False


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    role: str
    single: bool


def find_marked_quotes(text: str) -> list[MarkedQuote]:
    """All quotations delimited by marks, in text order.

    text (str): the document text.
    RETURNS (list[MarkedQuote]): top-level quotes; nested quotes stay inside their parent.
    """
    paragraphs = list(_paragraphs(text))
    quotes: list[MarkedQuote] = []
    carried: _Mark | None = None
    for start, end in paragraphs:
        marks = _marks(text, start, end)
        if carried is not None:
            if (
                marks
                and marks[0].role in ("open", "either")
                and not marks[0].single
                and not text[start : marks[0].start].strip()
            ):
                marks = marks[1:]
            else:
                carried = None
        found, carried = _pair(text, marks, carried, start, end)
        quotes.extend(found)
        if carried is not None and not _may_continue(text, start, carried):
            carried = None
    return quotes


def _may_continue(text: str, paragraph_start: int, mark: _Mark) -> bool:
    """A quote left open at a paragraph's end continues in the next one only when it
    opened the paragraph or followed an introducing ":" or "," (He said: “...)."""
    lead = text[paragraph_start : mark.start].strip()
    return not lead or lead.endswith((":", ","))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: a blank line always breaks; a single newline breaks when the line
    before it ends like a sentence (hard-wrapped lines do not)."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start : match.start()]
        blank_next = text[match.end() :].lstrip(" \t\xa0").startswith("\n")
        if not line.strip() or blank_next or LINE_END.search(line):
            if text[start : match.start()].strip():
                ranges.append((start, match.start()))
            start = match.end()
    if text[start:].strip():
        ranges.append((start, len(text)))
    return ranges


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks: list[_Mark] = []
    for match in MARK.finditer(text, start, end):
        position, mark = match.start(), match.group()
        before = text[position - 1] if position > start else " "
        if mark in ("``", "''"):
            marks.append(_Mark(position, position + 2, "open" if mark == "``" else "close", False))
            continue
        after = text[position + 1] if position + 1 < end else " "
        if mark in DOUBLE_OPEN:
            if after not in " \t\n\xa0":
                marks.append(_Mark(position, position + 1, "open", False))
        elif mark in DOUBLE_CLOSE:
            starts_paragraph = not text[start:position].strip()
            opens = mark == "”" and (starts_paragraph or (before in " \t\n\xa0" and after not in " \t\n\xa0"))
            marks.append(_Mark(position, position + 1, "open" if opens else "close", False))
        elif mark == '"':
            marks.append(_Mark(position, position + 1, _straight_role(before, after), False))
        elif mark in SINGLE_OPEN:
            marks.append(_Mark(position, position + 1, "open", True))
        else:
            role = _single_role(mark, before, after)
            if role:
                marks.append(_Mark(position, position + 1, role, True))
    return marks


def _straight_role(before: str, after: str) -> str:
    if before in OPEN_CONTEXT and after not in " \t\n\xa0":
        return "open"
    if after in CLOSE_CONTEXT and before not in " \t\n\xa0":
        return "close"
    return "either"


def _single_role(char: str, before: str, after: str) -> str | None:
    if before.isalnum() and after.isalnum():
        return None
    if char == "'" and before in OPEN_CONTEXT and after.isalnum():
        return "open"
    if after in CLOSE_CONTEXT or after == "" or not after.isalnum():
        return "close" if not before.isspace() else None
    return None


def _pair(
    text: str, marks: list[_Mark], carried: _Mark | None, start: int, end: int
) -> tuple[list[MarkedQuote], _Mark | None]:
    """Pair the marks of one paragraph; return the quotes and an open mark to carry."""
    quotes: list[MarkedQuote] = []
    opened = carried
    single_open: _Mark | None = None
    nested: str | None = None
    for index, mark in enumerate(marks):
        if nested is not None:
            if not mark.single and _family(text, mark) == nested and mark.role in ("close", "either"):
                nested = None
            continue
        if not mark.single:
            if opened is not None and mark.role == "open" and _family(text, mark) != _family(text, opened):
                nested = _family(text, mark)
            elif opened is None:
                if mark.role in ("open", "either"):
                    opened, single_open = mark, None
            elif mark.role in ("close", "either"):
                quotes.append(MarkedQuote(opened.start, opened.end, mark.start, mark.end))
                opened = None
            else:
                opened = mark
            continue
        if opened is not None:
            continue
        if mark.role == "open":
            single_open = mark
        elif single_open is not None and not _possessive(text, mark, marks[index + 1 :]):
            quotes.append(MarkedQuote(single_open.start, single_open.end, mark.start, mark.end, single=True))
            single_open = None
    return quotes, opened


def _family(text: str, mark: _Mark) -> str:
    """Which kind of double mark: a quote opened with one kind and holding another kind
    (straight outside, curly inside) nests."""
    char = text[mark.start]
    if char == '"':
        return "straight"
    if char in "`'":
        return "tex"
    if char in "«»":
        return "guillemet"
    return "curly"


def _possessive(text: str, mark: _Mark, later: list[_Mark]) -> bool:
    """A ’ after "s" followed by a lower-case word (voters’ choice) is a plural possessive
    when another closing mark follows in the paragraph."""
    if text[mark.start - 1 : mark.start] != "s":
        return False
    if not re.match(r"\s+[a-z]", text[mark.end : mark.end + 3]):
        return False
    return any(m.single and m.role == "close" for m in later)
