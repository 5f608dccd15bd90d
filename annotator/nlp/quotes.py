"""Quote component: direct quotes from quotation marks, indirect ones from reporting verbs,
each with its speaker and cue (the PARC source-cue-content triple).

Writes `doc.spans["quotes"]` (label QUOTE) and, on each quote span, `span._.speaker`,
`span._.cue`, `span._.speaker_mention` (the pronoun when the speaker was resolved from
"he"/"she") and `span._.quote_kind` ("direct" | "indirect" | "mixed"). References are
stored as character offsets so Docs stay serialisable (DocBin, `n_process`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from annotator.nlp.lexicon import lexicon_path, read_word_list, reporting_verb_forms
from annotator.nlp.quote_marks import MarkedQuote, find_marked_quotes
from annotator.nlp.spanrefs import get_ref, register_ref, set_ref

FACTORY = "annotator_quotes_v1"
SPANS_KEY = "quotes"
SPEAKER_LABELS = ("PERSON", "ORG", "ARMED_GROUP", "GPE", "NORP")
PRONOUNS = frozenset({"he", "she"})
SPEAKER_PRONOUNS = PRONOUNS | {"they", "i", "we"}
SENTENCE_END = frozenset({".", "!", "?"})
RUN_ON_TAILS = ("earlier", "later", "today", "yesterday", "on", "that", "in")
WINDOW = 20

for _name in ("speaker", "cue", "speaker_mention"):
    register_ref(_name)
if not Span.has_extension("quote_kind"):
    Span.set_extension("quote_kind", default=None)


@Language.factory(FACTORY, default_config={"min_words": 3, "indirect": True})
def make_quote_finder(nlp: Language, name: str, min_words: int, indirect: bool) -> QuoteFinder:
    """Create the quote component with the bundled reporting-verb lexicon.

    min_words (int): quoted text with fewer words is a scare quote, not a quote.
    indirect (bool): also find indirect quotes ("X said that ...").
    """
    return QuoteFinder(nlp, name, min_words=min_words, indirect=indirect)


class QuoteFinder:
    """Finds quotes, speakers and cues; works on any English pipeline. With a parser the
    speaker is the cue's subject; without one, the nearest name or pronoun next to the cue."""

    def __init__(
        self,
        nlp: Language,
        name: str = "annotator_quotes",
        *,
        min_words: int = 3,
        indirect: bool = True,
        verbs: Optional[list[str]] = None,
    ):
        self.name = name
        self.min_words = min_words
        self.indirect = indirect
        self.verbs = verbs if verbs is not None else read_word_list(lexicon_path("reporting_verbs.txt"))
        self.forms = reporting_verb_forms(self.verbs)

    def __call__(self, doc: Doc) -> Doc:
        finder = _DocQuotes(doc, self)
        doc.spans[SPANS_KEY] = finder.run()
        return doc

    def is_cue(self, token: Token) -> bool:
        """Whether a token is a reporting verb (by form, lemma or a run-on typo)."""
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and token.lower_ not in ("said", "told"):
            return False
        lower = token.lower_
        if lower in self.forms or token.lemma_.lower() in self.verbs:
            return True
        return any(lower.endswith(tail) and lower[: -len(tail)] in self.forms for tail in RUN_ON_TAILS)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._config())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteFinder:
        self._load(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "quotes.json", self._config())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteFinder:
        self._load(srsly.read_json(ensure_path(path) / "quotes.json"))
        return self

    def _config(self) -> dict:
        return {"verbs": self.verbs, "min_words": self.min_words, "indirect": self.indirect}

    def _load(self, data: dict) -> None:
        self.verbs = list(data["verbs"])
        self.min_words = int(data["min_words"])
        self.indirect = bool(data["indirect"])
        self.forms = reporting_verb_forms(self.verbs)


