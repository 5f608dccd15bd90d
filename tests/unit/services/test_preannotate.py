"""The pre-annotation service on a blank pipeline with rule components (no model needed)."""

from pathlib import Path

import spacy
from spacy.language import Language

import annotator.nlp.pipeline  # noqa: F401  (registers the factories)
from annotator.core.model import Article, Layer
from annotator.core.text import article_uid
from annotator.services.preannotate import preannotate
from annotator.services.project import Project
from annotator.store.articles import insert_articles

TEXTS = [
    "Kharkiv was shelled on Monday, the ministry said.",
    "BOOM this article breaks the pipeline.",
    "Protesters gathered in Khartoum on Sunday.",
]


@Language.component("explode_on_boom")
def explode_on_boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("component failed on purpose")
    return doc


def pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": None, "annotate_ents": True})
    ruler.add_patterns([{"label": "GPE", "pattern": name} for name in ("Kharkiv", "Khartoum")])
    nlp.add_pipe("explode_on_boom")
    nlp.add_pipe("annotator_events_v1")
    nlp.meta["name"] = "rules"
    return nlp


def test_a_failing_article_is_reported_and_the_rest_are_stored_and_never_redone(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.db") as project:
        insert_articles(project.db, [Article(article_uid(t), t, t[:10]) for t in TEXTS])
        nlp = pipeline()
        progress: list[tuple[int, int]] = []
        report = preannotate(
            project, nlp=nlp, chunk_size=2, progress=lambda done, total: progress.append((done, total))
        )
        assert report.articles == 2 and len(report.problems) == 1
        assert "component failed on purpose" in report.problems[0]
        assert progress == [(0, 3), (2, 3), (3, 3)]
        suggestions = project.stats()["suggestions"]
        assert suggestions["entity"] == 2 and suggestions["trigger"] >= 1
        again = preannotate(project, nlp=nlp)
        assert again.skipped == 2 and again.articles == 0 and len(again.problems) == 1  # only the broken one is retried


def test_cancel_keeps_finished_chunks(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.db") as project:
        insert_articles(
            project.db, [Article(article_uid(f"Kharkiv report {i}."), f"Kharkiv report {i}.") for i in range(5)]
        )
        seen: list[tuple[int, int]] = []
        report = preannotate(
            project,
            nlp=pipeline(),
            chunk_size=2,
            progress=lambda *p: seen.append(p),
            cancelled=lambda: any(done for done, _ in seen),
        )
        assert report.cancelled and report.articles == 2
        assert project.stats()["models"] == [{"model": "en_rules-0.0.0", "articles": 2}]
        assert [s.layer for s in project.suggestions(1).spans] == [Layer.ENTITY]


def test_articles_stream_through_the_first_chunk_is_not_held_up_by_the_corpus(tmp_path: Path) -> None:
    """Only the chunks that ran were tokenised: nothing walks the whole corpus first."""
    with Project.open(tmp_path / "p.db") as project:
        insert_articles(
            project.db, [Article(article_uid(f"Kharkiv report {i}."), f"Kharkiv report {i}.") for i in range(7)]
        )
        seen: list[tuple[int, int]] = []
        report = preannotate(
            project,
            nlp=pipeline(),
            chunk_size=3,
            progress=lambda *p: seen.append(p),
            cancelled=lambda: any(done for done, _ in seen),
        )
        assert seen == [(0, 7), (3, 7)] and report.articles == 3
        assert project.stats()["tokenised"] == 3


def test_cancel_before_the_first_chunk_stores_nothing(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.db") as project:
        insert_articles(
            project.db, [Article(article_uid(f"Kharkiv report {i}."), f"Kharkiv report {i}.") for i in range(3)]
        )
        seen: list[tuple[int, int]] = []
        report = preannotate(project, nlp=pipeline(), progress=lambda *p: seen.append(p), cancelled=lambda: True)
        assert report.cancelled and report.articles == 0 and seen == [(0, 3)]
        assert project.stats()["models"] == [] and project.stats()["tokenised"] == 0
