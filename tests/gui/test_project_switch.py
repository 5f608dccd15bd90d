"""Switching projects lets go of the old one: its view, panels, list and gestures are
deleted, its session can be collected and its database connection is closed."""

from __future__ import annotations

import gc
import sqlite3
import weakref

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store.articles import insert_articles
from annotator.ui.article_list_model import ArticleListModel
from annotator.ui.article_list_panel import ArticleListPanel
from annotator.ui.article_pane import ArticlePane
from annotator.ui.article_view import ArticleView
from annotator.ui.gestures import Gestures
from annotator.ui.side_panels import SidePanels
from tests.gui.conftest import SECOND

pytestmark = pytest.mark.gui
PER_PROJECT = (ArticlePane, ArticleView, Gestures, SidePanels, ArticleListPanel, ArticleListModel)


def test_switching_projects_leaves_nothing_of_the_old_one(qtbot, window, project_path, tmp_path):
    other = tmp_path / "other.db"
    with Project.open(other) as project:
        insert_articles(project.db, [Article(article_uid(SECOND), SECOND, "Tbilisi protest")])
    window.actor_tools.show_dictionary()  # a dialog on the old project, closed with it
    left: list[dict[str, weakref.ref]] = []
    connections = []
    for path in (other, project_path, other, project_path, other):
        left.append(
            {
                name: weakref.ref(getattr(window, name))
                for name in ("session", "gestures", "pane", "view", "panels", "list_panel", "list_model")
            }
        )
        connections.append(window.project.db.conn)
        assert window.open_project(path)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()

    for kind in PER_PROJECT:
        assert len(window.findChildren(kind)) == 1, f"one {kind.__name__}, the open project's"
    for refs in left:
        for name, ref in refs.items():
            gone = ref()
            assert gone is None or not shiboken6.isValid(gone), f"the old project's {name} is still alive"
        assert refs["session"]() is None, "nothing holds on to the old session"
    for connection in connections:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            connection.execute("SELECT 1")
    assert window.session.project.path == other and window.view.text == SECOND
    assert window.actor_tools.dialogs == []
