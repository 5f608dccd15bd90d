"""Snapping selections to tokens: 500 snaps on a 5,000-token article.

`core.align.snap` bisects the tokenisation's start and end offsets, which `Tokenisation`
builds once and keeps. Compared in one run with the raw limit: `bisect` on two prebuilt
lists. Before the offsets were cached (rebuilt on every call, O(tokens)), the same 500
snaps took 352 ms on the 2-core development machine (0.30 ms raw limit in that run);
with the cache, 0.38 ms.
Usage: python benchmarks/snap_bench.py [--tokens 5000] [--snaps 500]
"""

from __future__ import annotations

import argparse
import bisect
import random
import time

from annotator.core.align import snap
from annotator.core.model import Tokenisation


def article(count: int) -> Tokenisation:
    tokens, position = [], 0
    for i in range(count):
        length = 1 + i % 9
        tokens.append((position, position + length))
        position += length + 1
    return Tokenisation(tuple(tokens))


def selections(tokens: Tokenisation, count: int, seed: int = 0) -> list[tuple[int, int]]:
    """Selections as a mouse makes them: inside words, across a few tokens."""
    rng = random.Random(seed)
    picks = []
    for _ in range(count):
        index = rng.randrange(0, len(tokens.tokens) - 5)
        first, last = tokens.tokens[index], tokens.tokens[index + rng.randrange(0, 5)]
        start = rng.randrange(first[0], first[1])
        picks.append((start, max(start + 1, rng.randrange(last[0], last[1]) + 1)))
    return picks


def best_ms(run, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=5000)
    parser.add_argument("--snaps", type=int, default=500)
    args = parser.parse_args()
    tokens = article(args.tokens)
    picks = selections(tokens, args.snaps)
    starts, ends = [s for s, _ in tokens.tokens], [e for _, e in tokens.tokens]

    def raw() -> None:
        for start, end in picks:
            first, last = bisect.bisect_right(ends, start), bisect.bisect_left(starts, end) - 1
            assert first <= last

    def cached() -> None:
        for start, end in picks:
            assert snap(start, end, tokens) is not None

    for start, end in picks:  # same answers as the raw bisect
        first, last = bisect.bisect_right(ends, start), bisect.bisect_left(starts, end) - 1
        assert snap(start, end, tokens) == (starts[first], ends[last])
    raw_ms, cached_ms = best_ms(raw), best_ms(cached)
    print(f"{args.snaps} snaps on a {args.tokens}-token article (best of 5)")
    print(f"raw bisect on prebuilt lists : {raw_ms:8.2f} ms  (raw limit)")
    print(f"snap (core.align)            : {cached_ms:8.2f} ms  ({cached_ms / raw_ms:.1f}x the raw limit)")


if __name__ == "__main__":
    main()
