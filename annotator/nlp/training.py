"""Fine-tuning a pipeline's `ner` on a project's decisions with spaCy's own training loop.

The config is generated: every enabled component of the base pipeline is sourced from it,
all but `ner` frozen, the base's vocabulary lookups (NORM features the frozen tok2vec was
trained with) copied, and the training settings read from the bundled CPU config
(`resources/training/ner-finetune-cpu.cfg`). `spacy.training.initialize.init_nlp` and
`spacy.training.loop.train` do the work; a registered logger and `before_update` callback
report progress, and stop the loop when the caller cancels or the time is up.

Training data are DocBins written by the project's exporter (entities in
`doc.spans["entities"]`, possibly nested). `prepare_corpus` turns them into what `ner` can
learn, as found while planning (re3d, 3 seeds):
- where decided entities nest or overlap, the one the base model would predict is kept
  ("Iraqi" NORP inside "Iraqi forces" ORG), else the longest;
- the base model's entities with labels the decisions never use (ORDINAL, MONEY, ...),
  where no decided entity lies, are added, so the model keeps predicting those labels;
  the base's predictions for the decided labels are never mixed in (that undoes a team's
  conventions).
"""

from __future__ import annotations

import contextvars
import io
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as SpacySpan
from spacy.training import Corpus
from spacy.training.initialize import init_nlp
from spacy.training.loop import DIR_MODEL_LAST
from spacy.training.loop import train as spacy_train
from spacy.util import get_package_path, is_package, load_config, registry
from thinc.api import Config

from annotator.core.errors import ModelError
from annotator.core.resources import resource_path

TRAINED_COMPONENT = "ner"
CONFIG_RESOURCE = ("training", "ner-finetune-cpu.cfg")
ENTITIES_KEY = "entities"
LabelMap = Callable[[str], str | None]


@dataclass(frozen=True)
class TrainSettings:
    """Overrides of the bundled CPU config; None keeps the config's value.

    max_steps (int | None): updates before training stops (0: no limit).
    max_epochs (int | None): passes over the training data (0: no limit).
    eval_frequency (int | None): updates between two dev evaluations.
    dropout (float | None): dropout rate.
    """

    max_steps: int | None = None
    max_epochs: int | None = None
    eval_frequency: int | None = None
    dropout: float | None = None


TINY = TrainSettings(max_steps=4, eval_frequency=2)
"""A few updates: for tests, where only the machinery is checked."""
ONE_EPOCH = TrainSettings(max_steps=0, max_epochs=1, eval_frequency=1000)
"""One pass over the data: the packaged app's self-test."""


@dataclass(frozen=True)
class TrainingProgress:
    """Where a training run is: step of max_steps (0: unknown), epoch, the `ner` loss per
    update since the evaluation before the last one and the dev entity F1 of the last
    evaluation (None before the first); `evaluated` is True right after an evaluation."""

    step: int
    max_steps: int
    epoch: int
    loss: float | None
    dev_f1: float | None
    seconds: float
    evaluated: bool = False


@dataclass(frozen=True)
class TrainingResult:
    """path: the saved pipeline (model-last), None when cancelled; steps: updates made;
    stopped: "finished", "max_time" or "cancelled"; settings: the [training] values used."""

    path: Path | None
    steps: int
    seconds: float
    stopped: str
    settings: dict[str, Any] = field(default_factory=dict)


