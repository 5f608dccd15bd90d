"""File › Team in the main window: pack and merge as background jobs with progress, the
agreement table (pairwise figures, most disagreement first), review from the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from annotator.services.assign import assign_articles
from annotator.services.project import Project
from annotator.services.session import AnnotationSession

pytestmark = pytest.mark.gui


def wait_for_job(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.worker is None, timeout=20000)


def test_pack_and_merge_from_the_menu(qtbot, window, project_path: Path, tmp_path: Path, monkeypatch) -> None:
    with Project.open(project_path) as project:
        assign_articles(project, ["alice", "bob"], overlap=1.0)
    menu = window.team_menu
    assert "Team" in [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    out = tmp_path / "bob.db"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kwargs: ("bob", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    progress = []
    original = window._job_progress
    monkeypatch.setattr(window, "_job_progress", lambda *a: (progress.append(a), original(*a)))
    menu.pack()
    assert window.job_bar.isVisible()
    wait_for_job(qtbot, window)
    assert out.exists() and "2 articles for bob" in window.statusBar().currentMessage()
    assert progress, "the job reported progress"
    with Project.open(out) as package:
        session = AnnotationSession(package, "bob")
        session.open(1)
        session.accept(session.suggestions()[0])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(out)], ""))
    menu.merge()
    wait_for_job(qtbot, window)
    assert "1 package(s) merged" in window.statusBar().currentMessage()
    assert "1 new annotation set(s)" in window.statusBar().currentMessage()


def test_agreement_table_and_review_from_it(qtbot, window, project_path: Path) -> None:
    from annotator.core.model import ArticleStatus

    with Project.open(project_path) as project:
        for name, accept in (("alice", 3), ("bob", 2)):
            session = AnnotationSession(project, name)
            session.open(1)
            for _ in range(accept):
                session.accept(session.suggestions()[0])
            session.set_status(ArticleStatus.DONE)
    window.team_menu.agreement()
    dialog = window.team_menu.agreement_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert dialog.pairs.rowCount() == 1 and dialog.pairs.item(0, 0).text() == "alice – bob"
    assert float(dialog.pairs.item(0, 2).text()) < 1.0
    assert "Krippendorff" in dialog.summary.text()
    assert dialog.articles.item(0, 2).text() == "Kharkiv shelled"
    dialog.layer.setCurrentText("event")
    assert dialog.pairs.horizontalHeaderItem(8).text() == "Type"
    dialog.articles.cellDoubleClicked.emit(0, 2)
    review = window.team_menu.review_window
    assert review is not None and review.isVisible()
    assert review.review.session.current.article.id == 1
    review.close()


def test_my_queue_first_and_the_assignee_filter(window, project_path: Path) -> None:
    from annotator.store.assignments import assign

    with Project.open(project_path) as project:
        assign(project.db, [(2, "alice"), (1, "bob")])
    assert window.open_project(project_path)
    assert window.list_model.ids == [2, 1]  # alice's queue first
    combo = window.list_panel.assignee_filter
    assert [combo.itemText(i) for i in range(combo.count())] == ["Everyone's", "My queue (1)", "bob (1)"]
    combo.setCurrentIndex(2)
    assert window.list_model.ids == [1]
    combo.setCurrentIndex(0)
    assert window.list_model.ids == [2, 1]
