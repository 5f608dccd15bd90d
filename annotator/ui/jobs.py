"""The app's background jobs: model warm-up, import, pre-annotation, export. Each opens its
own Project inside the worker thread and reports progress through the worker's callbacks.
Pre-annotation also brings people's open sets up to the new suggestions (see
`services.session.refresh_all`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def warm_model_job(model: str | None = None) -> Callable[[Progress, Cancelled], Any]:
    def job(progress: Progress, cancelled: Cancelled) -> str:
        from annotator.services.preannotate import warm_model

        return f"model ready: {warm_model(model)}"

    return job


def import_job(db: Path, sources: Sequence[Path], annotator: str) -> Callable[[Progress, Cancelled], Any]:
    def job(progress: Progress, cancelled: Cancelled) -> Any:
        from annotator.services.importing import import_sources
        from annotator.services.project import Project

        with Project.open(db) as project:
            return import_sources(
                project,
                list(sources),
                "auto",
                annotator,
                progress=lambda seen, message: progress(seen, 0, message),
                cancelled=cancelled,
            )

    return job


def preannotate_job(db: Path, model: str | None = None) -> Callable[[Progress, Cancelled], Any]:
    def job(progress: Progress, cancelled: Cancelled) -> Any:
        from annotator.services.preannotate import preannotate
        from annotator.services.project import Project

        with Project.open(db) as project:
            return preannotate(
                project, model=model, progress=lambda done, total: progress(done, total, ""), cancelled=cancelled
            )

    return job


def sample_job(
    db: Path, sample: Path, annotator: str, model: str | None = None
) -> Callable[[Progress, Cancelled], Any]:
    """Import the bundled sample and pre-annotate it, so it opens pre-highlighted."""
    importing, preannotating = import_job(db, [sample], annotator), preannotate_job(db, model)

    def job(progress: Progress, cancelled: Cancelled) -> Any:
        report = importing(progress, cancelled)
        if not cancelled():
            preannotating(progress, cancelled)
        return report

    return job


def export_job(
    db: Path, out: Path, fmt: str, annotator: str, status: str, dev: float = 0.2
) -> Callable[[Progress, Cancelled], Any]:
    def job(progress: Progress, cancelled: Cancelled) -> Any:
        from annotator.services.exporting import export_project
        from annotator.services.project import Project

        with Project.open(db, create=False) as project:
            return export_project(project, out, fmt, annotator, status, dev=dev)

    return job
