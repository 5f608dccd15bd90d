"""Batch pre-annotation: spaCy suggestions for every article not yet done by the model.

Docs are rebuilt from the stored tokens (`annotator.nlp.suggest.annotate`), so suggestion
offsets match the store exactly.
Articles stream through in chunks: each chunk is read (one query), tokenised when never
tokenised, annotated and written in one transaction before the next is read, so the
first results land, and progress and Cancel work, from the first chunk on. A kill loses
at most the chunk in flight, and the next run skips every article that model has already
done. An article that makes the pipeline fail is reported and the rest go on. The same
`annotate_items` runs on cluster workers (`services.distributed`) and the same
`store_results` merges what they return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from annotator.core.errors import ModelError
from annotator.core.ids import stored_id
from annotator.core.model import Annotations, Article, Tokenisation
from annotator.core.scheme import LabelScheme
from annotator.nlp.entities import set_project_patterns
from annotator.nlp.pipeline import installed_models, load_pipeline, model_id, warm_up
from annotator.nlp.suggest import annotate
from annotator.services import models
from annotator.services.actors import ruler_patterns
from annotator.services.coding import code_article
from annotator.services.project import Project
from annotator.services.session import refresh_all
from annotator.store import annotations as sets
from annotator.store.article_batches import done_by_model
from annotator.store.articles import all_article_ids

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
        text = (
            f"{self.model}: {self.articles} article(s) pre-annotated, {self.spans} suggestions; "
            f"{self.skipped} already done"
        )
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
        progress (ProgressCallback | None): Called with (0, total) at once, then with
            (done, total) after each chunk.
        cancelled (Callable | None): Checked before the first chunk and after each.
        nlp (Language | None): An already loaded pipeline (the UI's warm one).
        chunk_size (int): Articles read, tokenised and stored per step (one transaction).
    RETURNS (PreannotateReport): Counts and per-article failures.
    """
    nlp = nlp or load_pipeline(models.resolve(project, model))
    set_project_patterns(nlp, ruler_patterns(project))
    name = model_id(nlp)
    todo, skipped = pending_articles(project, name)
    report = PreannotateReport(name, skipped=skipped)
    if progress:
        progress(0, len(todo))
    if cancelled and cancelled():
        report.cancelled = True
        return report
    for start in range(0, len(todo), chunk_size):
        chunk = todo[start : start + chunk_size]
        items = project.articles_with_tokens(chunk)
        results = list(annotate_items(nlp, items, project.scheme, report, batch_size, n_process))
        store_results(project, name, results, report)
        if progress:
            progress(start + len(chunk), len(todo))
        if cancelled and cancelled():
            report.cancelled = True
            break
    return report


def pending_articles(project: Project, model: str) -> tuple[list[int], int]:
    """(ids of the articles this model has not done yet, by id; how many it has done)."""
    done = sets.model_done_article_ids(project.db, model)
    return [i for i in all_article_ids(project.db) if i not in done], len(done)


def store_results(
    project: Project, model: str, results: Sequence[tuple[int, Annotations]], report: PreannotateReport
) -> None:
    """Store one batch of suggestion sets and refresh the open sets of their articles: the
    one way suggestions enter a project, as in a merge of work packages. An article that
    already has this model's set is left as it is, so a batch stored twice (a shard
    returned twice by a cluster) changes nothing."""
    known = done_by_model(project.db, model, [article_id for article_id, _ in results])
    results = [(article_id, annotations) for article_id, annotations in results if article_id not in known]
    report.spans += sets.store_suggestions(project.db, model, results)
    refresh_all(project, [article_id for article_id, _ in results])
    report.articles += len(results)


def annotate_items(
    nlp: Language,
    items: Sequence[tuple[Article, Tokenisation]],
    scheme: LabelScheme,
    report: PreannotateReport,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[int, Annotations]]:
    """`annotate` over articles and their tokens, with event dates and claims coded; a
    failing article is reported by its id (in `report.problems`), the rest go on.
    Needs no project: cluster workers run it on the shards they are sent."""
    ids = [article.id for article, _ in items]

    def failed(index: int, error: ModelError) -> None:
        report.problems.append(f"article {ids[index]}: pre-annotation failed ({error.__cause__ or error})")

    pairs = [(article.text, tokens) for article, tokens in items]
    results = annotate(nlp, pairs, batch_size, scheme=scheme, n_process=n_process, on_error=failed)
    for (article, tokens), suggested in zip(items, results):
        if suggested is not None:
            report.words += len(tokens.tokens)
            yield stored_id(article.id, "an article"), code_article(suggested, article, scheme)
