"""The Model menu: train with progress and cancel, list models with scores, evaluate,
re-suggest; the status bar names the active model; the retraining hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import ArticleStatus
from annotator.nlp.training import TINY, TrainSettings
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.ui.model_menu import REFRESH_DELAY_MS
from tests.gui.conftest import SECOND, at

pytestmark = [pytest.mark.gui, pytest.mark.model]


def decide_both(path: Path) -> None:
    """alice accepts article 1's suggestions and marks a place in article 2; both done."""
    with Project.open(path) as project:
        session = AnnotationSession(project, "alice")
        session.open(1)
        session.accept_all()
        session.set_status(ArticleStatus.DONE)
        session.open(2)
        session.add_span(*at("Tbilisi", SECOND), "GPE")
        session.set_status(ArticleStatus.DONE)


def test_the_menu_and_the_label_name_the_active_model(window) -> None:
    menu = window.model_menu
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[-2:] == ["Model", "Help"]
    assert [a.text().replace("&", "") for a in menu.menu.actions() if a.text()] == [
        "Train a model on done articles…",
        "Models and scores…",
        "Evaluate the latest model…",
        "Re-suggest with the latest model",
    ]
    assert menu.label.text() == "Model test-model"
    assert not menu.resuggest_action.isEnabled()  # no trained model yet


def test_train_watch_progress_resuggest_and_see_the_new_model(qtbot, window, project_path) -> None:
    decide_both(project_path)
    dialog = window.model_menu.open_training(settings=TINY)
    with qtbot.waitSignal(dialog.trained, timeout=120_000) as trained:
        dialog.start_button.click()
        assert dialog.running and dialog.cancel_button.isEnabled()
    report = trained.args[0]
    assert report is not None and report.record is not None, dialog.state.text()
    assert dialog.checkpoints.rowCount() >= 2  # the evaluations at steps 0, 2, 4
    assert dialog.bar.value() == dialog.bar.maximum() == TINY.max_steps
    assert dialog.suggest_button.isVisible() and "dev entity F1" in dialog.state.text()
    with qtbot.waitSignal(window.articleOpened, timeout=120_000):
        dialog.suggest_button.click()
    label = window.model_menu.label.text()
    assert label.startswith(f"Model {report.record.id} · dev F1 "), label
    assert window.model_menu.resuggest_action.isEnabled()


def test_cancel_keeps_nothing(qtbot, window, project_path) -> None:
    decide_both(project_path)
    dialog = window.model_menu.open_training(settings=TrainSettings(max_steps=2000, eval_frequency=1000))
    dialog.signals.step.connect(lambda step: dialog.cancel())
    with qtbot.waitSignal(dialog.trained, timeout=120_000) as trained:
        dialog.start_button.click()
    assert trained.args[0].cancelled and "cancelled" in dialog.state.text()
    assert not dialog.suggest_button.isVisible()
    with Project.open(project_path) as project:
        from annotator.services.models import list_models

        assert list_models(project) == []


def test_models_dialog_lists_scores_and_evaluates(qtbot, window, project_path) -> None:
    decide_both(project_path)
    with Project.open(project_path) as project:
        from annotator.services.training import train_model

        record = train_model(project, "alice", settings=TINY).record
    dialog = window.model_menu.open_models()
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == record.id
    assert "dev F1" in headers and "GPE" in headers
    assert dialog.table.item(0, 3).text() == f"{record.train_articles} + {record.dev_articles}"
    with qtbot.waitSignal(dialog.evaluated, timeout=120_000) as evaluated:
        dialog.evaluate_button.click()
    assert evaluated.args[0] is not None, dialog.result.toPlainText()
    assert "gestures vs scratch" in dialog.result.toPlainText()


def test_a_quiet_hint_after_every_n_done_articles(qtbot, window, project_path) -> None:
    window.model_menu.hint_every = 2
    decide_both(project_path)
    window.open_article(1)
    qtbot.waitUntil(lambda: "2 articles done so far: Model › Train" in window.statusBar().currentMessage())
    window.open_article(2)
    qtbot.wait(REFRESH_DELAY_MS * 2)
    assert "Model › Train" not in window.statusBar().currentMessage()  # once per N, not on every article
