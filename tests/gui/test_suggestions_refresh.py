"""Suggestions reach an article opened before pre-annotation, and newer suggestions
replace undecided ones while decisions stay (issue 10, item 1; docs/adr/0010)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Annotations, Article, Span
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles
from tests.gui.conftest import TEXT, at, find, painted, stored

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def bare_project(tmp_path: Path) -> Path:
    """One article, imported without pre-annotation."""
    path = tmp_path / "bare.db"
    with Project.open(path) as project:
        insert_articles(project.db, [Article(article_uid(TEXT), TEXT, "Kharkiv shelled")])
    return path


def test_ctrl_p_highlights_the_article_already_open(qtbot, bare_project, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_NO_DIALOGS", "1")
    from annotator.ui.main_window import MainWindow

    window = MainWindow("alice")
    qtbot.addWidget(window)
    window.open_project(bare_project)
    assert window.view.index.spans == () and window.session.suggestions() == []
    window.preannotate()  # Ctrl+P: the real spaCy pipeline, in a worker
    qtbot.waitUntil(lambda: window.worker is None, timeout=120_000)
    pending = window.session.suggestions()
    assert len(pending) > 5, "the open article shows the new suggestions"
    assert painted(window.view, pending[0].start) is not None
    assert window.list_model.index(0, 4).data() == len(pending), "the list's To do count follows"
    assert len(stored(bare_project).suggestions()) == len(pending), "also after a restart"
    window.close()


def test_the_bundled_sample_opens_pre_highlighted(qtbot, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_NO_DIALOGS", "1")
    from annotator.ui.main_window import MainWindow

    window = MainWindow("alice")
    qtbot.addWidget(window)
    window.welcome.openSample.emit()
    qtbot.waitUntil(
        lambda: window.worker is None and window.session is not None and window.session.current is not None,
        timeout=120_000,
    )
    assert len(window.session.suggestions()) > 50
    assert "Ukraine" in window.pane.title.text()
    window.close()


def test_newer_suggestions_replace_undecided_ones_and_decisions_stay(qtbot, window, view, project_path):
    kharkiv, monday = find(view, "Kharkiv"), find(view, "Monday")
    view.select_span(kharkiv)
    qtbot.keyClick(view, Qt.Key.Key_A)
    view.select_span(monday)
    qtbot.keyClick(view, Qt.Key.Key_X)
    with Project.open(project_path) as project:  # a retrained model, from another connection
        sets.store_suggestions(
            project.db,
            "model-2",
            [
                (
                    1,
                    Annotations(
                        (Span(*at("Kharkiv"), "LOC"), Span(*at("Istanbul"), "GPE"), Span(*at("civilians"), "NORP"))
                    ),
                )
            ],
        )
    window._after_preannotate(None)  # what the app does when a pre-annotation job ends
    labels = {(view.text[s.start : s.end], s.label, str(s.status)) for s in view.index.spans}
    assert ("Kharkiv", "GPE", "accepted") in labels and ("Monday", "DATE", "rejected") in labels
    assert ("Istanbul", "GPE", "suggested") in labels and ("civilians", "NORP", "suggested") in labels
    assert ("Kharkiv", "LOC", "suggested") not in labels, "a decided place is not suggested again"
    assert not any(label == "PERSON" for _, label, _ in labels), "model-1's undecided suggestions are gone"
    assert painted(view, at("Istanbul")[0]).background().color().alpha() < 255
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # one step brings model-1's suggestions back
    assert find(view, "Vladimir Medinsky").label == "PERSON"
    assert find(view, "Kharkiv").status == "accepted"
