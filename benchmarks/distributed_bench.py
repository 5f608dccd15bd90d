"""Pre-annotation on Dask workers against bare `nlp.pipe`, on the same texts in one run.

    .venv/bin/python benchmarks/distributed_bench.py [--words 30000] [--workers 1 2] [--shard-size 16]

Words per second of:
- bare: `nlp.pipe(texts)` of the model alone in this process (the raw limit of one core);
- local: the `preannotate` service in this process (components, suggest, SQLite writes);
- N workers: `preannotate --workers N` — a local Dask cluster of N single-threaded worker
  processes, the main process reading shards and merging results into SQLite. The cluster
  is started and each worker has loaded the model before the clock starts (a long run
  pays that once).
Needs the `cluster` extra.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from preannotate_bench import bare_run, corpus  # noqa: E402

from annotator.core.model import Article  # noqa: E402
from annotator.core.text import article_uid, normalise  # noqa: E402
from annotator.nlp.pipeline import load_pipeline, resolve_model  # noqa: E402
from annotator.services.distributed import make_job, model_name, preannotate_on_cluster  # noqa: E402
from annotator.services.preannotate import preannotate  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.store.articles import insert_articles  # noqa: E402


def fresh_project(folder: Path, texts: list[str], name: str) -> Project:
    project = Project.open(folder / f"{name}.db")
    insert_articles(
        project.db,
        [Article(article_uid(normalise(t) + f"#{i}"), normalise(t), f"text {i}") for i, t in enumerate(texts)],
    )
    project.ensure_tokens()
    return project


def cluster_run(folder: Path, texts: list[str], workers: int, shard_size: int, batch_size: int) -> float:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
        fresh_project(folder, texts, f"workers-{workers}") as project,
    ):
        job = make_job(project, None, batch_size)
        client.run(model_name, job)  # every worker loads the model before the clock starts
        started = time.perf_counter()
        report = preannotate_on_cluster(
            project, scheduler=cluster.scheduler_address, shard_size=shard_size, batch_size=batch_size
        )
        elapsed = time.perf_counter() - started
        assert report.articles == len(texts) and not report.problems, report.summary()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--shard-size", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    texts = corpus(args.words)
    words = sum(len(t.split()) for t in texts)
    source = resolve_model(None)
    bare = load_pipeline(source, components=False)
    ours = load_pipeline(source)
    bare_run(bare, texts[:5], args.batch_size)
    bare_seconds = bare_run(bare, texts, args.batch_size)
    with tempfile.TemporaryDirectory() as folder:
        with fresh_project(Path(folder), texts, "local") as project:
            started = time.perf_counter()
            preannotate(project, nlp=ours, batch_size=args.batch_size)
            local_seconds = time.perf_counter() - started
        runs = {n: cluster_run(Path(folder), texts, n, args.shard_size, args.batch_size) for n in args.workers}
    bare_wps = words / bare_seconds
    print(f"model {source}; {len(texts)} texts, {words} words; shards of {args.shard_size}; batch {args.batch_size}")
    print(f"{'':<52}{'words/s':>10}{'× bare':>8}")
    print(f"{'bare nlp.pipe (this process, one core)':<52}{bare_wps:>10.0f}{1.0:>8.2f}")
    print(
        f"{'preannotate in this process (incl. SQLite)':<52}{words / local_seconds:>10.0f}"
        f"{words / local_seconds / bare_wps:>8.2f}"
    )
    for n, seconds in runs.items():
        label = f"preannotate --workers {n} (local Dask, incl. SQLite)"
        print(f"{label:<52}{words / seconds:>10.0f}{words / seconds / bare_wps:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
