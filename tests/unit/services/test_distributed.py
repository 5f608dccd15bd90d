"""Pre-annotation on a Dask cluster leaves the project exactly as a single run would, even
when a shard comes back twice or is lost and done again; and it runs on a real scheduler
and worker started as separate processes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.distributed import (
    annotate_shard,
    make_job,
    merge_shard,
    plan_shards,
    preannotate_on_cluster,
)
from annotator.services.preannotate import PreannotateReport, pending_articles, preannotate
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store.articles import insert_articles

pytest.importorskip("distributed", reason="the 'cluster' extra (Dask distributed) is not installed")
pytestmark = [pytest.mark.model, pytest.mark.slow]

TEXTS = [
    "Russian forces shelled Kharkiv on Monday, killing three civilians, officials said.",
    "“We agreed to exchange prisoners,” Zelensky said in Kyiv on Tuesday.",
    "Protesters gathered in Tbilisi on Sunday. Police arrested 12 people.",
    "The United Nations called for a ceasefire in Gaza, according to a spokesman.",
    "Turkey hosted talks between the two delegations in Istanbul.",
]


def _project(path: Path) -> Project:
    project = Project.open(path)
    insert_articles(project.db, [Article(article_uid(t), t, f"article {i}") for i, t in enumerate(TEXTS)])
    AnnotationSession(project, "alice").open(2)  # a person's open set: refreshed when suggestions land
    return project


def _snapshot(project: Project) -> list[tuple]:
    """Every annotation set by article uid and annotator, with its spans, quotes, events and
    history rows (ids differ between files; contents may not)."""
    db = project.db
    rows = []
    for set_id, uid, name, model, status in db.execute(
        "SELECT s.id, ar.uid, an.name, s.model, s.status FROM annotation_sets s JOIN articles ar ON ar.id = s.article_id"
        " JOIN annotators an ON an.id = s.annotator_id ORDER BY ar.uid, an.name, s.model"
    ):
        spans = sorted(
            db.execute(
                "SELECT start_char, end_char, label, layer, status, origin FROM spans WHERE set_id = ?", [set_id]
            ).fetchall()
        )
        quotes = db.execute("SELECT COUNT(*) FROM quotes WHERE set_id = ?", [set_id]).fetchone()[0]
        events = sorted(db.execute("SELECT event_type, sub_type FROM events WHERE set_id = ?", [set_id]).fetchall())
        history = [r[0] for r in db.execute("SELECT action FROM history WHERE set_id = ? ORDER BY id", [set_id])]
        rows.append((uid, name, model, status, spans, quotes, events, history))
    return rows


@pytest.fixture(scope="module")
def single_run(tmp_path_factory) -> list[tuple]:
    with _project(tmp_path_factory.mktemp("single") / "p.db") as project:
        report = preannotate(project)
        assert report.articles == len(TEXTS) and not report.problems
        return _snapshot(project)


def test_a_shard_returned_twice_or_lost_and_redone_changes_nothing(tmp_path, single_run):
    with _project(tmp_path / "p.db") as project:
        job = make_job(project, None)
        first = annotate_shard(job, [])
        todo, _ = pending_articles(project, first.model)
        shards = list(plan_shards(project, todo, 2))
        results = [annotate_shard(job, shard) for shard in shards]
        report = PreannotateReport(first.model)
        merge_shard(project, results[0], report)
        merge_shard(project, results[0], report)  # returned twice
        for result in results[2:]:  # results[1] lost
            merge_shard(project, result, report)
        assert report.articles == len(TEXTS) - len(shards[1])
        left, _ = pending_articles(project, first.model)
        assert left == [article.id for article, _ in shards[1]]
        for shard in plan_shards(project, left, 2):  # done again
            merge_shard(project, annotate_shard(job, shard), report)
        merge_shard(project, results[1], report)  # ... and the lost one turns up after all
        assert report.articles == len(TEXTS)
        assert _snapshot(project) == single_run


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Dask scheduler exited: {process.stderr.read().decode(errors='replace')[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"no Dask scheduler on port {port} after {seconds} s")


@pytest.fixture
def scheduler_and_worker(tmp_path):
    """`dask scheduler` and `dask worker` as processes on localhost; stopped afterwards."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    started = []
    try:
        scheduler = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
        started.append(scheduler)
        _wait_for_port(port, scheduler)
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_worker",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--no-dashboard",
                "--local-directory",
                str(tmp_path / "worker"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=tmp_path,
        )
        started.append(worker)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in reversed(started):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_preannotation_runs_on_a_scheduler_and_worker_in_other_processes(tmp_path, single_run, scheduler_and_worker):
    with _project(tmp_path / "p.db") as project:
        seen: list[tuple[int, int]] = []
        report = preannotate_on_cluster(
            project, scheduler=scheduler_and_worker, shard_size=2, progress=lambda *p: seen.append(p)
        )
        assert report.articles == len(TEXTS) and not report.problems and not report.cancelled
        assert seen[0] == (0, len(TEXTS)) and seen[-1] == (len(TEXTS), len(TEXTS))
        assert _snapshot(project) == single_run
        again = preannotate_on_cluster(project, scheduler=scheduler_and_worker)
        assert again.articles == 0 and again.skipped == len(TEXTS)
