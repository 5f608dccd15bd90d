"""Quote component: direct quotes from quotation marks, indirect ones from reporting verbs,
each with its speaker and cue (the PARC source-cue-content triple).

Writes `doc.spans["quotes"]` (label QUOTE) and, on each quote span, `span._.speaker` (the
speaker as written: a name, "he", "the ministry"), `span._.speaker_entity` (the named
entity a pronoun or description refers to, see `annotator.nlp.speakers`), `span._.cue`
and `span._.quote_kind` ("direct" | "indirect" | "mixed"). Short quoted fragments (Lavrov
called him a “clown”) go to `doc.spans["quote_fragments"]`, attributed the same way, with
`span._.quote_form` "fragment"; whether they count as quotes is the label scheme's choice
(`[quote_rule]`, applied by `annotator.nlp.suggest`). Quoted titles (“The Art of the
Deal”) are neither. References are stored as character offsets so Docs stay serialisable
(DocBin, `n_process`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import ensure_path, registry

from annotator.nlp.attribution import SENTENCE_END, Attributor, breaks
from annotator.nlp.lexicon import lexicon_path, read_word_list, reporting_verb_forms
from annotator.nlp.quote_marks import MarkedQuote, find_marked_quotes
from annotator.nlp.span_scores import Scores, span_group_scorer
from annotator.nlp.spanrefs import get_ref, register_ref, set_ref
from annotator.nlp.speakers import SpeakerResolver

FACTORY = "annotator_quotes_v1"
SPANS_KEY = "quotes"
FRAGMENTS_KEY = "quote_fragments"
RUN_ON_TAILS = ("earlier", "later", "today", "yesterday", "on", "that", "in")
TITLE_CUES = frozenset(
    "show book film movie song album documentary series programme program titled entitled headline "
    "article column op-ed hashtag operation memoir novel play".split()
)
TITLE_MAX_WORDS = 8
NEAR_PARAGRAPHS = 2

for _name in ("speaker", "cue", "speaker_entity"):
    register_ref(_name)
for _name in ("quote_kind", "quote_form"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


REPORTING_VERBS = "annotator.reporting_verbs.v1"
SCORER = "annotator.quote_scorer.v1"


@registry.misc(REPORTING_VERBS)
def bundled_reporting_verbs() -> list[str]:
    """The bundled reporting verbs (resources/lexicons/reporting_verbs.txt): one verb a
    line, its lemma first, then irregular forms ("tell told")."""
    return read_word_list(lexicon_path("reporting_verbs.txt"))


@registry.scorers(SCORER)
def make_quote_scorer() -> Callable[..., Scores]:
    """Precision, recall and F of `doc.spans["quotes"]`: `spans_quotes_p|r|f`."""
    return span_group_scorer(SPANS_KEY)


@Language.factory(
    FACTORY,
    default_config={
        "min_words": 3,
        "indirect": True,
        "verbs": {"@misc": REPORTING_VERBS},
        "scorer": {"@scorers": SCORER},
    },
)
def make_quote_finder(
    nlp: Language,
    name: str,
    min_words: int,
    indirect: bool,
    verbs: list[str],
    scorer: Callable[..., Scores] | None,
) -> QuoteFinder:
    """Create the quote component.

    min_words (int): quoted text with fewer words is a short fragment (kept apart in
        `doc.spans["quote_fragments"]`); indirect quotes need as many words.
    indirect (bool): also find indirect quotes ("X said that ...").
    verbs (list[str]): the reporting verbs, one a line as in the bundled list ("tell told");
        default: the bundled list, read through the registry (`annotator.reporting_verbs.v1`).
        In a config: `verbs = ["say said", "tell told", "warn"]`.
    scorer: scores the quotes for `nlp.evaluate` / `spacy evaluate` (`spans_quotes_f`).
    """
    return QuoteFinder(nlp, name, min_words=min_words, indirect=indirect, verbs=verbs, scorer=scorer)


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
        verbs: list[str] | None = None,
        scorer: Callable[..., Scores] | None = None,
    ):
        self.name = name
        self.min_words = min_words
        self.indirect = indirect
        self.verbs = list(verbs) if verbs is not None else bundled_reporting_verbs()
        self.forms = reporting_verb_forms(self.verbs)
        self.scorer = scorer if scorer is not None else make_quote_scorer()

    def __call__(self, doc: Doc) -> Doc:
        quotes, fragments = _DocQuotes(doc, self).run()
        doc.spans[SPANS_KEY] = quotes
        doc.spans[FRAGMENTS_KEY] = fragments
        return doc

    def is_cue(self, token: Token) -> bool:
        """Whether a token is a reporting verb (by form, lemma or a run-on typo)."""
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and token.lower_ not in ("said", "told"):
            return False
        lower = token.lower_
        if lower in self.forms or token.lemma_.lower() in self.verbs:
            return True
        return any(lower.endswith(tail) and lower[: -len(tail)] in self.forms for tail in RUN_ON_TAILS)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Scores:
        """The quotes against the gold Docs' `doc.spans["quotes"]` (see `span_scores`)."""
        return self.scorer(examples, **kwargs)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        packed: bytes = srsly.msgpack_dumps(self._config())
        return packed

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteFinder:
        self._load(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_json(folder / "quotes.json", self._config())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteFinder:
        self._load(srsly.read_json(ensure_path(path) / "quotes.json"))
        return self

    def _config(self) -> dict[str, Any]:
        return {"verbs": self.verbs, "min_words": self.min_words, "indirect": self.indirect}

    def _load(self, data: dict[str, Any]) -> None:
        self.verbs = list(data["verbs"])
        self.min_words = int(data["min_words"])
        self.indirect = bool(data["indirect"])
        self.forms = reporting_verb_forms(self.verbs)


class _DocQuotes:
    """The work on one Doc: pairing marks, telling quotes from fragments and titles,
    attribution, and resolving speakers to named entities."""

    def __init__(self, doc: Doc, finder: QuoteFinder):
        self.doc = doc
        self.finder = finder
        self.parsed = doc.has_annotation("DEP")
        self.inside = [False] * len(doc)

    def run(self) -> tuple[list[Span], list[Span]]:
        pending: list[tuple[Span, int, int]] = []
        short: list[Span] = []
        for marked in find_marked_quotes(self.doc.text):
            span = self._content_span(marked)
            if span is None:
                continue
            form = self._form(span)
            if form == "title":
                continue
            open_token = self._token_at(marked.open_start)
            close_token = self._token_at(marked.close_end - 1)
            if form == "fragment":
                span._.quote_form = "fragment"
                span._.quote_kind = self._kind(open_token)
                short.append(span)
                continue
            for i in range(open_token, close_token + 1):
                self.inside[i] = True
            pending.append((span, open_token, close_token))
        self.attributor = Attributor(self.doc, self.inside, [(o, c) for _, o, c in pending], self.finder.is_cue)
        self.resolver = SpeakerResolver(self.doc, self.inside)
        quotes: list[Span] = []
        previous: Span | None = None
        for index, (span, open_token, _) in enumerate(pending):
            span._.quote_form = "quote"
            span._.quote_kind = self._kind(open_token)
            cue, speaker = self.attributor.direct(span, index)
            if cue is not None:
                set_ref(span, "cue", cue)
            if speaker is not None:
                self._set_speaker(span, speaker)
            elif previous is not None and cue is None and self._near(previous, span):
                set_ref(span, "speaker", get_ref(previous, "speaker"))
                set_ref(span, "speaker_entity", get_ref(previous, "speaker_entity"))
            quotes.append(span)
            previous = span
        for span in short:
            cue, speaker = self.attributor.fragment(span)
            if cue is not None:
                set_ref(span, "cue", cue)
            if speaker is not None:
                self._set_speaker(span, speaker)
        if self.finder.indirect:
            quotes.extend(self._indirect(quotes))
        return sorted(quotes, key=lambda s: s.start), short

    def _content_span(self, marked: MarkedQuote) -> Span | None:
        span = self.doc.char_span(marked.start, marked.end, label="QUOTE", alignment_mode="expand")
        return _strip(span) if span is not None else None

    def _form(self, span: Span) -> str:
        """ "title" (“The Art of the Deal”), "fragment" (fewer words than min_words) or "quote"."""
        words = [t for t in span if t.is_alpha or t.like_num]
        if _looks_like_title(self.doc, span, words):
            return "title"
        return "quote" if len(words) >= self.finder.min_words else "fragment"

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _words(self, span: Span) -> int:
        return sum(1 for t in span if t.is_alpha or t.like_num)

    def _kind(self, open_token: int) -> str:
        i = open_token - 1
        while i >= 0 and self.doc[i].is_space and not breaks(self.doc[i]):
            i -= 1
        if i < 0 or breaks(self.doc[i]):
            return "direct"
        token = self.doc[i]
        if token.is_alpha and not self.finder.is_cue(token) and token.lower_ not in ("that", "and", "but"):
            return "mixed"
        return "direct"

    def _near(self, previous: Span, span: Span) -> bool:
        gap = self.doc.text[previous.end_char : span.start_char]
        return gap.count("\n\n") + gap.count("\n") // 2 <= NEAR_PARAGRAPHS and len(gap) < 400

    def _set_speaker(self, quote: Span, speaker: Span) -> None:
        """The speaker as written and, when it is not itself a name, the entity it names."""
        set_ref(quote, "speaker", speaker)
        set_ref(quote, "speaker_entity", self.resolver.resolve(speaker))

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
            speaker = self.attributor.speaker(cue, self.attributor.clause_window(token))
            if speaker is None:
                continue
            quote = Span(self.doc, content.start, content.end, label="QUOTE")
            quote._.quote_kind = "indirect"
            quote._.quote_form = "quote"
            set_ref(quote, "cue", cue)
            self._set_speaker(quote, speaker)
            taken.append((quote.start, quote.end))
            found.append(quote)
        return found

    def _according_quote(self, token: Token, taken: list[tuple[int, int]]) -> Span | None:
        """ "According to X, ..." and "..., according to X": the rest of the sentence."""
        start, end = token.i, token.i
        while start > 0 and not breaks(self.doc[start - 1]) and self.doc[start - 1].text not in SENTENCE_END:
            start -= 1
        while end < len(self.doc) and not breaks(self.doc[end]) and self.doc[end].text not in SENTENCE_END:
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
        quote._.quote_form = "quote"
        set_ref(quote, "cue", cue)
        speaker = self.attributor.according_speaker(cue)
        if speaker is not None:
            self._set_speaker(quote, speaker)
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
        while (
            end < len(self.doc)
            and not breaks(self.doc[end])
            and self.doc[end].text not in SENTENCE_END
            and not self.inside[end]
        ):
            end += 1
        return _strip(self.doc[nxt + 1 : end])


def _strip(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].text in ("“", "‘", '"', "``")):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in ("”", "’", '"', "''")):
        end -= 1
    return Span(doc, start, end, label=span.label) if end > start else None


def _looks_like_title(doc: Doc, span: Span, words: list[Token]) -> bool:
    """A quoted title: every content word capitalised, no sentence inside, and either two
    or more such words or a word like "show", "book", "titled" just before."""
    if not words or len(words) > TITLE_MAX_WORDS or any(t.text in SENTENCE_END for t in span):
        return False
    content = [t for t in words if not t.is_stop or t.i == span.start]
    if not content or not all(t.text[:1].isupper() or t.like_num for t in content):
        return False
    if len([t for t in content if not t.like_num]) >= 2:
        return True
    before = [t for t in doc[max(0, span.start - 4) : span.start] if t.is_alpha]
    return bool(before) and before[-1].lower_ in TITLE_CUES
