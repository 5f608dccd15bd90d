"""Import speed: our full import against a bare sqlite-utils insert_all of the same rows.

Generates N articles as a JSONL file, imports it with `import_sources` (decode, parse,
normalise, dedupe by uid, insert, FTS index, tokenise and store tokens) into a new
project, and inserts the same rows with a bare `insert_all` into a plain table.
Usage: python benchmarks/import_bench.py [--articles 10000] [--words 300]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from annotator.services.importing import import_sources
from annotator.services.project import Project

WORDS = (
    "ceasefire talks shelling convoy militia Kharkiv Istanbul minister said forces "
    "prisoners exchange village drone attack killed wounded protest police"
).split()


def generate(path: Path, articles: int, words: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    with path.open("w", encoding="utf-8") as handle:
        for i in range(articles):
            body = " ".join(rng.choice(WORDS) for _ in range(words))
            row = {"text": f"Report {i}\n\n{body}.", "title": f"Report {i}", "meta": {"n": i}}
            rows.append(row)
            handle.write(json.dumps(row) + "\n")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        rows = generate(source, args.articles, args.words)

        started = time.perf_counter()
        bare = Database(Path(tmp) / "bare.db")
        bare.enable_wal()
        bare["articles"].insert_all(
            ({"text": r["text"], "title": r["title"], "meta": json.dumps(r["meta"])} for r in rows), batch_size=200
        )
        bare_seconds = time.perf_counter() - started

        started = time.perf_counter()
        indexed = Database(Path(tmp) / "bare_fts.db")
        indexed.enable_wal()
        indexed["articles"].create({"id": int, "text": str, "title": str, "meta": str}, pk="id")
        indexed["articles"].enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)
        indexed["articles"].insert_all(
            ({"text": r["text"], "title": r["title"], "meta": json.dumps(r["meta"])} for r in rows), batch_size=200
        )
        fts_seconds = time.perf_counter() - started

        started = time.perf_counter()
        with Project.open(Path(tmp) / "project.db") as project:
            report = import_sources(project, [source])
        ours_seconds = time.perf_counter() - started
        assert report.imported == args.articles, report.summary()

        started = time.perf_counter()
        with Project.open(Path(tmp) / "project.db") as project:
            again = import_sources(project, [source])
        dedupe_seconds = time.perf_counter() - started

    words = args.articles * (args.words + 2)
    print(f"articles: {args.articles}, words: {words:,}")
    print(f"{'bare insert_all':<34}{args.articles / bare_seconds:>10,.0f} articles/s  ({bare_seconds:.2f} s)")
    print(
        f"{'bare insert_all + FTS5 index':<34}{args.articles / fts_seconds:>10,.0f} articles/s  ({fts_seconds:.2f} s)"
    )
    print(
        f"{'annotator import (all steps)':<34}{args.articles / ours_seconds:>10,.0f} articles/s  ({ours_seconds:.2f} s)"
    )
    print(
        f"{'re-import (all duplicates)':<34}{args.articles / dedupe_seconds:>10,.0f} articles/s  ({dedupe_seconds:.2f} s, {again.duplicates} skipped)"
    )
    print(
        f"ratio ours/bare time: {ours_seconds / bare_seconds:.2f}x (target <= 2x); "
        f"ours/bare+FTS: {ours_seconds / fts_seconds:.2f}x"
    )


if __name__ == "__main__":
    main()
