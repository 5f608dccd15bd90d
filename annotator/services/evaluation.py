"""Scoring a model as one more annotator: its entity suggestions against a reference
annotator's decisions, next to the base model, on articles it was not trained on.

Per label: precision, recall and F1, exact and by overlap (`core.scoring`); and the
gestures an annotator needs to reach the reference from the suggestions, over the
gestures from scratch (accept 1, reject 1, add 2). The suggestions are what annotators
get: the whole pipeline with our components, on the stored tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import Layer, Span
from annotator.core.scoring import ALL, Gestures, LabelScores, Mention, Score, gestures, score_by_label
from annotator.nlp.pipeline import load_pipeline, model_id
from annotator.nlp.suggest import annotate
from annotator.services import models
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store import models as records

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ModelScores:
    """One model's entity scores and gestures on the evaluated articles."""

    model: str
    labels: LabelScores
    gestures: Gestures

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "labels": self.labels.to_json(), "gestures": self.gestures.to_json()}


@dataclass(frozen=True)
class EvaluationReport:
    """A model and its base scored against `against` on `articles` held-out articles;
    `excluded` articles were left out because the model (or its base) trained on them."""

    against: str
    articles: int
    excluded: int
    model: ModelScores
    base: ModelScores | None

    def to_json(self) -> dict[str, Any]:
        return {
            "against": self.against,
            "articles": self.articles,
            "excluded_trained_on": self.excluded,
            "model": self.model.to_json(),
            "base": self.base.to_json() if self.base else None,
        }

    def table(self) -> str:
        """The report as a plain-text table: per label P, R, F1 exact and F1 by overlap."""
        columns = [self.model] + ([self.base] if self.base else [])
        names = "  vs base " + self.base.model if self.base else ""
        lines = [
            f"model {self.model.model}{names}; against {self.against} on {self.articles} article(s)"
            f" not used in training ({self.excluded} left out)"
        ]
        header = f"{'label':<14}{'gold':>6}"
        for which in ("model", "base")[: len(columns)]:
            header += f" | {which + ' P':>8}{'R':>6}{'F1':>6}{'F1~':>6}"
        lines.append(header)
        for label in _labels(columns):
            row = f"{label:<14}{columns[0].labels.exact.get(label, Score()).gold:>6}"
            for column in columns:
                exact = column.labels.exact.get(label, Score())
                overlap = column.labels.overlap.get(label, Score())
                row += f" | {exact.precision:>8.2f}{exact.recall:>6.2f}{exact.f1:>6.2f}{overlap.f1:>6.2f}"
            lines.append(row)
        lines.append("(F1~: a suggestion counts when it overlaps a reference span of the same label)")
        for column in columns:
            g = column.gestures
            lines.append(
                f"gestures vs scratch, {column.model}: {g.ratio:.2f} (accept {g.accept}, reject {g.reject},"
                f" add {g.add}: {g.total} gestures; {g.scratch} from scratch)"
            )
        return "\n".join(lines)


def _labels(columns: list[ModelScores]) -> list[str]:
    labels = {label for column in columns for label in column.labels.exact if label != ALL}
    return sorted(labels) + [ALL]


def evaluate_model(
    project: Project,
    model: str = models.LATEST,
    against: str = "gold",
    base: str | None = None,
    label_map: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    articles: Collection[int] | None = None,
) -> EvaluationReport:
    """Score `model` (and its base) against `against`'s decisions on held-out articles.

    Args:
        project (Project): the open project.
        model (str): "latest", a model id, a folder or a package (`services.models.resolve`).
        against (str): whose done articles are the reference: "gold" or a person's name.
        base (str | None): the model to compare with; None: the base the model was trained
            from (the best installed pipeline for a model the project did not train);
            "" compares with nothing.
        label_map (Mapping[str, str] | None): scheme label -> compared label, applied to
            both sides; labels it lacks are left out (e.g. to compare with a coarser gold).
        progress (Progress | None): called with (articles done, total) per model.
        articles (Collection[int] | None): evaluate on these article ids only.
    RETURNS (EvaluationReport): per-label scores and gestures, model and base.
    RAISES (ValidationError): `against` has no done article the model was not trained on.
    """
    record = models.find_model(project, model)
    held_out, excluded = _held_out(project, against, record, articles)
    source = models.resolve(project, model)
    scored = _score(project, source, held_out, label_map, progress)
    base_scores = None
    if base is None:
        base = record.base if record is not None else models.resolve(project, None)
    if base:
        base_source = models.resolve(project, base)
        if base_source != source:
            base_scores = _score(project, base_source, held_out, label_map, progress)
    return EvaluationReport(against, len(held_out), excluded, scored, base_scores)


def _held_out(
    project: Project, against: str, record: records.ModelRecord | None, articles: Collection[int] | None
) -> tuple[list[sets.SetInfo], int]:
    done = [info for info in records.done_sets(project.db, against) if articles is None or info.article_id in articles]
    if not done:
        known = sorted(n for n in sets.annotator_names(project.db) if n != "model")
        raise ValidationError(
            f"{against!r} has no article marked done to evaluate against"
            + (f"; annotators: {', '.join(known)}" if known else "")
        )
    trained: set[str] = set()
    while record is not None:
        trained.update(record.train_uids)
        record = records.get_model(project.db, record.base)
    held_out = [info for info in done if project.article(info.article_id).uid not in trained]
    if not held_out:
        raise ValidationError(
            f"all {len(done)} article(s) done by {against!r} were used to train the model;"
            " mark more articles done, or evaluate against another annotator"
        )
    return held_out, len(done) - len(held_out)


def _score(
    project: Project,
    source: str,
    held_out: list[sets.SetInfo],
    label_map: Mapping[str, str] | None,
    progress: Progress | None,
) -> ModelScores:
    nlp = load_pipeline(source)
    gold: list[Mention] = []
    found: list[Mention] = []
    items = [(project.article(info.article_id).text, project.tokens(info.article_id)) for info in held_out]
    results = annotate(nlp, items, scheme=project.scheme)
    for done, (info, suggestions) in enumerate(zip(held_out, results), start=1):
        decided = sets.load_annotations(project.db, info.id).decided()
        gold += _mentions(info.article_id, decided.on_layer(Layer.ENTITY), label_map)
        if suggestions is not None:
            found += _mentions(info.article_id, suggestions.on_layer(Layer.ENTITY), label_map)
        if progress:
            progress(done, len(held_out))
    return ModelScores(model_id(nlp), score_by_label(gold, found), gestures(gold, found))


def _mentions(article_id: int, spans: Iterable[Span], label_map: Mapping[str, str] | None) -> list[Mention]:
    mentions: list[Mention] = []
    for span in spans:
        label = label_map.get(span.label) if label_map is not None else span.label
        if label:
            mentions.append((article_id, span.start, span.end, label))
    return mentions
