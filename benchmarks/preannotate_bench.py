"""Speed of pre-annotation against the bare model, on the same texts in one run.

    .venv/bin/python benchmarks/preannotate_bench.py [--model NAME] [--words 60000] [--rounds 3]

Measures, in words per second on one process:
- bare: `nlp.pipe(texts)` of the model alone (the raw limit);
- ours: `annotate()` — Docs rebuilt from stored tokens, `nlp.pipe` with our components
  (entity ruler, name consistency, quotes, events) and `suggest()` to core Annotations,
  plus `store_results(batch)` when a store hook is given;
- full: the `annotator preannotate` service on a project holding the same texts —
  reading articles and stored tokens from SQLite, the pipeline, `suggest()`, and the bulk
  write of every suggestion (what an annotator waits for);
- warm-up: the first call of a freshly loaded pipeline against the next calls.
Rounds alternate bare and ours; the best round of each is reported.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy

from annotator.core.model import Annotations, Tokenisation
from annotator.nlp.pipeline import add_components, load_pipeline, model_id, resolve_model
from annotator.nlp.suggest import annotate
from annotator.nlp.tokens import tokenize

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLES = REPO_ROOT.parent / "shared" / "samples"
StoreHook = Callable[[list[Annotations]], None]


def corpus(words: int) -> list[str]:
    """News-like texts: the seed article and the re3d statements, repeated to `words`."""
    texts = []
    seed = SAMPLES / "seed" / "ukraine-russia-pow-exchange.txt"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    for path in sorted((SAMPLES / "re3d").glob("*/documents.json")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    if not texts:
        texts = [(REPO_ROOT / "resources" / "samples" / "ukraine-russia-pow-exchange.txt").read_text(encoding="utf-8")]
    out, count = [], 0
    while count < words:
        for text in texts:
            out.append(text)
            count += len(text.split())
            if count >= words:
                break
    return out


def bare_run(nlp, texts: Sequence[str], batch_size: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def ours_run(
    nlp, items: Sequence[tuple[str, Tokenisation]], batch_size: int, store_results: StoreHook | None = None
) -> float:
    """Time annotate() over all items; `store_results` receives each batch of results."""
    started = time.perf_counter()
    batch: list[Annotations] = []
    for result in annotate(nlp, items, batch_size=batch_size):
        if result is not None:
            batch.append(result)
        if len(batch) >= batch_size:
            if store_results:
                store_results(batch)
            batch = []
    if batch and store_results:
        store_results(batch)
    return time.perf_counter() - started


def warm_up_figures(source: str) -> tuple[float, float, float]:
    """(load s, first call s, median of the next five calls s) of a freshly loaded
    pipeline with components, on the seed article."""
    sample = SAMPLES / "seed" / "ukraine-russia-pow-exchange.txt"
    text = sample.read_text(encoding="utf-8") if sample.exists() else "“We agreed,” he said. " * 50
    started = time.perf_counter()
    nlp = add_components(spacy.load(source))
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    nlp(text)
    first = time.perf_counter() - started
    steady = sorted(_timed(nlp, text) for _ in range(5))[2]
    return loaded, first, steady


def _timed(nlp, text: str) -> float:
    started = time.perf_counter()
    nlp(text)
    return time.perf_counter() - started


def service_run(nlp, texts: Sequence[str], batch_size: int) -> float:
    """Time the pre-annotation service end to end on a fresh project with these texts."""
    import tempfile

    from annotator.core.model import Article
    from annotator.core.text import article_uid, normalise
    from annotator.services.preannotate import preannotate
    from annotator.services.project import Project
    from annotator.store.articles import insert_articles

    with tempfile.TemporaryDirectory() as folder, Project.open(Path(folder) / "bench.db") as project:
        articles = [
            Article(article_uid(normalise(t) + f"#{i}"), normalise(t), f"text {i}") for i, t in enumerate(texts)
        ]
        insert_articles(project.db, articles)
        project.ensure_tokens()
        started = time.perf_counter()
        report = preannotate(project, nlp=nlp, batch_size=batch_size)
        elapsed = time.perf_counter() - started
        assert report.articles == len(texts) and not report.problems, report.summary()
    return elapsed


def main(argv: list[str] | None = None, store_results: StoreHook | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)

    source = resolve_model(args.model)
    loaded, first, steady = warm_up_figures(source)
    bare = load_pipeline(source, components=False)
    ours = load_pipeline(source)
    texts = corpus(args.words)
    words = sum(len(t.split()) for t in texts)
    items = list(zip(texts, tokenize(texts)))
    bare_run(bare, texts[:5], args.batch_size)
    ours_run(ours, items[:5], args.batch_size)

    bare_times, ours_times, full_times = [], [], []
    for _ in range(args.rounds):
        bare_times.append(bare_run(bare, texts, args.batch_size))
        ours_times.append(ours_run(ours, items, args.batch_size, store_results))
        full_times.append(service_run(ours, texts, args.batch_size))
    bare_wps, ours_wps, full_wps = words / min(bare_times), words / min(ours_times), words / min(full_times)
    print(f"model {model_id(ours)}; {len(texts)} texts, {words} words; batch {args.batch_size}; best of {args.rounds}")
    print(f"{'':<44}{'words/s':>10}{'ratio':>8}")
    print(f"{'bare nlp.pipe':<44}{bare_wps:>10.0f}{1.0:>8.2f}")
    label = "ours: components + suggest()" + (" + store" if store_results else "")
    print(f"{label:<44}{ours_wps:>10.0f}{ours_wps / bare_wps:>8.2f}")
    print(
        f"{'full: preannotate service incl. SQLite writes':<44}{full_wps:>10.0f}{full_wps / bare_wps:>8.2f}"
        "   (target >= 0.85)"
    )
    print(
        f"warm-up: load {loaded:.2f} s; first call {first * 1000:.0f} ms vs steady {steady * 1000:.0f} ms "
        f"({first / steady:.1f}x) on the seed article"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
