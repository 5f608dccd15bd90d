"""Actor matching, the actor listing and incident proposal at scale, each printed next to
its raw limit.

- Alias matching: a dictionary of N actors with 3 aliases each; time to build the matcher
  and per-query time over exact, head ("X fighters"), fuzzy and unknown names, against the
  raw cost of one dict lookup of the normalised text (the floor) and a 16 ms keypress
  (the app asks on every selection).
- Listing: `annotator actors` over a project of A articles with S actor spans each,
  against a bare SQL scan of the same spans.
- Incidents: `propose` over E events against sorting the same events (the floor).

    .venv/bin/python benchmarks/actors_bench.py --actors 10000 --articles 2000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from annotator.core.actors import Actor, normalise
from annotator.core.incidents import EventFacts, Period, propose
from annotator.core.model import Annotations, Article, ArticleStatus, Layer, Origin, Span, Status
from annotator.core.text import article_uid
from annotator.services.actors import AliasMatcher, list_actors_across
from annotator.services.project import Project
from annotator.store import actors as store
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles

SYLLABLES = "ka ri mo ta nu se lo vi da bre gha zul qar ten mir jas hol fen dur".split()


def name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)).title() for _ in range(words))


def bench_matching(actors: int, queries: int) -> None:
    rng = random.Random(0)
    rows, names = [], []
    for i in range(actors):
        canonical = name(rng, 3)
        aliases = [canonical, name(rng, 2), "".join(w[0] for w in canonical.split()) + str(i)]
        names.append(canonical)
        rows += [(i, alias, normalise(alias)) for alias in aliases]
    started = time.perf_counter()
    matcher = AliasMatcher(rows)
    built = time.perf_counter() - started
    asks = []
    for _ in range(queries):
        base = rng.choice(names)
        asks.append(rng.choice([base, f"{base} fighters", base[:-1] + "x", name(rng, 3)]))
    started = time.perf_counter()
    hits = sum(matcher.candidates.__wrapped__(asks_one) != () for asks_one in asks)  # type: ignore[attr-defined]
    per_query = (time.perf_counter() - started) / queries
    table = {normalise(a): 1 for a in asks}
    started = time.perf_counter()
    for ask in asks:
        table.get(normalise(ask))
    floor = (time.perf_counter() - started) / queries
    print(
        f"alias matching, {actors:,} actors ({len(rows):,} names): build {built * 1000:.0f} ms; "
        f"{per_query * 1000:.3f} ms a query uncached ({hits}/{queries} matched) | raw limit: "
        f"dict lookup {floor * 1000:.4f} ms, keypress budget 16 ms"
    )


def bench_listing(articles: int, per_article: int) -> None:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder, Project.open(Path(folder) / "p.db") as project:
        store.import_actors(project.db, [Actor(name(rng, 2), (name(rng, 1),)) for _ in range(500)])
        known = [a.names[rng.randrange(2)] for a in store.list_actors(project.db)]
        items = []
        for i in range(articles):
            words = [rng.choice(known) if rng.random() < 0.6 else name(rng, 2) for _ in range(per_article)]
            text = ". ".join(words) + f". Article {i}."
            items.append(Article(article_uid(text), text, source=rng.choice(["AFP", "Reuters", "AP"])))
        inserted = insert_articles(project.db, items).inserted
        with project.db.atomic():
            for article in items:
                spans, at = [], 0
                for word in article.text.split(". ")[:-1]:
                    spans.append(Span(at, at + len(word), "ORG", Layer.ENTITY, Status.ACCEPTED, Origin.MANUAL))
                    at += len(word) + 2
                set_id = sets.create_set(project.db, inserted[article.uid], "alice", status=ArticleStatus.DONE)
                sets.insert_annotations(project.db, set_id, Annotations(tuple(spans)))
        started = time.perf_counter()
        listing = list_actors_across(project, "alice")
        took = time.perf_counter() - started
        started = time.perf_counter()
        rows = store.actor_candidate_spans(project.db, "alice")
        scan = time.perf_counter() - started
    print(
        f"actor listing, {articles:,} articles, {len(rows):,} spans: {took:.2f} s "
        f"({len(listing.actors)} actors found) | raw limit: SQL scan of the spans {scan:.2f} s"
    )


def bench_incidents(events: int) -> None:
    rng = random.Random(2)
    places = [f"town{i}" for i in range(events // 10)]
    start = date(2024, 1, 1)
    facts = [
        EventFacts(
            i,
            i,
            rng.choice(["BATTLE", "EXPLOSION_REMOTE"]),
            Period(start + timedelta(days=rng.randrange(90)), start + timedelta(days=rng.randrange(90, 92))),
            frozenset({rng.choice(places)}),
            frozenset({f"actor:{rng.randrange(50)}"}),
        )
        for i in range(events)
    ]
    started = time.perf_counter()
    groups = propose(facts)
    took = time.perf_counter() - started
    started = time.perf_counter()
    sorted(facts, key=lambda f: (f.period.first, f.article_id))  # type: ignore[union-attr]
    floor = time.perf_counter() - started
    print(
        f"incident proposal, {events:,} events: {took:.2f} s ({len(groups)} incidents) | raw limit: "
        f"sorting them {floor * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--spans", type=int, default=20)
    parser.add_argument("--events", type=int, default=3000)
    args = parser.parse_args()
    bench_matching(args.actors, args.queries)
    bench_listing(args.articles, args.spans)
    bench_incidents(args.events)


if __name__ == "__main__":
    main()
