"""Training a model on the project's own decisions: export, prepare, fine-tune, record.

1. The decided articles of one annotator (or of everyone: `done`) are exported with the
   project's DocBin exporter, split train/dev by article uid (a fixed split seed, so an
   article keeps its split when the project grows; `--seed` only seeds training).
2. The DocBins are prepared for `ner` (`nlp.training.prepare_corpus`).
3. spaCy fine-tunes the base pipeline's `ner` (`nlp.training.train`), in a work folder
   inside the project's models folder.
4. The last checkpoint is scored on dev, named by its fingerprint, moved to
   `<project>.models/<id>/` and recorded in the project. A cancelled run leaves nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import AnnotatedArticle
from annotator.export import write_export
from annotator.nlp import training
from annotator.nlp.pipeline import fingerprint, load_pipeline
from annotator.nlp.training import TrainingProgress, TrainSettings
from annotator.services import models
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store import models as records
from annotator.store.models import ModelRecord

SPLIT_SEED = 0
WORK_PREFIX = ".training-"
OWNER_FILE = "pid"
FRESH_SECONDS = 60
DEFAULT_DEV = 0.2
DONE = "done"
Progress = Callable[[str, "TrainingProgress | None"], None]


@dataclass
class TrainReport:
    """What a training run produced.

    record (ModelRecord | None): the new (or identical, already recorded) model; None
        when cancelled.
    existing (bool): training produced exactly the weights of a model already recorded.
    """

    annotator: str
    articles: int = 0
    record: ModelRecord | None = None
    cancelled: bool = False
    existing: bool = False
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.cancelled or self.record is None:
            return f"training on {self.articles} article(s) by {self.annotator} cancelled; nothing was kept"
        record = self.record
        f1 = "n/a (no dev articles)" if record.dev_f1 is None else f"{record.dev_f1:.3f}"
        text = (
            f"model {record.id}: fine-tuned {record.base} on {record.train_articles} article(s) by "
            f"{record.annotator} ({record.dev_articles} for dev), {record.steps} updates in "
            f"{record.seconds:.0f} s; dev entity F1 {f1}"
        )
        if record.stopped == "max_time":
            text += "; stopped at the time limit"
        if self.existing:
            text += "; identical to a model already recorded"
        return text


def train_model(
    project: Project,
    annotator: str = DONE,
    base: str | None = None,
    seed: int = 0,
    max_time: float | None = None,
    settings: TrainSettings = TrainSettings(),
    dev: float = DEFAULT_DEV,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    articles: Collection[int] | None = None,
) -> TrainReport:
    """Fine-tune a model on the project's decided articles and record it.

    Args:
        project (Project): the open project (writable).
        annotator (str): "gold", a person's name, or "done" (each done article once: gold
            first, else the person who changed it last).
        base (str | None): the pipeline to fine-tune (see `services.models.resolve`);
            None: the best installed English pipeline.
        seed (int): seed of the training run.
        max_time (float | None): seconds after which training stops and keeps the model.
        settings (TrainSettings): overrides of the bundled CPU training config.
        dev (float): share of articles held out for dev scores.
        progress (Progress | None): called with (stage message, TrainingProgress or None).
        cancelled (Callable | None): checked before every update; True discards the run.
        articles (Collection[int] | None): learn from these article ids only.
    RETURNS (TrainReport): the recorded model, or a cancelled report.
    RAISES (ValidationError): too few decided articles; (ModelError): base not loadable.
    """
    report = TrainReport(annotator)
    items = _decided_articles(project, annotator, articles)
    report.articles = len(items)
    needed = 2 if dev > 0 else 1
    if len(items) < needed:
        raise ValidationError(
            f"training needs at least {needed} article(s) marked done by {annotator!r}; found {len(items)}"
            + _known_annotators(project)
        )
    say = progress or (lambda message, step: None)
    base_spec = base or models.resolve(project, None)
    base_source = models.resolve(project, base_spec)
    base_record = models.find_model(project, base_spec) if base else None
    folder = models.models_dir(project)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_work(folder)
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=folder))
    (work / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    try:
        say(f"exporting {len(items)} decided article(s)", None)
        exported = work / "export"
        write_export(items, exported, "spacy", project.scheme, dev=dev, seed=SPLIT_SEED)
        splits = {split: exported / f"{split}.spacy" for split in ("train", "dev")}
        labels = training.entity_labels(splits.values())
        say(f"running the base model {Path(base_source).name} on the training texts", None)
        base_nlp = load_pipeline(base_source, components=False)
        uids = {
            split: training.prepare_corpus(
                path, work / f"{split}.spacy", base_nlp, labels, project.scheme.map_model_label
            )
            for split, path in splits.items()
        }
        config = training.finetune_config(base_source, work / "train.spacy", work / "dev.spacy", seed, settings)
        say("training", None)
        result = training.train(
            config, work / "output", progress=lambda p: say("training", p), cancelled=cancelled, max_time=max_time
        )
        if result.path is None:
            report.cancelled = True
            return report
        scores: dict[str, Any] = {"per_type": {}}
        if uids["dev"]:
            say("scoring the model on the dev articles", None)
            scores = training.dev_scores(result.path, work / "dev.spacy")
        model_id = fingerprint(result.path)
        existing = records.get_model(project.db, model_id)
        if existing is not None:
            report.record, report.existing = existing, True
            return report
        target = folder / model_id
        if target.exists():
            shutil.rmtree(target)
        result.path.rename(target)
        report.record = records.insert_model(
            project.db,
            ModelRecord(
                id=model_id,
                folder=model_id,
                base=base_record.id if base_record is not None else base_spec,
                annotator=annotator,
                train_articles=len(uids["train"]),
                dev_articles=len(uids["dev"]),
                seed=seed,
                train_uids=tuple(uids["train"]),
                dev_uids=tuple(uids["dev"]),
                labels=tuple(sorted(labels)),
                dev_f1=scores.get("f"),
                dev_scores=scores.get("per_type", {}),
                settings=result.settings,
                steps=result.steps,
                seconds=round(result.seconds, 1),
                stopped=result.stopped,
            ),
        )
        say(f"saved model {model_id}", None)
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _decided_articles(project: Project, annotator: str, articles: Collection[int] | None) -> list[AnnotatedArticle]:
    return [
        AnnotatedArticle(
            project.article(info.article_id),
            project.tokens(info.article_id),
            sets.load_annotations(project.db, info.id),
            info.annotator,
            info.status,
            info.updated_at,
        )
        for info in records.done_sets(project.db, annotator)
        if articles is None or info.article_id in articles
    ]


def _known_annotators(project: Project) -> str:
    names = models.annotators(project)
    return f" (annotators in this project: {', '.join(names)}; or use 'done' for everyone)" if names else ""


def _remove_abandoned_work(folder: Path) -> None:
    """Delete work folders of training runs whose process is gone (killed, crashed)."""
    for work in folder.glob(WORK_PREFIX + "*"):
        if _owner_alive(work):
            continue
        shutil.rmtree(work, ignore_errors=True)


def _owner_alive(work: Path) -> bool:
    try:
        pid = int((work / OWNER_FILE).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return time.time() - work.stat().st_mtime < FRESH_SECONDS  # being created right now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
