"""Trained models as project data: where they live and how `--model` names them.

A project's models live beside its file, in `<project file>.models/<id>/`, one spaCy
pipeline folder per model, named by its fingerprint (`nlp.pipeline.fingerprint`); the
project's `models` table records each one (see `store.models.ModelRecord`). Copy the
folder with the project file to take the models along.

`--model` accepts, everywhere a model is taken:
- nothing: the best English pipeline installed (the base);
- `latest`: the project's most recently trained model;
- a model id, or an unambiguous prefix of one (4 characters at least);
- a pipeline folder, or an installed package name.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from annotator.core.errors import ModelError
from annotator.core.model import MODEL_ANNOTATOR
from annotator.nlp.pipeline import resolve_model
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store import models as records
from annotator.store.models import ModelRecord

LATEST = "latest"
MIN_PREFIX = 4


def models_dir(project: Project) -> Path:
    """The folder beside the project file that holds its trained models."""
    return project.path.with_name(project.path.name + ".models")


def model_folder(project: Project, record: ModelRecord) -> Path:
    return models_dir(project) / record.folder


def list_models(project: Project) -> list[ModelRecord]:
    """Every model trained in this project, oldest first."""
    return records.list_models(project.db)


def latest_model(project: Project) -> ModelRecord | None:
    return records.latest_model(project.db)


def find_model(project: Project, spec: str) -> ModelRecord | None:
    """The project's model named by `spec` ("latest", an id or a unique id prefix), or None
    when `spec` names no trained model of this project.

    RAISES (ModelError): "latest" and no model trained yet; a prefix that fits several.
    """
    if spec == LATEST:
        record = records.latest_model(project.db)
        if record is None:
            raise ModelError(f"{project.path.name} has no trained model yet; train one first (annotator train)")
        return record
    exact = records.get_model(project.db, spec)
    if exact is not None:
        return exact
    if len(spec) < MIN_PREFIX or "/" in spec or "\\" in spec:
        return None
    found = records.find_models(project.db, spec)
    if len(found) > 1:
        raise ModelError(
            f"model id {spec!r} fits {len(found)} models ({', '.join(r.id for r in found)}); give more of it"
        )
    return found[0] if found else None


def resolve(project: Project, spec: str | Path | None) -> str:
    """What `load_pipeline` should load for `--model spec` in this project.

    RETURNS (str): a pipeline folder or a package name.
    RAISES (ModelError): "latest" with no trained model; a recorded model whose folder is
        gone; nothing installed when `spec` is empty.
    """
    if spec is None or str(spec) == "":
        return resolve_model(None)
    record = find_model(project, str(spec))
    if record is None:
        if not Path(spec).exists() and not _is_installed(str(spec)):
            ids = ", ".join(r.id for r in records.list_models(project.db)) or "none yet"
            raise ModelError(
                f"no model {str(spec)!r}: not a model of {project.path.name} (latest, or an id: {ids}),"
                " a pipeline folder, or an installed package"
            )
        return resolve_model(str(spec))
    folder = model_folder(project, record)
    if not (folder / "config.cfg").is_file():
        raise ModelError(f"model {record.id} is recorded in {project.path.name} but its folder {folder} is missing")
    return str(folder)


def _is_installed(name: str) -> bool:
    try:
        return name.isidentifier() and importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def active_model(project: Project) -> tuple[str, ModelRecord | None]:
    """The model whose suggestions annotators see (the newest suggestion set's model) and
    its record when the project trained it. RETURNS ("", None) before any pre-annotation."""
    name = sets.latest_model(project.db)
    return name, records.get_model(project.db, name) if name else None


def describe(record: ModelRecord) -> str:
    """One line for a person: id, when, from what, how it scored."""
    f1 = "-" if record.dev_f1 is None else f"{record.dev_f1:.2f}"
    early = "" if record.stopped == "finished" else f", stopped: {record.stopped}"
    return (
        f"{record.id}  {record.created_at[:16].replace('T', ' ')}  from {record.base}  "
        f"on {record.train_articles}+{record.dev_articles} articles by {record.annotator}  "
        f"dev F1 {f1}  seed {record.seed}  {record.seconds:.0f} s{early}"
    )


def annotators(project: Project) -> list[str]:
    """Names whose decisions a model can learn from or be scored against (people, gold)."""
    return sorted(name for name in sets.annotator_names(project.db) if name != MODEL_ANNOTATOR)


def decided_count(project: Project, annotator: str = "done") -> int:
    """Articles a model would learn from for `annotator` (see `services.training.train_model`)."""
    return len(records.done_sets(project.db, annotator))


def done_since_latest_model(project: Project, annotator: str) -> int:
    """Articles `annotator` marked done since the latest model was trained (all their done
    articles when there is none): what the app's retraining hint counts."""
    latest = records.latest_model(project.db)
    return records.done_count_since(project.db, annotator, latest.created_at if latest else "")
