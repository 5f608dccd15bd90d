"""Casualty and prisoner figures in text: "at least 156 people were killed", "wounding
12", "1,000 prisoners of war", "an exchange of prisoners, 1,000 for 1,000", "between 10
and 15 dead", "dozens were arrested", "5,000 displaced".

A figure is a number (digits, words, "1.5 million"), with its qualifier ("at least",
"more than", "about", "up to"...), a range ("10 to 15") or a one-for-one exchange ("1,000
for 1,000": the figure for each side). Its kind (killed, injured, captured, displaced,
exchanged) comes from the words around it in the same clause; what it counts from the noun
that follows ("civilians", "prisoners of war"). Years, dates, money and percentages are
not figures. Who claims a figure and which event it belongs to is decided by
`annotator.nlp.coding`, which sees the quotes and events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.model import Claim, ClaimKind, Origin
from annotator.core.months import MONTH_ABBREVIATIONS, MONTHS

_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_WORD_NUMBERS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "a hundred": 100,
        "one hundred": 100,
        "a thousand": 1000,
        "a dozen": 12,
        "dozen": 12,
    }
)
_VAGUE = {
    "dozens": (12, "dozens"),
    "scores": (20, "scores"),
    "hundreds": (100, "hundreds"),
    "thousands": (1000, "thousands"),
    "tens of thousands": (10000, "tens of thousands"),
    "hundreds of thousands": (100000, "hundreds of thousands"),
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_QUALIFIERS = (
    "at least",
    "more than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "some",
    "up to",
    "as many as",
    "an estimated",
    "roughly",
    "fewer than",
    "less than",
    "under",
)

_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_VAGUE_WORDS = "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
_ONE = rf"(?:(?:{_DIGITS})(?:\s+(?:million|thousand|hundred))?|\b(?:{_WORDS})\b)"
_QUALIFIER = "|".join(re.escape(q) for q in _QUALIFIERS)
_FIGURE = re.compile(
    rf"(?:\b(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?:\bbetween\s+(?P<b1>{_ONE})\s+and\s+(?P<b2>{_ONE})"
    rf"|(?P<vague>\b(?:{_VAGUE_WORDS})\b)"
    rf"|(?P<n1>{_ONE})(?:\s*(?:-|\u2013|\bto\b|\bor\b)\s*(?P<n2>{_ONE})|\s+for\s+(?P<each>{_ONE}))?)",
    re.IGNORECASE,
)

_KIND_WORDS: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.KILLED: (
        "killed",
        "kill",
        "kills",
        "killing",
        "dead",
        "died",
        "die",
        "deaths",
        "death toll",
        "fatalities",
        "lives",
        "slain",
        "massacred",
        "executed",
        "perished",
        "bodies",
        "lost their lives",
    ),
    ClaimKind.INJURED: ("injured", "wounded", "injuring", "wounding", "hurt", "injuries", "injury"),
    ClaimKind.CAPTURED: (
        "arrested",
        "arresting",
        "arrests",
        "detained",
        "detaining",
        "detentions",
        "captured",
        "capturing",
        "abducted",
        "abducting",
        "kidnapped",
        "kidnapping",
        "taken prisoner",
        "taken hostage",
        "held hostage",
        "hostages",
        "detainees",
        "rounded up",
        "seized",
    ),
    ClaimKind.DISPLACED: (
        "displaced",
        "displacing",
        "fled",
        "flee",
        "fleeing",
        "refugees",
        "homeless",
        "evacuated",
        "uprooted",
        "forced from their homes",
    ),
    ClaimKind.EXCHANGED: (
        "exchange",
        "exchanged",
        "exchanging",
        "swap",
        "swapped",
        "swapping",
        "released",
        "release",
        "releasing",
        "freed",
        "free",
        "handed over",
        "returned",
        "repatriated",
    ),
}
_PRISONERS = re.compile(r"\b(?:prisoners?(?: of war)?|pows?|captives|detainees|hostages|soldiers|servicemen)\b", re.I)
_KIND_PATTERNS = {
    kind: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)
    for kind, words in _KIND_WORDS.items()
}
_CLAUSE_END = re.compile(r"[.;!?\n]|\bbut\b|\bwhile\b|\bwhereas\b", re.I)
_COUNTS = re.compile(
    r"\s+((?:[a-z][\w'-]*\s+){0,2}?(?:people|persons|civilians|soldiers|troops|servicemen|fighters|militants|"
    r"rebels|insurgents|police(?:men|\s+officers)?|officers|children|women|men|protesters|demonstrators|"
    r"prisoners(?:\s+of\s+war)?|pows|captives|detainees|hostages|residents|villagers|refugees|migrants|"
    r"workers|journalists|students|members|others|passengers|worshippers|families|households|"
    r"Ukrainians|Russians|Israelis|Palestinians|[A-Z][a-z]+s))\b",
    re.IGNORECASE,
)
_NOT_A_FIGURE_AFTER = re.compile(
    r"^\s*(?:%|per\s*cent|percent|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|km\b|kilomet|miles?\b|"
    r"metres?\b|meters?\b|dollars?\b|euros?\b|pounds?\b|tonnes?\b|tons?\b|times\b|am\b|pm\b|a\.m|p\.m|"
    r"(?:" + "|".join((*MONTHS, *MONTH_ABBREVIATIONS)) + r")\b)",
    re.IGNORECASE,
)
_NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:\$|€|£|\b(?:in|since|of|until|by|from|on|year|page|article|resolution|number|no\.|aged?|age|including|"
    r"among them|of whom|of them)\s*)$",
    re.I,
)
_RIGHT_BEFORE = 14
_LOOKAHEAD = 70
_LOOKBEHIND = 60


@dataclass(frozen=True)
class Figure:
    """A number as written: the figure, the top of a range, the qualifier, where it is."""

    figure: int
    high: int | None
    qualifier: str
    start: int
    end: int


def parse_number(text: str) -> int | None:
    """A number written in digits or words: "1,000" 1000, "twelve" 12, "1.5 million"."""
    cleaned = " ".join(text.lower().split())
    if cleaned in _WORD_NUMBERS:
        return _WORD_NUMBERS[cleaned]
    match = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand|hundred))?", cleaned)
    if match is None:
        return None
    value = float(match.group(1).replace(",", ""))
    return int(round(value * _SCALES.get(match.group(2) or "", 1)))


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every number in text[start:end] that could be a count of people (not a year, date,
    amount of money, percentage or measure)."""
    end = len(text) if end is None else end
    found = []
    for match in _FIGURE.finditer(text, start, end):
        if not match.group(0).strip():
            continue
        before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() : match.end() + 16]
        if _NOT_A_FIGURE_AFTER.match(after) or _NOT_A_FIGURE_BEFORE.search(before):
            continue
        figure = _figure(match)
        if figure is None:
            continue
        if _looks_like_year(match) and not any(p.match(after.strip()) for p in _KIND_PATTERNS.values()):
            continue
        found.append(figure)
    return found


