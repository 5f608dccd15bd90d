from __future__ import annotations

import tempfile
from pathlib import Path

import spacy
import srsly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from annotator.core.model import (
    AnnotatedArticle,
    Annotations,
    Argument,
    Article,
    ArticleStatus,
    Event,
    Layer,
    Quote,
    Span,
    Status,
)
from annotator.core.scheme import LabelScheme
from annotator.core.text import article_uid, normalise
from annotator.export import write_export
from annotator.ingest.brat import read_brat
from annotator.ingest.labelstudio import read_labelstudio
from annotator.ingest.ours import read_ours
from annotator.nlp.tokens import tokenize

PIECES = [
    "Kyiv",
    "said",
    "😀",
    "👩🏽‍🚒",
    "e\u0301té",
    "Ångström",
    "東京",
    "戦争",
    "مرحبا",
    "שלום",
    "\t",
    " ",
    "\r\n",
    "\n",
    "\u00a0",
    "“quoted”",
    ",",
    ".",
    "1,000",
    "a\u0308",
    "🇺🇦",
]
LABELS = ["PERSON", "GPE", "DATE"]
VOCAB = spacy.blank("en").vocab
SCHEME = LabelScheme.default()


@st.composite
def articles(draw) -> AnnotatedArticle:
    raw = "".join(draw(st.lists(st.sampled_from(PIECES) | st.text(min_size=1, max_size=3), min_size=1, max_size=40)))
    text = normalise(raw)
    tokens = next(tokenize([text]))
    n = len(tokens.tokens)
    spans = []
    if n:
        for _ in range(draw(st.integers(0, 6))):
            first = draw(st.integers(0, n - 1))
            last = draw(st.integers(first, min(n - 1, first + 3)))
            spans.append(
                Span(
                    tokens.tokens[first][0],
                    tokens.tokens[last][1],
                    draw(st.sampled_from(LABELS)),
                    status=Status.ACCEPTED,
                )
            )
    spans = list({s.key: s for s in spans}.values())
    quotes, events = (), ()
    if len(spans) >= 3:
        content = spans[0].with_(label="QUOTE", layer=Layer.QUOTE)
        trigger = spans[1].with_(label="BATTLE", layer=Layer.TRIGGER)
        spans += [content, trigger]
        quotes = (Quote(content, spans[2]),)
        events = (Event(trigger, "BATTLE", arguments=(Argument("ACTOR", spans[2]),)),)
    return AnnotatedArticle(
        Article(uid=article_uid(text), text=text),
        tokens,
        Annotations(tuple(spans), quotes, events),
        annotator="alice",
        status=ArticleStatus.DONE,
    )


def _triples(item: AnnotatedArticle) -> set[tuple[int, int, str]]:
    return {(s.start, s.end, s.label) for s in item.annotations.spans}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item=articles())
def test_offsets_are_exact_in_every_format_with_offsets(item):
    scheme = SCHEME
    text = item.article.text
    expected = _triples(item)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        write_export([item], out / "ours.jsonl", "jsonl", scheme)
        (back,) = read_ours(out / "ours.jsonl")
        assert back.text == text and back.annotations == item.annotations.without_ids()

        write_export([item], out / "prodigy.jsonl", "prodigy", scheme)
        (task,) = srsly.read_jsonl(out / "prodigy.jsonl")
        assert task["text"] == text
        assert {(s["start"], s["end"], s["label"]) for s in task["spans"]} == expected
        assert "".join(t["text"] + (" " if t["ws"] else "") for t in task["tokens"]) == text
        for s in task["spans"]:
            assert (task["tokens"][s["token_start"]]["start"], task["tokens"][s["token_end"]]["end"]) == (
                s["start"],
                s["end"],
            )

        write_export([item], out / "doccano.jsonl", "doccano", scheme)
        (record,) = srsly.read_jsonl(out / "doccano.jsonl")
        assert record["text"] == text
        assert {(e["start_offset"], e["end_offset"], e["label"]) for e in record["entities"]} == expected

        write_export([item], out / "ls.json", "labelstudio", scheme)
        (back,) = read_labelstudio(out / "ls.json")
        assert back.text == text and {(s.start, s.end, s.label) for s in back.annotations.spans} == expected

        write_export([item], out / "brat", "brat", scheme)
        (back,) = read_brat(out / "brat")
        assert back.text == text and {(s.start, s.end, s.label) for s in back.annotations.spans} == expected
        (txt,) = (out / "brat").glob("*.txt")
        assert txt.read_bytes() == text.encode("utf-8")

        write_export([item], out / "spacy", "spacy", scheme, dev=0.0)
        (doc,) = DocBin().from_disk(out / "spacy" / "train.spacy").get_docs(VOCAB)
        assert doc.text == text
        assert {(s.start_char, s.end_char, s.label_) for s in doc.spans["entities"]} == {
            (s.start, s.end, s.label) for s in item.annotations.on_layer(Layer.ENTITY)
        }
        assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
