"""Docs per second exporting annotated articles to a spaCy DocBin: our exporter against
building the same DocBin directly with spaCy (``Doc(vocab, words, spaces, ents)`` +
``DocBin``) from the same data, in one run. Target: ours ≥ 0.7 × direct.

    .venv/bin/python benchmarks/export_bench.py --articles 10000

The items are a parameter of `run`: pass any sequence of `AnnotatedArticle` (e.g. read from
a project's store) instead of the generated ones.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

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
from annotator.core.text import article_uid
from annotator.export import write_export
from annotator.export.overlaps import resolve_overlaps
from annotator.nlp.tokens import tokenize

NAMES = [
    ("Volodymyr Zelenskyy", "PERSON"),
    ("Kharkiv", "GPE"),
    ("the Kremlin", "ORG"),
    ("Monday", "DATE"),
    ("Wagner Group", "ARMED_GROUP"),
    ("Ukrainian", "NORP"),
    ("12", "CARDINAL"),
    ("Black Sea", "LOC"),
]
FILLER = (
    "officials",
    "reported",
    "that",
    "the",
    "strikes",
    "continued",
    "overnight",
    "near",
    "positions",
    "while",
    "talks",
    "were",
    "expected",
    "to",
    "resume",
    "in",
    "coming",
    "days",
    "and",
    "residents",
)


def generate(count: int, seed: int = 0, sentences: int = 12) -> Iterator[AnnotatedArticle]:
    """Synthetic annotated articles: ~250 tokens, ~25 entities, a quote and an event each."""
    rng = random.Random(seed)
    for n in range(count):
        parts, entities = [], []
        position = 0
        for _ in range(sentences):
            for _ in range(rng.randint(8, 16)):
                if rng.random() < 0.12:
                    name, label = rng.choice(NAMES)
                    entities.append((position, position + len(name), label))
                    word = name
                else:
                    word = rng.choice(FILLER)
                parts.append(word)
                position += len(word) + 1
            parts[-1] += "."
            position += 1
            if rng.random() < 0.2:
                parts[-1] += "\n"
                position += 1
        text = " ".join(parts).replace("\n ", "\n") + f" #{n}"
        yield _annotated(text, entities, n)


def _annotated(text: str, entities: list[tuple[int, int, str]], n: int) -> AnnotatedArticle:
    # Offsets were computed before "\n " collapsed to "\n"; re-anchor each name by search.
    spans, cursor = [], 0
    for _, _, label in entities:
        name = next(name for name, named in NAMES if named == label)
        start = text.find(name, cursor)
        if start < 0:
            break
        spans.append(Span(start, start + len(name), label, status=Status.ACCEPTED))
        cursor = start + len(name)
    first = text.index(" ")
    quote = Span(0, first, "QUOTE", Layer.QUOTE, Status.ACCEPTED)
    trigger = Span(first + 1, text.index(" ", first + 1), "BATTLE", Layer.TRIGGER, Status.ACCEPTED)
    arguments = tuple(Argument("ACTOR", span) for span in spans[:2])
    annotations = Annotations(
        (*spans, quote, trigger),
        (Quote(quote, spans[0] if spans else None),),
        (Event(trigger, "BATTLE", arguments=arguments),),
    )
    return AnnotatedArticle(
        Article(uid=article_uid(text), text=text, id=n), None, annotations, "bench", ArticleStatus.DONE
    )  # type: ignore[arg-type]


def with_tokens(items: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Fill in stored tokens the way import does."""
    return [replace(item, tokens=tokens) for item, tokens in zip(items, tokenize(item.article.text for item in items))]


def direct_docbin(items: Sequence[AnnotatedArticle], out: Path) -> None:
    """The raw limit: words, spaces and IOB tags straight into Doc and DocBin."""
    vocab = Vocab()
    docbin = DocBin()
    for item in items:
        text = item.article.text
        words, spaces, tags, position = [], [], [], 0
        kept, _ = resolve_overlaps(item.annotations.on_layer(Layer.ENTITY))
        begins = {s.start: s for s in kept}
        current = None
        for start, end in item.tokens.tokens:
            if start > position:
                gap = text[position:start]
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    if words and gap.startswith(" ") and not spaces[-1]:
                        spaces[-1], gap = True, gap[1:]
                    words.append(gap)
                    spaces.append(False)
                    tags.append("O")
            words.append(text[start:end])
            spaces.append(False)
            if start in begins:
                current = begins[start]
                tags.append(f"B-{current.label}")
            elif current is not None and end <= current.end:
                tags.append(f"I-{current.label}")
            else:
                current = None
                tags.append("O")
            position = end
        if position < len(text):
            words.append(text[position:])
            spaces.append(False)
            tags.append("O")
        docbin.add(Doc(vocab, words=words, spaces=spaces, ents=tags))
    docbin.to_disk(out / "direct.spacy")


def run(items: Sequence[AnnotatedArticle], scheme: LabelScheme | None = None) -> dict[str, float]:
    """Time both ways on the same items; return docs/s of each and the ratio."""
    scheme = scheme or LabelScheme.default()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        started = time.perf_counter()
        direct_docbin(items, out)
        direct = len(items) / (time.perf_counter() - started)
        started = time.perf_counter()
        report = write_export(items, out / "ours", "spacy", scheme)
        ours = len(items) / (time.perf_counter() - started)
    assert report.articles == len(items)
    return {"ours_docs_per_s": ours, "direct_docs_per_s": direct, "ratio": ours / direct}


def from_store(items: Sequence[AnnotatedArticle]) -> float:
    """Docs/s of `annotator export --format spacy` on a project file holding the items:
    reading articles, tokens and every set from SQLite, then the same DocBin export."""
    from annotator.services.exporting import export_project
    from annotator.services.project import TOKENIZER_ID, Project
    from annotator.store import annotations as sets
    from annotator.store.articles import insert_articles, save_tokenisations

    with tempfile.TemporaryDirectory() as folder:
        with Project.open(Path(folder) / "bench.db") as project:
            ids = insert_articles(project.db, [item.article for item in items]).inserted
            save_tokenisations(project.db, [(ids[i.article.uid], i.tokens) for i in items], TOKENIZER_ID)
            with project.db.atomic():
                for item in items:
                    set_id = sets.create_set(project.db, ids[item.article.uid], "bench", status=ArticleStatus.DONE)
                    sets.insert_annotations(project.db, set_id, item.annotations.without_ids())
        with Project.open(Path(folder) / "bench.db", readonly=True) as project:
            started = time.perf_counter()
            report = export_project(project, Path(folder) / "out", "spacy", annotator="bench")
            elapsed = time.perf_counter() - started
    assert report.articles == len(items)
    return len(items) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    items = with_tokens(list(generate(args.articles, args.seed)))
    tokens = sum(len(item.tokens.tokens) for item in items)
    spans = sum(len(item.annotations.spans) for item in items)
    print(f"{len(items)} articles, {tokens} tokens, {spans} spans (prepared in {time.perf_counter() - started:.1f}s)")
    figures = run(items)
    print(f"direct spaCy DocBin : {figures['direct_docs_per_s']:8.0f} docs/s  (raw limit)")
    print(f"annotator export    : {figures['ours_docs_per_s']:8.0f} docs/s")
    print(f"ratio               : {figures['ratio']:.2f}  (target >= 0.70)")
    stored = from_store(items)
    print(
        f"annotator export from the project file (SQLite read + DocBin): {stored:8.0f} docs/s  "
        f"({stored / figures['direct_docs_per_s']:.2f} of direct)"
    )


if __name__ == "__main__":
    main()
