"""What durable gestures cost: one gesture's commit with `synchronous=NORMAL` and `FULL`.

Rounds alternate between the two settings on the same project and disk, so a busy
machine slows both alike; printed next to the raw limit, a bare 4 KB write + fsync in
the same folder (FULL's extra cost per commit is about one such fsync of the WAL).

    .venv/bin/python benchmarks/durability_bench.py [--gestures 40] [--rounds 4] [--dir PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.model import Annotations, Article, Span  # noqa: E402
from annotator.core.text import article_uid  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.services.session import AnnotationSession  # noqa: E402
from annotator.store import annotations as sets  # noqa: E402
from annotator.store.articles import insert_articles  # noqa: E402


def make_project(path: Path, highlights: int) -> int:
    words = [f"w{i}" for i in range(highlights)]
    text = " ".join(words)
    spans, position = [], 0
    for word in words:
        spans.append(Span(position, position + len(word), "PERSON"))
        position += len(word) + 1
    with Project.open(path) as project:
        article = insert_articles(project.db, [Article(article_uid(text), text, "bench")]).inserted[article_uid(text)]
        sets.store_suggestions(project.db, "bench", [(article, Annotations(tuple(spans)))])
    return article


def gestures(path: Path, article: int, mode: str, count: int, annotator: str) -> list[float]:
    """Accept `count` suggestions, each its own transaction; RETURNS milliseconds each."""
    with Project.open(path) as project:
        assert project.db.execute("PRAGMA synchronous").fetchone()[0] == 2, "the store opens with FULL"
        project.db.execute(f"PRAGMA synchronous = {mode}")
        session = AnnotationSession(project, annotator)
        session.open(article)
        times = []
        for _ in range(count):
            span = session.next_suggestion()
            assert span is not None
            started = time.perf_counter()
            session.accept(span)
            times.append((time.perf_counter() - started) * 1000)
    return times


def bare_fsync(folder: Path, count: int) -> list[float]:
    times = []
    descriptor = os.open(folder / "fsync.bin", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for i in range(count):
            started = time.perf_counter()
            os.pwrite(descriptor, os.urandom(4096), i * 4096)
            os.fsync(descriptor)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(descriptor)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gestures", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--highlights", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="Folder on the disk to measure (default: temp).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        folder = Path(name)
        path = folder / "bench.db"
        article = make_project(path, args.highlights)
        results: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
        for round_ in range(args.rounds):
            for mode in ("NORMAL", "FULL") if round_ % 2 == 0 else ("FULL", "NORMAL"):
                results[mode] += gestures(path, article, mode, args.gestures, f"{mode}-{round_}")
        raw = bare_fsync(folder, args.gestures * args.rounds)
    print(
        f"{args.rounds} rounds x {args.gestures} accepts per setting, {args.highlights} highlights, in {args.dir or 'temp'}"
    )
    print(f"{'bare 4 KB write + fsync (raw limit)':<42}{statistics.median(raw):7.2f} ms median")
    for mode, times in results.items():
        print(
            f"{'gesture commit, synchronous=' + mode:<42}{statistics.median(times):7.2f} ms median,"
            f" {sorted(times)[int(len(times) * 0.95)]:6.2f} ms p95 (target < 10)"
        )


if __name__ == "__main__":
    main()
