"""Pre-annotation across cores and machines on Dask distributed (docs/adr/0013).

The main process plans shards of articles (id, text, stored tokens), sends them to the
cluster, and merges each returned suggestion set through `preannotate.store_results`, the
same idempotent path a single run uses: an article that already has the model's set is
left alone, so a shard returned twice changes nothing and a lost shard is simply done
again (by Dask's own retry, or by the next run, which skips what is stored). Only the main
process opens the SQLite file. Workers load the pipeline once per process, by package
name or folder path (the folder must be reachable on every worker machine).

Dask is an optional extra (`pip install 'annotator[cluster]'`); without it this module
says so by name.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from annotator.core.errors import AnnotatorError, ModelError
from annotator.core.model import Annotations, Article, Tokenisation
from annotator.core.scheme import LabelScheme
from annotator.services import models
from annotator.services.actors import ruler_patterns
from annotator.services.preannotate import PreannotateReport, annotate_items, pending_articles, store_results
from annotator.services.project import Project

ProgressCallback = Callable[[int, int], None]
INSTALL_HINT = "pip install 'annotator[cluster]' (Dask distributed)"


@dataclass(frozen=True)
class ShardJob:
    """What every shard needs besides its articles: small, sent with each task."""

    model: str  # a package name or a pipeline folder, as `load_pipeline` takes it
    scheme_toml: str
    patterns: tuple[dict[str, Any], ...] = ()
    batch_size: int = 32

    @property
    def key(self) -> str:
        digest = hashlib.blake2b(digest_size=8)
        for part in (self.model, self.scheme_toml, repr(self.patterns)):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()


@dataclass
class ShardResult:
    """A worker's answer for one shard: the suggestion sets and what went wrong."""

    model: str
    results: list[tuple[int, Annotations]] = field(default_factory=list)
    words: int = 0
    problems: list[str] = field(default_factory=list)


_worker_pipelines: dict[str, tuple[Any, LabelScheme]] = {}


def _pipeline(job: ShardJob) -> tuple[Any, LabelScheme]:
    """The job's pipeline and scheme, loaded once per worker process."""
    if job.key not in _worker_pipelines:
        from annotator.nlp.entities import set_project_patterns
        from annotator.nlp.pipeline import load_pipeline

        nlp = load_pipeline(job.model)
        set_project_patterns(nlp, list(job.patterns))
        _worker_pipelines[job.key] = (nlp, LabelScheme.from_toml(job.scheme_toml))
    return _worker_pipelines[job.key]


def model_name(job: ShardJob) -> str:
    """The id the job's model stores its suggestions under (runs on a worker)."""
    from annotator.nlp.pipeline import model_id

    return model_id(_pipeline(job)[0])


def annotate_shard(job: ShardJob, items: Sequence[tuple[Article, Tokenisation]]) -> ShardResult:
    """Suggestion sets for one shard (runs on a worker; touches no project file)."""
    nlp, scheme = _pipeline(job)
    report = PreannotateReport(model_name(job))
    results = list(annotate_items(nlp, items, scheme, report, job.batch_size))
    return ShardResult(report.model, results, report.words, report.problems)


def merge_shard(project: Project, result: ShardResult, report: PreannotateReport) -> None:
    """Store a returned shard (in the main process); a shard merged twice adds nothing."""
    if result.model != report.model:
        raise ModelError(
            f"a worker ran model {result.model!r}, not {report.model!r}: "
            "every worker must have the same model installed"
        )
    store_results(project, result.model, result.results, report)
    report.words += result.words
    report.problems += result.problems


def plan_shards(project: Project, todo: Sequence[int], shard_size: int) -> Iterator[list[tuple[Article, Tokenisation]]]:
    """Shards of (article, tokens), read (and tokenised where needed) one shard at a time."""
    for start in range(0, len(todo), shard_size):
        yield project.articles_with_tokens(todo[start : start + shard_size])


def make_job(project: Project, model: str | None, batch_size: int = 32) -> ShardJob:
    return ShardJob(models.resolve(project, model), project.scheme.source, tuple(ruler_patterns(project)), batch_size)


def preannotate_on_cluster(
    project: Project,
    model: str | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    shard_size: int = 64,
    batch_size: int = 32,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PreannotateReport:
    """Pre-annotate on a Dask cluster: a local one of `workers` processes, or the running
    scheduler at `scheduler` (e.g. "tcp://10.0.0.5:8786").

    Args:
        project (Project): The open project (written by this process only).
        model (str | None): As for `preannotate`: "latest", a model id, a folder or a package.
        workers (int): Worker processes of the local cluster (ignored with `scheduler`).
        scheduler (str | None): Address of a running Dask scheduler.
        shard_size (int): Articles per task.
        batch_size (int): nlp.pipe batch size on the workers.
        progress (ProgressCallback | None): (done, total) at once, then after each shard.
        cancelled (Callable | None): Checked after each shard; pending shards are dropped.
    RETURNS (PreannotateReport): Counts and per-article failures.
    """
    distributed = _distributed()
    job = make_job(project, model, batch_size)
    with _client(distributed, workers, scheduler) as client:
        name = client.submit(model_name, job, pure=False).result()
        todo, skipped = pending_articles(project, name)
        report = PreannotateReport(name, skipped=skipped)
        total, done = len(todo), 0
        if progress:
            progress(0, total)
        if cancelled and cancelled():
            report.cancelled = True
            return report
        shards = plan_shards(project, todo, shard_size)
        window = max(2, 2 * _worker_count(client, workers))
        running = distributed.as_completed([])
        for shard in _take(shards, window):
            running.add(client.submit(annotate_shard, job, shard, pure=False))
        for future in running:
            result: ShardResult = future.result()
            merge_shard(project, result, report)
            done += len(result.results) + len(result.problems)
            future.release()
            if progress:
                progress(min(done, total), total)
            if cancelled and cancelled():
                report.cancelled = True
                client.cancel(list(running.futures))
                break
            for shard in _take(shards, 1):
                running.add(client.submit(annotate_shard, job, shard, pure=False))
    return report


Shard = list[tuple[Article, Tokenisation]]


def _take(shards: Iterator[Shard], count: int) -> list[Shard]:
    taken: list[Shard] = []
    for shard in shards:
        if shard:
            taken.append(shard)
        if len(taken) >= count:
            break
    return taken


def _distributed() -> ModuleType:
    if importlib.util.find_spec("distributed") is None:
        raise AnnotatorError(f"pre-annotation on a cluster needs Dask distributed: {INSTALL_HINT}")
    import distributed

    return distributed


def _client(distributed: ModuleType, workers: int, scheduler: str | None) -> Any:
    """A Dask client to use as a context manager (distributed ships no type information)."""
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s")
        except OSError as error:
            raise AnnotatorError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    cluster = distributed.LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
    )
    return _OwnedClient(distributed.Client(cluster), cluster)


class _OwnedClient:
    """A client that also closes the local cluster it was made for."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: Any) -> None:
        self.client.close()
        self.cluster.close()


def _worker_count(client: Any, default: int) -> int:
    try:
        return max(1, len(client.scheduler_info().get("workers", {})))
    except Exception:
        return default
