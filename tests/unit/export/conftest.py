"""Fixtures of the export tests: the seed article with its gold annotations, a corpus of
seed excerpts big enough for `spacy debug data`, and a small article using every feature."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.model import (
    AnnotatedArticle,
    Annotations,
    Argument,
    Article,
    ArticleStatus,
    Event,
    IncomingArticle,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
)
from annotator.core.scheme import LabelScheme
from annotator.core.text import article_uid
from annotator.ingest.brat import read_brat
from annotator.nlp.tokens import tokenize

SEED_STEM = "seed/ukraine-russia-pow-exchange"


@pytest.fixture(scope="session")
def scheme() -> LabelScheme:
    return LabelScheme.default()


@pytest.fixture(scope="session")
def seed_article(samples_dir: Path) -> AnnotatedArticle:
    ann = samples_dir / f"{SEED_STEM}.ann"
    if not ann.exists():
        pytest.skip(f"seed article not found at {ann}")
    read = list(read_brat(ann))
    articles = [r for r in read if isinstance(r, IncomingArticle)]
    assert len(articles) == 1, read
    incoming = articles[0]
    return AnnotatedArticle(
        Article(uid=article_uid(incoming.text), text=incoming.text, title="Ukraine and Russia agree", id=1),
        next(tokenize([incoming.text])),
        incoming.annotations,
        annotator="gold",
        status=ArticleStatus.DONE,
        updated_at="2025-05-16T12:00:00Z",
    )


@pytest.fixture(scope="session")
def seed_corpus(seed_article: AnnotatedArticle) -> list[AnnotatedArticle]:
    """150 distinct articles made of pairs of seed paragraphs, with their gold annotations."""
    blocks = paragraphs(seed_article.article.text)
    pairs = [(i, j) for i in range(len(blocks)) for j in range(i + 1, len(blocks))]
    pairs = pairs[:: max(1, len(pairs) // 150)][:150]
    return excerpts(seed_article, [[blocks[i], blocks[j]] for i, j in pairs])


def excerpts(source: AnnotatedArticle, pieces: list[list[tuple[int, int]]]) -> list[AnnotatedArticle]:
    """New articles from ranges of `source`, joined by blank lines, keeping the annotations inside."""
    texts, shifted = [], []
    for ranges in pieces:
        parts, offset, moves = [], 0, []
        for start, end in ranges:
            moves.append((start, end, offset - start))
            parts.append(source.article.text[start:end])
            offset += end - start + 2
        texts.append("\n\n".join(parts))
        shifted.append(_shift(source.annotations, moves))
    return [
        replace(
            source,
            article=Article(uid=article_uid(text), text=text, title=f"excerpt {n}", id=n + 100),
            tokens=tokens,
            annotations=annotations,
        )
        for n, (text, tokens, annotations) in enumerate(zip(texts, tokenize(texts), shifted))
    ]


def paragraphs(text: str) -> list[tuple[int, int]]:
    found, position = [], 0
    for block in text.split("\n\n"):
        if block.strip():
            found.append((position, position + len(block)))
        position += len(block) + 2
    return found


def _shift(annotations: Annotations, moves: list[tuple[int, int, int]]) -> Annotations:
    def move(span: Span | None) -> Span | None:
        if span is None:
            return None
        for start, end, delta in moves:
            if start <= span.start and span.end <= end:
                return replace(span, start=span.start + delta, end=span.end + delta)
        return None

    spans = tuple(s for s in map(move, annotations.spans) if s is not None)
    quotes = tuple(
        replace(q, content=move(q.content), speaker=move(q.speaker), cue=move(q.cue))
        for q in annotations.quotes
        if move(q.content) is not None
    )
    events = tuple(
        replace(
            e,
            trigger=move(e.trigger),
            arguments=tuple(replace(a, span=move(a.span)) for a in e.arguments if move(a.span)),
        )
        for e in annotations.events
        if move(e.trigger) is not None
    )
    return Annotations(spans, quotes, events)


@pytest.fixture(scope="session")
def rich_article() -> AnnotatedArticle:
    """A small article using every feature: ids, statuses, origins, overlaps, flags, kinds."""
    text = 'Rebels shelled Kharkiv on Monday, killing 3 people, the mayor said: "We will not leave."\n\nTalks in 東京 😀 continue.'
    tokens = next(tokenize([text]))

    def span(fragment: str, label: str, layer: Layer = Layer.ENTITY, **kw) -> Span:
        start = text.index(fragment)
        return Span(
            start, start + len(fragment), label, layer, **{"status": Status.ACCEPTED, "origin": Origin.MANUAL, **kw}
        )

    rebels = span("Rebels", "ARMED_GROUP", id=1)
    kharkiv = span("Kharkiv", "GPE", id=2, status=Status.SUGGESTED)
    monday = span("Monday", "DATE", id=3, origin=Origin.MODEL)
    killed = span("3 people", "FATALITIES", Layer.ARGUMENT, id=4)
    three = span("3", "CARDINAL", id=5)
    shelled = span("shelled", "EXPLOSION_REMOTE", Layer.TRIGGER, id=6)
    mayor = span("the mayor", "SPEAKER", Layer.SPEAKER, id=7)
    said = span("said", "CUE", Layer.CUE, id=8)
    quote = span("We will not leave.", "QUOTE", Layer.QUOTE, id=9)
    tokyo = span("東京", "GPE", id=10)
    talks = span("Talks", "NEGOTIATE", Layer.TRIGGER, id=11)
    rejected = span("people", "NORP", id=12, status=Status.REJECTED, origin=Origin.MODEL)
    overlapping = span("Kharkiv on Monday", "EVENT", id=13)
    annotations = Annotations(
        (rebels, kharkiv, monday, killed, three, shelled, mayor, said, quote, tokyo, talks, rejected, overlapping),
        (Quote(quote, mayor, said, QuoteKind.MIXED, id=1),),
        (
            Event(
                shelled,
                "EXPLOSION_REMOTE",
                "Shelling/artillery/missile attack",
                arguments=(
                    Argument("ACTOR", rebels, 1),
                    Argument("LOCATION", kharkiv, 2),
                    Argument("TIME", monday, 3),
                    Argument("FATALITIES", killed, 4),
                ),
                id=1,
            ),
            Event(
                talks,
                "NEGOTIATE",
                "Talks",
                negated=True,
                hypothetical=True,
                future=True,
                arguments=(Argument("LOCATION", tokyo, 5),),
                id=2,
            ),
        ),
    )
    return AnnotatedArticle(
        Article(
            uid=article_uid(text),
            text=text,
            title="Shelling",
            source="wire",
            url="https://example.org/a",
            author="AB",
            published="2025-05-12",
            meta={"lang": "en", "tags": ["x"]},
            imported_at="2025-05-13T00:00:00Z",
            id=7,
        ),
        tokens,
        annotations,
        annotator="alice",
        status=ArticleStatus.DONE,
        updated_at="2025-05-14T10:00:00Z",
    )
