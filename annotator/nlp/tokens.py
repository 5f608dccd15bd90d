"""Tokenisation computed once at import and stored, so span offsets never drift.

Uses spaCy's rule-based English tokenizer and sentencizer (no model weights): the same
tokenizer the English pipelines use, so model spans line up with stored tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from annotator.core.model import Tokenisation


@cache
def tokenizer_pipeline() -> Language:
    """A blank English pipeline with a sentencizer, loaded once per process."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def tokenisation_of(doc: Doc) -> Tokenisation:
    """Token offsets and sentence starts of a processed Doc (whitespace tokens dropped).

    Read as arrays, not token by token: this runs on every imported article."""
    if not len(doc):
        return Tokenisation((), (0,))
    columns = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist()
    tokens: list[tuple[int, int]] = []
    sentence_starts: list[int] = []
    pending_start = True
    for idx, length, is_space, sent_start in columns:
        if sent_start == 1:
            pending_start = True
        if is_space:
            continue
        if pending_start:
            sentence_starts.append(len(tokens))
            pending_start = False
        tokens.append((idx, idx + length))
    return Tokenisation(tuple(tokens), tuple(sentence_starts) or (0,))


def tokenize(texts: Iterable[str], batch_size: int = 256) -> Iterator[Tokenisation]:
    """Tokenise many texts, in order."""
    for doc in tokenizer_pipeline().pipe(texts, batch_size=batch_size):
        yield tokenisation_of(doc)


def doc_from_tokens(vocab: Vocab, text: str, tokenisation: Tokenisation) -> Doc:
    """Rebuild a Doc whose tokens are exactly the stored ones (whitespace kept as tokens
    the way spaCy would), so `doc.text == text` and offsets match the store."""
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for start, end in tokenisation.tokens:
        if start > position:
            _add_gap(text[position:start], words, spaces)
        words.append(text[start:end])
        spaces.append(False)
        position = end
    if position < len(text):
        _add_gap(text[position:], words, spaces)
    doc = Doc(vocab, words=words, spaces=spaces)
    assert doc.text == text, "stored tokens do not cover the text"
    return doc


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    """Whitespace between tokens: one plain space folds into the previous token's
    trailing space, anything else becomes a whitespace token, as spaCy does."""
    if gap == " " and words and not spaces[-1]:
        spaces[-1] = True
        return
    if words and not spaces[-1] and gap.startswith(" "):
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
