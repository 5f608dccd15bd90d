"""Storing suggestions: 10,000 spans (with quotes and events) for one article.

Compares `store_suggestions` (one transaction, executemany) with a bare sqlite3
executemany of the same span rows into a plain table: the raw limit on this disk.
Usage: python benchmarks/store_bench.py [--spans 10000]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from annotator.core.model import Annotations, Argument, Article, Event, Layer, Quote, Span
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store.annotations import store_suggestions
from annotator.store.articles import insert_articles


def synthetic(count: int) -> tuple[str, Annotations]:
    text = " ".join(f"w{i}" for i in range(count))
    spans, position = [], 0
    for i in range(count):
        word = f"w{i}"
        spans.append(Span(position, position + len(word), "PERSON" if i % 3 else "GPE"))
        position += len(word) + 1
    triggers = [Span(s.start, s.end, "BATTLE", Layer.TRIGGER) for s in spans[::50]]
    quotes = [Quote(Span(s.start, s.end, "QUOTE", Layer.QUOTE), spans[i]) for i, s in enumerate(spans[::100])]
    events = [Event(t, "BATTLE", arguments=(Argument("ACTOR", spans[i]),)) for i, t in enumerate(triggers)]
    every = spans + triggers + [q.content for q in quotes]
    return text, Annotations(tuple(every), tuple(quotes), tuple(events))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=int, default=10_000)
    args = parser.parse_args()
    text, annotations = synthetic(args.spans)
    with tempfile.TemporaryDirectory() as folder:
        with Project.open(Path(folder) / "p.db") as project:
            article_id = insert_articles(project.db, [Article(article_uid(text), text)]).inserted[article_uid(text)]
            started = time.perf_counter()
            store_suggestions(project.db, "bench", [(article_id, annotations)])
            ours = time.perf_counter() - started
        bare = sqlite3.connect(Path(folder) / "bare.db")
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute(
            "CREATE TABLE spans (id INTEGER PRIMARY KEY, set_id, start_char, end_char, label, layer, status, origin)"
        )
        rows = [(1, s.start, s.end, s.label, str(s.layer), "suggested", "model") for s in annotations.spans]
        started = time.perf_counter()
        with bare:
            bare.executemany(
                "INSERT INTO spans (set_id, start_char, end_char, label, layer, status, origin)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        raw = time.perf_counter() - started
    total = len(annotations.spans)
    print(f"{total} spans, {len(annotations.quotes)} quotes, {len(annotations.events)} events for one article")
    print(f"{'bare executemany of the span rows':<40}{raw * 1000:8.1f} ms")
    print(f"{'store_suggestions (all tables, indexes)':<40}{ours * 1000:8.1f} ms  (target well under 1 s)")


if __name__ == "__main__":
    main()
