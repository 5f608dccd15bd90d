"""Exporting a project's decisions through the format writers of `annotator.export`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_ANNOTATOR, MODEL_ANNOTATOR, AnnotatedArticle, ArticleStatus
from annotator.export import FOLDER_FORMATS as FOLDER_FORMATS  # re-exported: the export dialog names folder formats
from annotator.export import FORMATS, ExportReport, write_export
from annotator.nlp.pipeline import installed_models
from annotator.services.project import Project
from annotator.store.actors import list_actors
from annotator.store.annotations import annotator_names, latest_model
from annotator.store.incidents import incident_of_events

STATUS_CHOICES = {"done": (ArticleStatus.DONE,), "any": None}


def export_project(
    project: Project,
    out: str | Path,
    fmt: str,
    annotator: str | None = None,
    status: str = "done",
    dev: float = 0.2,
    seed: int = 0,
    by_incident: bool = False,
    redact: str | None = None,
) -> ExportReport:
    """Export one annotator's (or `model`'s, or `gold`'s) sets in format `fmt`.

    Args:
        project (Project): The open project (read-only is enough).
        out (str | Path): A file, or a folder for spacy and brat.
        fmt (str): A name in `annotator.export.FORMATS`.
        annotator (str | None): A person's name, "model" or "gold"; None for
            `default_annotator`.
        status (str): "done" (default) or "any".
        dev (float): Dev share for the spacy split.
        seed (int): Seed of the split.
        by_incident (bool): events-csv: one row per incident with its sources.
        redact (str | None): "victims" to replace victims' names by placeholders.
    RETURNS (ExportReport): What was written.
    """
    if fmt not in FORMATS:
        raise ValidationError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if status not in STATUS_CHOICES:
        raise ValidationError(f"unknown status {status!r}; choose done or any")
    known = annotator_names(project.db)
    if annotator is None:
        annotator = default_annotator(known)
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
        return write_export(
            _chain(first, items),
            Path(out),
            fmt,
            project.scheme,
            dev=dev,
            seed=seed,
            incidents=incident_of_events(project.db),
            by_incident=by_incident,
            redact=redact,
            base_pipeline=next(iter(installed_models()), None),
            actors={actor.id: actor.name for actor in list_actors(project.db) if actor.id is not None},
        )
    except ValueError as error:
        raise ValidationError(str(error)) from error


def default_annotator(known: set[str]) -> str:
    """Whose sets an export takes when nobody is named: `gold` once adjudication has made
    it, else the only person who annotated (an import counts as one, "import").

    known (set[str]): Names with at least one set (`store.annotations.annotator_names`).
    RETURNS (str): The name.
    RAISES (ValidationError): No gold set and not exactly one person; the message lists
        who there is, so the user can pick one with --annotator.
    """
    if GOLD_ANNOTATOR in known:
        return GOLD_ANNOTATOR
    people = sorted(known - {MODEL_ANNOTATOR})
    if len(people) == 1:
        return people[0]
    if people:
        raise ValidationError(
            f"no gold set yet and {len(people)} annotators: {', '.join(people)}; "
            "choose whose work to export with --annotator NAME"
        )
    if MODEL_ANNOTATOR in known:
        raise ValidationError(
            "no one has annotated yet, only the model's suggestions exist; export them with --annotator model"
        )
    raise ValidationError("no annotations to export yet: import annotated files or annotate some articles first")


def _items(project: Project, annotator: str, status: str) -> Iterator[AnnotatedArticle]:
    statuses = STATUS_CHOICES[status]
    if annotator == MODEL_ANNOTATOR:
        yield from project.annotated(MODEL_ANNOTATOR, statuses, model=latest_model(project.db))
    else:
        yield from project.annotated(annotator, statuses)


def _chain(first: AnnotatedArticle, rest: Iterator[AnnotatedArticle]) -> Iterator[AnnotatedArticle]:
    yield first
    yield from rest