def _figure(match: re.Match[str]) -> Figure | None:
    qualifier = (match.group("qualifier") or "").lower()
    if match.group("vague"):
        value, vague = _VAGUE[match.group("vague").lower()]
        return Figure(value, None, qualifier or vague, match.start(), match.end())
    if match.group("b1"):
        low, high = parse_number(match.group("b1")), parse_number(match.group("b2"))
        return None if low is None or high is None else Figure(low, high, qualifier, match.start(), match.end())
    low = parse_number(match.group("n1"))
    if low is None:
        return None
    if match.group("each"):
        each = parse_number(match.group("each"))
        return Figure(low, None, "each side", match.start(), match.end()) if each == low else None
    high = parse_number(match.group("n2")) if match.group("n2") else None
    if high is not None and high <= low:
        high = None
    return Figure(low, high, qualifier, match.start(), match.end())


def _looks_like_year(match: re.Match[str]) -> bool:
    number = match.group("n1") or ""
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", number)) and not match.group("qualifier")


def find_claims(text: str, start: int = 0, end: int | None = None) -> list[Claim]:
    """The casualty and prisoner figures in text[start:end], each with its kind and what it
    counts; claimant and event are left for `annotator.nlp.coding`.

    text (str): the article text.
    start (int): where to start looking.
    end (int | None): where to stop; the end of the text when None.
    RETURNS (list[Claim]): in text order, offsets into `text`.
    """
    claims = []
    for figure in find_figures(text, start, end):
        after = _clause(text, figure.end, forward=True)
        before = _clause(text, figure.start, forward=False)
        counts_match = _COUNTS.match(text, figure.end)
        counts = counts_match.group(1).strip() if counts_match and counts_match.end() - figure.end < 40 else ""
        kind = _kind(after, before, counts)
        if kind is None:
            continue
        if not counts and figure.qualifier == "each side":
            prisoners = list(_PRISONERS.finditer(before))
            counts = prisoners[-1].group(0) if prisoners else ""
        claims.append(
            Claim(
                kind,
                figure.figure,
                figure.high,
                figure.qualifier,
                _tidy(counts),
                "",
                figure.start,
                figure.end,
                Origin.MODEL,
            )
        )
    return claims


def _clause(text: str, at: int, *, forward: bool) -> str:
    if forward:
        window = text[at : at + _LOOKAHEAD]
        cut = _CLAUSE_END.search(window)
        return window[: cut.start()] if cut else window
    window = text[max(0, at - _LOOKBEHIND) : at]
    cuts = list(_CLAUSE_END.finditer(window))
    return window[cuts[-1].end() :] if cuts else window


def _kind(after: str, before: str, counts: str) -> ClaimKind | None:
    """A kind word right before the figure ("killing 12") wins, then the first one after it
    ("12 were killed"), then the nearest one before it; a release or exchange of prisoners
    is an exchange, their capture a capture."""
    prisoners = bool(_PRISONERS.search(counts)) or bool(_PRISONERS.search(after[:30]))
    tail = before[-_RIGHT_BEFORE:].rstrip()
    for kind, pattern in _KIND_PATTERNS.items():
        if kind == ClaimKind.EXCHANGED and not prisoners:
            continue
        if any(match.end() == len(tail) for match in pattern.finditer(tail)):
            return kind
    nearest: tuple[int, ClaimKind] | None = None
    for kind, pattern in _KIND_PATTERNS.items():
        if kind == ClaimKind.EXCHANGED and not (prisoners or _PRISONERS.search(before)):
            continue
        match = pattern.search(after)
        if match and (nearest is None or match.start() < nearest[0]):
            nearest = (match.start(), kind)
    if nearest is not None:
        return nearest[1]
    best: tuple[int, ClaimKind] | None = None
    for kind, pattern in _KIND_PATTERNS.items():
        if kind == ClaimKind.EXCHANGED and not (prisoners or _PRISONERS.search(before)):
            continue
        for match in pattern.finditer(before):
            if best is None or match.end() > best[0]:
                best = (match.end(), kind)
    return best[1] if best else None


def _tidy(counts: str) -> str:
    words = counts.split()
    while words and words[0].lower() in ("were", "was", "had", "have", "been", "are", "the", "of", "more", "other"):
        words.pop(0)
    return " ".join(words)
