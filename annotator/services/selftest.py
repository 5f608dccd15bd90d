"""`annotator --self-test`: prove an installation (frozen or not) can do the real work,
training included (one epoch on three articles, then suggestions from the trained model).

Each check prints one line (`ok`/`FAIL`, name, figure or reason); the run fails if any
check fails. Everything happens in a temporary folder, never in the user's data.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.core.model import ArticleStatus, Layer
from annotator.core.resources import resource_path

if TYPE_CHECKING:
    from spacy.language import Language

SAMPLE = ("samples", "ukraine-russia-pow-exchange.txt")


def run_self_test(echo: Callable[[str], None] = print) -> bool:
    """Run every check in order; later checks are skipped once one fails."""
    from spacy.tokens import DocBin

    from annotator.nlp.pipeline import load_pipeline, model_id
    from annotator.services.exporting import export_project
    from annotator.services.importing import import_sources
    from annotator.services.preannotate import preannotate
    from annotator.services.project import Project
    from annotator.services.session import AnnotationSession

    ok = True
    state: dict[str, Any] = {}

    def check(name: str, action: Callable[[], str]) -> None:
        nonlocal ok
        if not ok:
            echo(f"skip  {name}")
            return
        started = time.perf_counter()
        try:
            detail = action()
            echo(f"ok    {name}: {detail} ({time.perf_counter() - started:.2f} s)")
        except Exception as error:  # noqa: BLE001 - a self-test reports every failure
            ok = False
            echo(f"FAIL  {name}: {type(error).__name__}: {error}")

    with tempfile.TemporaryDirectory(prefix="annotator-selftest-") as tmp:
        folder = Path(tmp)

        def resources() -> str:
            path = resource_path(*SAMPLE)
            state["sample"] = path
            return f"{path.parent.parent} (version {__version__})"

        def model() -> str:
            state["nlp"] = load_pipeline(None)
            return model_id(state["nlp"])

        def project() -> str:
            state["project"] = Project.open(folder / "selftest.db")
            report = import_sources(state["project"], [state["sample"]])
            if report.imported != 1:
                raise RuntimeError(report.summary())
            return report.summary()

        def suggestions() -> str:
            report = preannotate(state["project"], nlp=state["nlp"])
            if not report.spans:
                raise RuntimeError("the model suggested nothing on the sample article")
            return report.summary()

        def decision() -> str:
            session = AnnotationSession(state["project"], "self-test")
            article_id = state["project"].article_ids()[0]
            session.open(article_id)
            entity = next(s for s in session.annotations.spans if s.layer == Layer.ENTITY)
            session.accept(entity)
            session.set_status(ArticleStatus.DONE)
            reread = Project.open(folder / "selftest.db")
            try:
                again = AnnotationSession(reread, "self-test")
                stored = again.open(article_id).annotations
                kept = next(s for s in stored.spans if s.id == entity.id)
                if str(kept.status) != "accepted":
                    raise RuntimeError(f"decision read back as {kept.status}")
            finally:
                reread.close()
            return f"accepted {entity.label} and read it back"

        def export() -> str:
            out = folder / "export"
            report = export_project(state["project"], out, "spacy", annotator="self-test", dev=0.0)
            docs = list(DocBin().from_disk(out / "train.spacy").get_docs(state["nlp"].vocab))
            if len(docs) != 1 or not docs[0].ents:
                raise RuntimeError("the exported DocBin has no entities")
            return f"{report.articles} article(s), {len(docs[0].ents)} entities in train.spacy"

        def train() -> str:
            return _train_check(folder, state["sample"], state["nlp"])

        for name, action in [
            ("resources", resources),
            ("model", model),
            ("project", project),
            ("pre-annotation", suggestions),
            ("decision", decision),
            ("export", export),
            ("training", train),
        ]:
            check(name, action)
        if "project" in state:
            state["project"].close()
    echo("self-test passed" if ok else "self-test FAILED")
    return ok


def _train_check(folder: Path, sample: Path, nlp: Language) -> str:
    """One epoch of fine-tuning on three articles (the sample's paragraphs, decided by
    accepting every suggestion), then suggestions from the trained model."""
    from annotator.nlp.training import ONE_EPOCH
    from annotator.services.importing import import_sources
    from annotator.services.preannotate import preannotate
    from annotator.services.project import Project
    from annotator.services.session import AnnotationSession
    from annotator.services.training import train_model

    paragraphs = [p for p in sample.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 20]
    third = max(len(paragraphs) // 3, 1)
    sources = []
    for number in range(3):
        part = folder / f"part-{number}.txt"
        part.write_text("\n\n".join(paragraphs[number * third : (number + 1) * third]), encoding="utf-8")
        sources.append(part)
    with Project.open(folder / "training.db") as project:
        import_sources(project, sources)
        preannotate(project, nlp=nlp)
        session = AnnotationSession(project, "self-test")
        for article_id in project.article_ids():
            session.open(article_id)
            session.accept_all()
            session.set_status(ArticleStatus.DONE)
        report = train_model(project, "self-test", settings=ONE_EPOCH)
        record = report.record
        if record is None or record.train_articles + record.dev_articles != 3:
            raise RuntimeError(report.summary())
        suggested = preannotate(project, model="latest")
        if suggested.model != record.id or not suggested.spans:
            raise RuntimeError(f"the trained model suggested nothing ({suggested.summary()})")
    f1 = "n/a" if record.dev_f1 is None else f"{record.dev_f1:.2f}"
    return (
        f"model {record.id}: {record.steps} update(s) on {record.train_articles} article(s), dev F1 {f1},"
        f" {suggested.spans} suggestions"
    )
