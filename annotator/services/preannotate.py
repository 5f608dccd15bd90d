"""Batch pre-annotation: spaCy suggestions for every article not yet done by the model.

Docs are rebuilt from the stored tokens (`annotator.nlp.suggest.annotate`), so suggestion
offsets match the store exactly.
Results are written per chunk in one transaction: a kill loses at most the chunk in
flight, and the next run skips every article that model has already done. An article
that makes the pipeline fail is reported and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from annotator.core.errors import ModelError
from annotator.core.model import Annotations
from annotator.nlp.entities import set_project_patterns
from annotator.nlp.pipeline import installed_models, load_pipeline, model_id, warm_up
from annotator.nlp.suggest import annotate
from annotator.services import models
from annotator.services.actors import ruler_patterns
from annotator.services.coding import code_article
from annotator.services.project import Project
from annotator.services.session import refresh_all
from annotator.store import annotations as sets
from annotator.store.articles import all_article_ids, get_article

ProgressCallback = Callable[[int, int], None]


@dataclass
class PreannotateReport:
    model: str
    articles: int = 0
    skipped: int = 0
    spans: int = 0
    words: int = 0
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        text = (f"{self.model}: {self.articles} article(s) pre-annotated, {self.spans} suggestions; "
                f"{self.skipped} already done")
        if self.problems:
            text += f"; {len(self.problems)} failed"
        return text + ("; cancelled" if self.cancelled else "")


def available_models() -> list[str]:
    """English pipelines installed here, best first (what `--model` accepts by name)."""
    return installed_models()


def warm_model(model: str | None = None) -> str:
    """Load the pipeline once for this process and run it on a short text, so the first
    real article is not the slow one. RETURNS the model id."""
    nlp = load_pipeline(model)
    warm_up(nlp)
    return model_id(nlp)


def preannotate(
    project: Project,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    nlp: Language | None = None,
    chunk_size: int = 256,
) -> PreannotateReport:
    """Suggest entities, quotes and events for the project's articles.

    Args:
        project (Project): The open project.
        model (str | None): "latest" (the project's newest trained model), a model id,
            a folder or a package name (`services.models.resolve`); None: the best
            installed pipeline.
        batch_size (int): nlp.pipe batch size.
        n_process (int): nlp.pipe processes (no gain on 2 cores; measured).
        progress (ProgressCallback | None): Called with (done, total) after each chunk.
        cancelled (Callable | None): Checked between chunks.
        nlp (Language | None): An already loaded pipeline (the UI's warm one).
        chunk_size (int): Articles stored per transaction.
    RETURNS (PreannotateReport): Counts and per-article failures.
    """
    nlp = nlp or load_pipeline(models.resolve(project, model))
    set_project_patterns(nlp, ruler_patterns(project))
    name = model_id(nlp)
    done = sets.model_done_article_ids(project.db, name)
    todo = [i for i in all_article_ids(project.db) if i not in done]
    report = PreannotateReport(name, skipped=len(done))
    project.ensure_tokens(todo)
    for start in range(0, len(todo), chunk_size):
        chunk = todo[start : start + chunk_size]
        results = list(_annotate_chunk(project, nlp, chunk, batch_size, n_process, report))
        report.spans += sets.store_suggestions(project.db, name, results)
        refresh_all(project, [article_id for article_id, _ in results])
        report.articles += len(results)
        if progress:
            progress(start + len(chunk), len(todo))
        if cancelled and cancelled():
            report.cancelled = True
            break
    return report


def _annotate_chunk(project: Project, nlp: Language, ids: Sequence[int], batch_size: int, n_process: int,
                    report: PreannotateReport) -> Iterator[tuple[int, Annotations]]:
    """`annotate` over one chunk; a failing article is reported by its id, the rest go on."""
    articles = [get_article(project.db, i) for i in ids]
    items = [(article.text, project.tokens(i)) for article, i in zip(articles, ids)]

    def failed(index: int, error: ModelError) -> None:
        report.problems.append(f"article {ids[index]}: pre-annotation failed ({error.__cause__ or error})")

    results = annotate(nlp, items, batch_size, scheme=project.scheme, n_process=n_process, on_error=failed)
    for article_id, article, (_, tokens), suggested in zip(ids, articles, items, results):
        if suggested is not None:
            report.words += len(tokens.tokens)
            yield article_id, code_article(suggested, article, project.scheme)
