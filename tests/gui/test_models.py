"""Every Qt model passes qtmodeltester; the article list filters, searches, sorts, counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store.articles import insert_articles
from annotator.ui.article_list_model import ArticleListModel

pytestmark = pytest.mark.gui


def test_article_list_model(qtmodeltester, project_path):
    with Project.open(project_path) as project:
        model = ArticleListModel(project, "alice")
        qtmodeltester.check(model)
        assert model.rowCount() == 2
        assert model.index(0, 0).data() == "Kharkiv shelled"
        assert model.index(0, 4).data() == 6  # entities, quote and trigger to decide (cue, argument go with them)
        model.sort(0, Qt.SortOrder.DescendingOrder)
        assert model.index(0, 0).data() == "Tbilisi protest"
        model.set_filter(None, "protesters")
        assert model.ids == [2]
        model.set_filter("done", "")
        assert model.rowCount() == 0
        qtmodeltester.check(model)


def test_article_list_is_lazy_with_many_articles(qtmodeltester, tmp_path):
    with Project.open(tmp_path / "many.db") as project:
        texts = [f"Article number {i} about shelling in town {i}." for i in range(3000)]
        insert_articles(project.db, [Article(article_uid(t), t, f"title {i:05d}") for i, t in enumerate(texts)])
        model = ArticleListModel(project, "alice")
        seen = []
        model.progressChanged.connect(lambda d, t: seen.append((d, t)))
        model.emit_progress()
        assert seen[-1] == (0, 3000)
        assert model.rowCount() == 3000 and not model._pages
        assert model.index(2999, 0).data() == "title 02999"
        assert len(model._pages) == 1
        qtmodeltester.check(model)


def test_annotation_models(qtmodeltester, window):
    for model in (window.panels.entities, window.panels.quotes, window.panels.events):
        qtmodeltester.check(model)
    assert window.panels.entities.rowCount() == 4
    assert window.panels.quotes.index(0, 1).data() == "Vladimir Medinsky"
    assert window.panels.events.index(0, 1).data() == "EXPLOSION_REMOTE"
    assert window.panels.entities.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is not None  # colour chip


def test_selecting_a_panel_row_selects_the_span(qtbot, window):
    panels = window.panels
    panels.event_table.selectRow(0)
    assert window.view.selected.label == "EXPLOSION_REMOTE"
