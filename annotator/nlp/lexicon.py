"""Word lists for the rule components: reading them from resources/lexicons and
inflecting lemmas, so matching works on `LOWER` with or without a lemmatizer.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.resources import resource_path

VOWELS = frozenset("aeiou")


def lexicon_path(name: str) -> Path:
    """Path of a bundled lexicon file, e.g. ``lexicon_path("reporting_verbs.txt")``."""
    return resource_path("lexicons", name)


def inflections(word: str) -> set[str]:
    """Lower-cased regular inflections of a lemma: itself, -s, -ed and -ing forms.

    word (str): a lemma, optionally followed by irregular forms after "|" ("fight|fought").
    RETURNS (set[str]): the forms. Over-generation ("banned" and "baned") is harmless
        because the forms are only matched against real text.
    """
    lemma, *irregular = [part.strip().lower() for part in word.split("|")]
    forms = {lemma, *irregular}
    if " " in lemma or "-" in lemma[-1:]:
        return forms
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing", lemma + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if (
            len(lemma) >= 3
            and lemma[-1] not in VOWELS | {"w", "x", "y"}
            and lemma[-2] in VOWELS
            and lemma[-3] not in VOWELS
        ):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def phrase_variants(phrase: str) -> set[str]:
    """A phrase and the regular plural of its last word ("phone call" -> "phone calls")."""
    words = phrase.split()
    if len(words) < 2:
        return inflections(phrase)
    head = words[-1]
    variants = {phrase}
    if head.isalpha() and not head.endswith("s"):
        variants.add(" ".join(words[:-1] + [head + ("es" if head.endswith(("sh", "ch", "x")) else "s")]))
    return variants


def read_word_list(path: Path) -> list[str]:
    """Lines of a word list, without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def reporting_verb_forms(lines: Iterable[str]) -> dict[str, str]:
    """Map every form of every reporting verb to its lemma.

    lines (Iterable[str]): lines of reporting_verbs.txt ("tell told").
    RETURNS (dict[str, str]): form -> lemma.
    """
    forms: dict[str, str] = {}
    for line in lines:
        lemma, *irregular = line.lower().split()
        for form in inflections("|".join([lemma, *irregular])):
            forms[form] = lemma
    return forms


def read_trigger_lexicon(path: Path) -> dict[str, Any]:
    """The event trigger lexicon (see resources/lexicons/event_triggers.toml)."""
    return tomllib.loads(path.read_text(encoding="utf-8"))
