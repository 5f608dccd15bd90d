"""PolNeAR dev split: direct-quote attributions (source, cue, content) per article.

One annotator file per article (the first by name) when several annotated it, so each
quote counts once. A direct quote is a Content whose first or last non-space character is
a double quotation mark (the folder's README). Pronoun sources get their referent from
benchmarks/polnear_dev_referents.tsv, read off the texts by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from goldsets.brat import read_brat

DOUBLE_MARKS = '"“”'
REFERENTS = Path(__file__).resolve().parents[1] / "polnear_dev_referents.tsv"
PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we", "who", "him", "her", "his", "you"})


@dataclass(frozen=True)
class GoldQuote:
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_text: str
    referents: tuple[str, ...]
    """Names the speaker may be given as; empty when the text names no one (a source, aides)."""


def read_articles(samples: Path) -> list[tuple[str, str, list[GoldQuote]]]:
    """(article name, text, gold direct quotes) per article, in name order."""
    folder = samples / "polnear-dev"
    referents = _referents()
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for name, path in sorted(chosen.items()):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append((name, text, _direct_quotes(name, path, referents)))
    return articles


def _direct_quotes(name: str, path: Path, referents: dict) -> list[GoldQuote]:
    document = read_brat(path)
    quotes = []
    for _, _, arguments in document.events:
        parts = dict(arguments)
        if "Content" not in parts:
            continue
        _, start, end, content = document.spans[parts["Content"]]
        stripped = content.strip()
        if not stripped or not (stripped[0] in DOUBLE_MARKS or stripped[-1] in DOUBLE_MARKS):
            continue
        source, source_text, names = None, "", ()
        if _swapped(parts, document):
            parts["Source"], parts["Cue"] = parts["Cue"], parts["Source"]
        if "Source" in parts:
            _, s_start, s_end, source_text = document.spans[parts["Source"]]
            source = (s_start, s_end)
            if source_text.lower() in PRONOUNS:
                found = referents.get((name, s_start, s_end), "-")
                names = () if found == "-" else tuple(found.split("/"))
            else:
                head = head_name(source_text)
                names = (head,) if head else ()
        quotes.append(GoldQuote((start, end), source, source_text, names))
    return quotes


def _swapped(parts: dict[str, str], document) -> bool:
    """A few attributions have source and cue the wrong way round (Source "said", Cue
    "Hester"): read them the right way."""
    if "Source" not in parts or "Cue" not in parts:
        return False
    source, cue = document.spans[parts["Source"]][3], document.spans[parts["Cue"]][3]
    return source.islower() and " " not in source and source not in PRONOUNS and cue[:1].isupper()


def head_name(text: str) -> str:
    """The name part of a source written with a description: "Rep. Gwen Moore (D-Wis.)" ->
    "Rep. Gwen Moore"; "Another critic, Laurence H. Tribe," -> "Laurence H. Tribe";
    "Gov. Earl Ray Tomblin of West Virginia" -> "Gov. Earl Ray Tomblin"."""
    if re.search(r"[’']s\s+[a-z]+\s*$", text):
        return ""
    for part in re.split(r",|\(|\)| of | who | at | for | from | whose ", text):
        if name_tokens(part):
            return part.strip()
    return ""


def _referents() -> dict[tuple[str, int, int], str]:
    table = {}
    for line in REFERENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, start, end, _, referent = line.split("\t")
            table[(name, int(start), int(end))] = referent
    return table


NOT_NAMES = frozenset(
    "the a an mr mrs ms dr sen rep gov gen president vice former sen. rep. gov. gen. mr. mrs. ms. dr. "
    "u.s. secretary chairman chairwoman director spokesman spokeswoman senator governor candidate nominee "
    "republican democratic democrat presidential campaign committee executive host another only several some "
    "many his her their its this these those our retired activist representative speaker house senate leader "
    "majority minority attorney general lt lt. col col. panel oversight chief ceo founder interim democrats "
    "republicans protesters".split()
)


def name_tokens(text: str) -> list[str]:
    """Capitalised words of a mention, without titles and function words: "Former
    President Bill Clinton" -> ["Bill", "Clinton"]."""
    words = []
    for raw in text.replace("’s", "").replace("'s", "").split():
        word = raw.strip(".,;:!?()\"“”'’")
        if word and word[0].isupper() and word.lower() not in NOT_NAMES and word.lower().rstrip(".") not in NOT_NAMES:
            words.append(word)
    return words


def same_name(ours: str, gold: str) -> bool:
    """Whether two mentions name the same one: the same last name word, and no
    disagreement on a first name ("Donald Trump" ~ "Trump", not ~ "Ivanka Trump";
    "Clinton" is not "Clinton campaign spokesman Brian Fallon")."""
    a = [w.lower() for w in name_tokens(ours)]
    b = [w.lower() for w in name_tokens(gold)]
    if not a or not b or a[-1] != b[-1]:
        return False
    return not (len(a) > 1 and len(b) > 1 and a[0] != b[0] and a[0] not in b and b[0] not in a)
