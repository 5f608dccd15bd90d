"""Exporting a project's decisions through the format writers of `annotator.export`."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from annotator.core.errors import ValidationError
from annotator.core.model import MODEL_ANNOTATOR, AnnotatedArticle, ArticleStatus
from annotator.export import FORMATS, ExportReport, write_export
from annotator.services.project import Project
from annotator.store.annotations import annotator_names, latest_model

STATUS_CHOICES = {"done": (ArticleStatus.DONE,), "any": None}


def export_project(project: Project, out: str | Path, fmt: str, annotator: str = "gold", status: str = "done",
                   dev: float = 0.2, seed: int = 0) -> ExportReport:
    """Export one annotator's (or `model`'s, or `gold`'s) sets in format `fmt`.

    Args:
        project (Project): The open project (read-only is enough).
        out (str | Path): A file, or a folder for spacy and brat.
        fmt (str): A name in `annotator.export.FORMATS`.
        annotator (str): A person's name, "model" or "gold".
        status (str): "done" (default) or "any".
        dev (float): Dev share for the spacy split.
        seed (int): Seed of the split.
    RETURNS (ExportReport): What was written.
    """
    if fmt not in FORMATS:
        raise ValidationError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if status not in STATUS_CHOICES:
        raise ValidationError(f"unknown status {status!r}; choose done or any")
    known = annotator_names(project.db)
    if annotator not in known:
        raise ValidationError(
            f"no annotations by {annotator!r} in {project.path}; known: {', '.join(sorted(known)) or 'none'}"
        )
    items = _items(project, annotator, status)
    first = next(items, None)
    if first is None:
        raise ValidationError(
            f"{annotator!r} has no {status} articles to export; mark articles done or use --status any"
        )
    try:
        return write_export(_chain(first, items), Path(out), fmt, project.scheme, dev=dev, seed=seed)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def _items(project: Project, annotator: str, status: str) -> Iterator[AnnotatedArticle]:
    statuses = STATUS_CHOICES[status]
    if annotator == MODEL_ANNOTATOR:
        yield from project.annotated(MODEL_ANNOTATOR, statuses, model=latest_model(project.db))
    else:
        yield from project.annotated(annotator, statuses)


def _chain(first: AnnotatedArticle, rest: Iterator[AnnotatedArticle]) -> Iterator[AnnotatedArticle]:
    yield first
    yield from rest