class _DocQuotes:
    """The work on one Doc: pairing marks, windows around each quote, attribution."""

    def __init__(self, doc: Doc, finder: QuoteFinder):
        self.doc = doc
        self.finder = finder
        self.parsed = doc.has_annotation("DEP")
        self.inside = [False] * len(doc)
        self.marks: list[tuple[int, int]] = []
        self.ents = doc.ents
        self.entity_of = {i: entity for entity in self.ents for i in range(entity.start, entity.end)}

    def _entity(self, token: Token) -> Span:
        return self.entity_of.get(token.i) or self.doc[token.i : token.i + 1]

    def run(self) -> list[Span]:
        quotes: list[Span] = []
        pending: list[tuple[Span, int, int]] = []
        for marked in find_marked_quotes(self.doc.text):
            span = self._content_span(marked)
            if span is None:
                continue
            if self._words(span) < self.finder.min_words:
                continue
            open_token = self._token_at(marked.open_start)
            close_token = self._token_at(marked.close_end - 1)
            for i in range(open_token, close_token + 1):
                self.inside[i] = True
            pending.append((span, open_token, close_token))
        self.marks = [(o, c) for _, o, c in pending]
        previous: Span | None = None
        for index, (span, open_token, close_token) in enumerate(pending):
            self._attribute_direct(span, open_token, close_token, index, previous)
            quotes.append(span)
            previous = span
        if self.finder.indirect:
            quotes.extend(self._indirect(quotes))
        return sorted(quotes, key=lambda s: s.start)

    def _content_span(self, marked: MarkedQuote) -> Span | None:
        span = self.doc.char_span(marked.start, marked.end, label="QUOTE", alignment_mode="expand")
        return _strip(span) if span is not None else None

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _words(self, span: Span) -> int:
        return sum(1 for t in span if t.is_alpha or t.like_num)

    def _attribute_direct(self, span: Span, open_token: int, close_token: int, index: int, previous: Span | None) -> None:
        after = self._after_window(close_token, index)
        before = self._before_window(open_token, index)
        last = span[-1].text if len(span) else ""
        windows = [(after, True), (before, False)] if last in (",", "?", "!", "—", "–", "-") else [(before, False), (after, True)]
        span._.quote_kind = self._kind(open_token)
        for window, forward in windows:
            cue = self._find_cue(window, forward)
            if cue is None:
                continue
            set_ref(span, "cue", cue)
            speaker = self._speaker(cue, window)
            if speaker is not None:
                self._set_speaker(span, speaker)
            return
        if previous is not None and get_ref(previous, "speaker") is not None and self._near(previous, span):
            set_ref(span, "speaker", get_ref(previous, "speaker"))

    def _kind(self, open_token: int) -> str:
        i = open_token - 1
        while i >= 0 and self.doc[i].is_space and not _breaks(self.doc[i]):
            i -= 1
        if i < 0 or _breaks(self.doc[i]):
            return "direct"
        token = self.doc[i]
        if token.is_alpha and not self.finder.is_cue(token) and token.lower_ not in ("that", "and", "but"):
            return "mixed"
        return "direct"

    def _near(self, previous: Span, span: Span) -> bool:
        gap = self.doc.text[previous.end_char : span.start_char]
        return gap.count("\n\n") + gap.count("\n") // 2 <= 2 and len(gap) < 400

    def _after_window(self, close_token: int, index: int) -> list[Token]:
        window: list[Token] = []
        next_open = self.marks[index + 1][0] if index + 1 < len(self.marks) else len(self.doc)
        for i in range(close_token + 1, min(len(self.doc), close_token + 1 + WINDOW, next_open)):
            token = self.doc[i]
            if _breaks(token) or self.inside[i]:
                break
            if token.text in SENTENCE_END:
                break
            window.append(token)
        return window

    def _before_window(self, open_token: int, index: int) -> list[Token]:
        window: list[Token] = []
        stop = self.marks[index - 1][1] if index > 0 else -1
        i = open_token - 1
        while i > stop and len(window) < WINDOW * 2:
            token = self.doc[i]
            if _breaks(token) or token.text in SENTENCE_END or self.inside[i]:
                break
            window.append(token)
            i -= 1
        return window[::-1]

    def _find_cue(self, window: list[Token], forward: bool) -> Span | None:
        tokens = window if forward else window[::-1]
        for token in tokens:
            nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            if token.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
                return self.doc[token.i : token.i + 2]
            if self.finder.is_cue(token):
                return self.doc[token.i : token.i + 1]
        return None

    def _speaker(self, cue: Span, window: list[Token], *, surface_first: bool = True) -> Span | None:
        if cue[0].lower_ == "according":
            return self._according_speaker(cue)
        subject = self._parsed_subject(cue[0]) if self.parsed else None
        if subject is not None:
            found = self._entity_for(subject)
            if found is not None:
                return found
            if not surface_first:
                return self._noun_phrase(subject)
        surface = self._surface_speaker(cue, window)
        if surface is not None:
            return surface
        if subject is not None:
            return self._noun_phrase(subject)
        return None

    def _parsed_subject(self, verb: Token) -> Token | None:
        token = verb
        for _ in range(4):
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and not self.inside[child.i]:
                    return child
            if token.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and token.head is not token:
                token = token.head
            else:
                break
        return None

    def _entity_for(self, token: Token) -> Span | None:
        if token.ent_type_ in SPEAKER_LABELS:
            return self._entity(token)
        if token.lower_ in SPEAKER_PRONOUNS and token.pos_ == "PRON":
            return self.doc[token.i : token.i + 1]
        subtree = [t for t in token.subtree if not self.inside[t.i]]
        for label in SPEAKER_LABELS[:3]:
            candidates = [t for t in subtree if t.ent_type_ == label]
            if candidates:
                return self._entity(candidates[-1])
        return None

    def _noun_phrase(self, token: Token) -> Span | None:
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        start = token.left_edge.i
        while start < token.i and self.doc[start].pos_ in ("DET", "PUNCT"):
            start += 1
        return self.doc[start : token.i + 1]

    def _surface_speaker(self, cue: Span, window: list[Token]) -> Span | None:
        before = [t for t in window if t.i < cue.start]
        after = [t for t in window if t.i >= cue.end]
        for label in SPEAKER_LABELS:
            named = [t for t in before if t.ent_type_ == label]
            if named:
                return self._entity(named[-1])
        near = before[-2:]
        for token in reversed(near):
            if token.lower_ in SPEAKER_PRONOUNS:
                return self.doc[token.i : token.i + 1]
        for label in SPEAKER_LABELS:
            named = [t for t in after[:6] if t.ent_type_ == label]
            if named:
                return self._entity(named[0])
        if after and after[0].lower_ in SPEAKER_PRONOUNS:
            return self.doc[after[0].i : after[0].i + 1]
        return _title_run(self.doc, before, from_end=True) or _title_run(self.doc, after[:4], from_end=False)

    def _according_speaker(self, cue: Span) -> Span | None:
        following = [self.doc[i] for i in range(cue.end, min(len(self.doc), cue.end + 8))]
        for token in following:
            if _breaks(token) or token.text in SENTENCE_END or token.text == ",":
                break
            if token.ent_type_ in SPEAKER_LABELS:
                return self._entity(token)
        run = _title_run(self.doc, following, from_end=False)
        if run is not None:
            return run
        nouns = [t for t in following[:4] if t.pos_ in ("NOUN", "PROPN")]
        return self.doc[cue.end : nouns[0].i + 1] if nouns and nouns[0].i >= cue.end else None

    def _set_speaker(self, quote: Span, speaker: Span) -> None:
        if len(speaker) == 1 and speaker[0].lower_ in PRONOUNS:
            named = self._antecedent(speaker[0])
            if named is not None:
                set_ref(quote, "speaker_mention", speaker)
                speaker = named
        set_ref(quote, "speaker", speaker)

    def _antecedent(self, pronoun: Token) -> Span | None:
        """The nearest PERSON before the pronoun that is not inside quoted text."""
        for entity in reversed(self.ents):
            if entity.end <= pronoun.i and entity.label_ == "PERSON" and not self.inside[entity.start]:
                return entity
        return None

    def _indirect(self, direct: list[Span]) -> list[Span]:
        found: list[Span] = []
        taken = [(s.start, s.end) for s in direct]
        for token in self.doc:
            if self.inside[token.i]:
                continue
            if token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                quote = self._according_quote(token, taken)
                if quote is not None:
                    taken.append((quote.start, quote.end))
                    found.append(quote)
                continue
            if not self.finder.is_cue(token):
                continue
            content = self._indirect_content(token)
            if content is None or self._words(content) < self.finder.min_words:
                continue
            if any(content.start < end and start < content.end for start, end in taken):
                continue
            cue = self.doc[token.i : token.i + 1]
            speaker = self._speaker(cue, self._clause_window(token), surface_first=not self.parsed)
            if speaker is None:
                continue
            quote = Span(self.doc, content.start, content.end, label="QUOTE")
            quote._.quote_kind = "indirect"
            set_ref(quote, "cue", self.doc[token.i : token.i + 1])
            self._set_speaker(quote, speaker)
            taken.append((quote.start, quote.end))
            found.append(quote)
        return found

    def _according_quote(self, token: Token, taken: list[tuple[int, int]]) -> Span | None:
        """"According to X, ..." and "..., according to X": the rest of the sentence."""
        start, end = token.i, token.i
        while start > 0 and not _breaks(self.doc[start - 1]) and self.doc[start - 1].text not in SENTENCE_END:
            start -= 1
        while end < len(self.doc) and not _breaks(self.doc[end]) and self.doc[end].text not in SENTENCE_END:
            end += 1
        if any(self.inside[i] for i in range(start, end)):
            return None
        if all(self.doc[i].is_space for i in range(start, token.i)):
            comma = next((i for i in range(token.i + 2, end) if self.doc[i].text == ","), None)
            content = _strip(self.doc[comma + 1 : end]) if comma is not None and comma + 1 < end else None
        else:
            content = _strip(self.doc[start : token.i])
            if content is not None and content[-1].text == ",":
                content = _strip(content[:-1]) if len(content) > 1 else None
        if content is None or self._words(content) < self.finder.min_words:
            return None
        if any(content.start < e and s < content.end for s, e in taken):
            return None
        cue = self.doc[token.i : token.i + 2]
        quote = Span(self.doc, content.start, content.end, label="QUOTE")
        quote._.quote_kind = "indirect"
        set_ref(quote, "cue", cue)
        speaker = self._according_speaker(cue)
        if speaker is not None:
            set_ref(quote, "speaker", speaker)
        return quote

    def _indirect_content(self, verb: Token) -> Span | None:
        if self.parsed:
            for child in verb.children:
                if child.dep_ == "ccomp" and child.i > verb.i:
                    tokens = [t for t in child.subtree]
                    start = tokens[0].i
                    if self.doc[start].lower_ == "that":
                        start += 1
                    return _strip(self.doc[start : tokens[-1].i + 1])
            return None
        nxt = verb.i + 1
        if nxt >= len(self.doc) or self.doc[nxt].lower_ != "that":
            return None
        end = nxt + 1
        while end < len(self.doc) and not _breaks(self.doc[end]) and self.doc[end].text not in SENTENCE_END and not self.inside[end]:
            end += 1
        return _strip(self.doc[nxt + 1 : end])

    def _clause_window(self, verb: Token) -> list[Token]:
        window: list[Token] = []
        i = verb.i - 1
        while i >= 0 and len(window) < WINDOW and not _breaks(self.doc[i]) and self.doc[i].text not in SENTENCE_END:
            window.append(self.doc[i])
            i -= 1
        window.reverse()
        window.append(verb)
        return window


def _breaks(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def _strip(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].text in ("“", "‘", '"', "``")):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in ("”", "’", '"', "''")):
        end -= 1
    return Span(doc, start, end, label=span.label) if end > start else None


def _title_run(doc: Doc, tokens: list[Token], *, from_end: bool) -> Span | None:
    """A run of capitalised words next to the cue (a name the entity recogniser missed)."""
    ordered = tokens[::-1] if from_end else tokens
    run: list[Token] = []
    for token in ordered:
        if token.is_title and token.is_alpha and not token.is_stop:
            run.append(token)
        else:
            break
    if not run:
        return None
    run.sort(key=lambda t: t.i)
    return doc[run[0].i : run[-1].i + 1]