class _Stop(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _Listener:
    """Receives spaCy's per-step callbacks for one run; stops it when asked."""

    def __init__(
        self,
        max_steps: int,
        progress: Callable[[TrainingProgress], None] | None,
        cancelled: Callable[[], bool] | None,
        max_time: float | None,
    ):
        self.max_steps = max_steps
        self.progress = progress
        self.cancelled = cancelled
        self.max_time = max_time
        self.started = time.perf_counter()
        self.step = 0
        self.epoch = 0
        self.updates = 0
        self._first_update: float | None = None
        self.loss: float | None = None
        self.dev_f1: float | None = None
        self._last_evaluated = -1

    def before_update(self, step: int, epoch: int) -> None:
        self.step, self.epoch, self.updates = step, epoch, step
        if self.cancelled is not None and self.cancelled():
            raise _Stop("cancelled")
        now = time.perf_counter()
        if self._first_update is None:
            self._first_update = now
        elif self.max_time is not None and now - self._first_update > self.max_time:
            raise _Stop("max_time")

    def log(self, info: dict[str, Any] | None) -> None:
        self.updates = self.step + 1
        if info is not None:
            self.step, self.epoch = info["step"], info["epoch"]
            updates = max(self.step - self._last_evaluated, 1)
            self._last_evaluated = self.step
            self.loss = float(info["losses"].get(TRAINED_COMPONENT, 0.0)) / updates
            scores = info.get("other_scores") or {}
            self.dev_f1 = float(scores["ents_f"]) if scores.get("ents_f") is not None else None
        if self.progress is not None:
            self.progress(
                TrainingProgress(
                    self.step,
                    self.max_steps,
                    self.epoch,
                    self.loss,
                    self.dev_f1,
                    time.perf_counter() - self.started,
                    info is not None,
                )
            )


_LISTENER: contextvars.ContextVar[_Listener | None] = contextvars.ContextVar("annotator_training", default=None)


@registry.loggers("annotator.TrainingProgress.v1")
def training_progress_logger() -> Callable[..., tuple[Callable[[Any], None], Callable[[], None]]]:
    """spaCy logger that hands every step to the running `train` call's listener."""

    def setup(
        nlp: Language, stdout: Any = None, stderr: Any = None
    ) -> tuple[Callable[[Any], None], Callable[[], None]]:
        listener = _LISTENER.get()
        return (listener.log if listener else (lambda info: None)), (lambda: None)

    return setup


@registry.callbacks("annotator.TrainingStep.v1")
def training_step_callback() -> Callable[[Language, dict[str, Any]], None]:
    """spaCy `before_update` callback: lets the caller cancel, and enforces the time limit."""

    def before_update(nlp: Language, args: dict[str, Any]) -> None:
        listener = _LISTENER.get()
        if listener is not None:
            listener.before_update(args["step"], args["epoch"])

    return before_update


@registry.misc("annotator.BaseLookups.v1")
def base_lookups(base: str) -> Lookups:
    """The base pipeline's vocabulary lookups (e.g. `lexeme_norm`). spaCy leaves them out
    when it sources components, which would change the NORM feature the frozen
    components were trained with."""
    lookups = Lookups()
    folder = pipeline_folder(base) / "vocab"
    if (folder / "lookups.bin").is_file():
        lookups.from_disk(folder)
    return lookups


def pipeline_folder(base: str | Path) -> Path:
    """The folder holding a pipeline's config.cfg: the path itself, or an installed
    package's data folder.

    RAISES (ModelError): neither a pipeline folder nor an installed pipeline package.
    """
    path = Path(base)
    if (path / "config.cfg").is_file():
        return path
    if isinstance(base, str) and is_package(base):
        package = get_package_path(base)
        for candidate in [package, *sorted(p for p in package.iterdir() if p.is_dir())]:
            if (candidate / "config.cfg").is_file():
                return candidate
    raise ModelError(f"{base!s} is not a spaCy pipeline folder or an installed pipeline package")


def finetune_config(
    base: str, train: Path, dev: Path, seed: int = 0, settings: TrainSettings = TrainSettings()
) -> Config:
    """The training config: the bundled CPU settings, every enabled component of `base`
    sourced from it, all but `ner` frozen.

    base (str): a pipeline package name or folder with an `ner` component.
    train, dev (Path): DocBins (see `prepare_corpus`).
    seed (int): random seed of the run.
    settings (TrainSettings): overrides of the bundled settings.
    RETURNS (Config): ready for `train`.
    """
    folder = pipeline_folder(base)
    base_config = load_config(folder / "config.cfg", interpolate=False)
    disabled = set(base_config["nlp"].get("disabled", []))
    pipeline = [name for name in base_config["nlp"]["pipeline"] if name not in disabled]
    if TRAINED_COMPONENT not in pipeline:
        raise ModelError(f"{base} has no {TRAINED_COMPONENT!r} component to fine-tune")
    source = str(folder) if Path(base).exists() else base
    config = Config().from_disk(resource_path(*CONFIG_RESOURCE), interpolate=False)
    config["paths"] = {"train": str(train), "dev": str(dev)}
    config["system"]["seed"] = seed
    config["nlp"] = {
        "lang": base_config["nlp"]["lang"],
        "pipeline": pipeline,
        "batch_size": base_config["nlp"].get("batch_size", 256),
        "tokenizer": dict(base_config["nlp"]["tokenizer"]),
    }
    config["components"] = {name: {"source": source} for name in pipeline}
    config["corpora"] = {
        split: {
            "@readers": "spacy.Corpus.v1",
            "path": f"${{paths.{split}}}",
            "gold_preproc": False,
            "max_length": 0,
            "limit": 0,
            "augmenter": None,
        }
        for split in ("train", "dev")
    }
    training = config["training"]
    training["train_corpus"], training["dev_corpus"] = "corpora.train", "corpora.dev"
    training["frozen_components"] = [name for name in pipeline if name != TRAINED_COMPONENT]
    training["before_update"] = {"@callbacks": "annotator.TrainingStep.v1"}
    for name, value in asdict(settings).items():
        if value is not None:
            training[name] = value
    config["initialize"] = {
        "vectors": None,
        "init_tok2vec": None,
        "vocab_data": None,
        "before_init": None,
        "after_init": None,
        "lookups": {"@misc": "annotator.BaseLookups.v1", "base": source},
        "components": {},
        "tokenizer": {},
    }
    return config


def train(
    config: Config,
    output: Path,
    *,
    progress: Callable[[TrainingProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    max_time: float | None = None,
) -> TrainingResult:
    """Run spaCy's training loop on `config`; the last checkpoint is the model.

    config (Config): from `finetune_config`.
    output (Path): folder for spaCy's output; the model is `output / "model-last"`.
    progress (Callable | None): called with a `TrainingProgress` after every update.
    cancelled (Callable | None): asked before every update; True stops the run and
        deletes `output`.
    max_time (float | None): seconds of updates (after the first) after which training
        stops and keeps what it has.
    RETURNS (TrainingResult): where the model is and how the run ended.
    """
    training = config["training"]
    settings = {key: training[key] for key in ("max_steps", "max_epochs", "eval_frequency", "dropout", "patience")}
    settings["learn_rate"] = training["optimizer"]["learn_rate"]
    listener = _Listener(int(training["max_steps"]), progress, cancelled, max_time)
    token = _LISTENER.set(listener)
    stopped = "finished"
    output.mkdir(parents=True, exist_ok=True)
    try:
        nlp = init_nlp(config)
        try:
            spacy_train(nlp, output, stdout=io.StringIO(), stderr=io.StringIO())
        except _Stop as stop:
            stopped = stop.reason
    finally:
        _LISTENER.reset(token)
    seconds = time.perf_counter() - listener.started
    if stopped == "cancelled":
        shutil.rmtree(output, ignore_errors=True)
        return TrainingResult(None, listener.updates, seconds, stopped, settings)
    model = output / DIR_MODEL_LAST
    _portable_config(model)
    return TrainingResult(model, listener.updates, seconds, stopped, settings)


def _portable_config(model: Path) -> None:
    """Leave no work-folder paths or annotator-only registry names in the saved config,
    so the model loads (and trains further with `spacy train`) anywhere."""
    path = model / "config.cfg"
    config = Config().from_disk(path, interpolate=False)
    config["paths"]["train"] = config["paths"]["dev"] = None
    config["training"]["logger"] = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}
    config["training"]["before_update"] = None
    config["initialize"]["lookups"] = None
    config.to_disk(path)


def entity_labels(paths: Iterable[Path]) -> set[str]:
    """Labels of the decided entities in exported DocBins."""
    labels: set[str] = set()
    vocab = spacy.blank("en").vocab
    for path in paths:
        for doc in DocBin().from_disk(path).get_docs(vocab):
            labels.update(span.label_ for span in _decided(doc))
    return labels


def prepare_corpus(source: Path, target: Path, base: Language, labels: set[str], map_label: LabelMap) -> list[str]:
    """Rewrite an exported DocBin so `ner` can learn from it (see the module docstring).

    source, target (Path): the exported DocBin and where to write the prepared one.
    base (Language): the base pipeline (its `ner` is run on every text).
    labels (set[str]): the labels the decisions use (all splits).
    map_label (Callable[[str], str | None]): model label -> scheme label, None if dropped.
    RETURNS (list[str]): article uids, in order.
    """
    docs = list(DocBin(store_user_data=True).from_disk(source).get_docs(base.vocab))
    recognizer: Any = base.get_pipe(TRAINED_COMPONENT)  # an EntityRecognizer: has .pipe
    copies = [Doc(base.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]) for doc in docs]
    for doc, predicted in zip(docs, recognizer.pipe(copies)):
        base_entities = [SpacySpan(doc, e.start, e.end, label=e.label_) for e in predicted.ents]
        doc.ents = training_entities(_decided(doc), base_entities, labels, map_label)
    DocBin(store_user_data=True, docs=docs).to_disk(target)
    return [str((doc.user_data.get("article") or {}).get("uid", "")) for doc in docs]


def training_entities(
    decided: list[SpacySpan], base: list[SpacySpan], labels: set[str], map_label: LabelMap
) -> list[SpacySpan]:
    """The flat entity layer to learn for one Doc.

    decided (list[Span]): the decisions, possibly nested or overlapping.
    base (list[Span]): the base model's entities on the same Doc.
    labels (set[str]): labels the decisions use anywhere in the training data.
    map_label (LabelMap): model label -> scheme label (None when the scheme drops it).
    RETURNS (list[Span]): non-overlapping spans in text order.
    """
    predicted = {(e.start, e.end): e.label_ for e in base}

    def preference(span: SpacySpan) -> tuple[int, int, int]:
        label = predicted.get((span.start, span.end))
        agrees = 0 if label is None else 2 if (map_label(label) or label) == span.label_ else 1
        return (-agrees, span.start - span.end, span.start)

    taken: set[int] = set()
    chosen: list[SpacySpan] = []
    for span in sorted(decided, key=preference):
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    covered = {i for span in decided for i in range(span.start, span.end)}
    for entity in base:
        if entity.label_ in labels or map_label(entity.label_) in labels:
            continue
        if covered.intersection(range(entity.start, entity.end)):
            continue
        chosen.append(entity)
        covered.update(range(entity.start, entity.end))
    return sorted(chosen, key=lambda s: s.start)


def dev_scores(model: Path, dev: Path) -> dict[str, Any]:
    """spaCy's entity scores of a saved pipeline on a DocBin: {"f", "p", "r", "per_type"}."""
    nlp = spacy.load(model)
    examples = list(Corpus(str(dev))(nlp))
    if not examples:
        return {"f": None, "p": None, "r": None, "per_type": {}}
    scores = nlp.evaluate(examples)
    per_type = {
        label: {key: round(float(value), 4) for key, value in values.items()}
        for label, values in (scores.get("ents_per_type") or {}).items()
    }
    return {
        "f": _rounded(scores.get("ents_f")),
        "p": _rounded(scores.get("ents_p")),
        "r": _rounded(scores.get("ents_r")),
        "per_type": per_type,
    }


def _rounded(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _decided(doc: Doc) -> list[SpacySpan]:
    return list(doc.spans[ENTITIES_KEY]) if ENTITIES_KEY in doc.spans else list(doc.ents)
