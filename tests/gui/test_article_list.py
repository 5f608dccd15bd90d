"""The article list shows whole titles with source and date, and follows every gesture:
counts and status change at once, also when "done" is undone; the text has its title
above it (issue 10, item 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.services.importing import import_sources
from annotator.services.project import Project
from annotator.ui.article_list_model import ArticleListModel
from tests.gui.conftest import find

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def row(window, column: int):
    return window.list_model.index(window.list_model.row_of(1), column).data()


def test_title_source_and_date_above_the_text_and_in_the_list(qtbot, window):
    header = window.pane.title.text()
    assert "Kharkiv shelled" in header and "Test Wire · 2025-05-16" in header
    index = window.list_model.index(0, 0)
    assert index.data(ArticleListModel.MetaRole) == "Test Wire · 2025-05-16"
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Kharkiv shelled")
    table = window.list_panel.table
    assert [c for c in range(6) if not table.isColumnHidden(c)] == [0], "the title gets the dock's width"


def test_counts_follow_each_gesture_without_switching_articles(qtbot, window, view):
    assert (row(window, 4), row(window, 5)) == (6, 0)
    window.gestures.select(find(view, "Kharkiv"))
    qtbot.keyClick(view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: (row(window, 4), row(window, 5)) == (5, 1), timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: (row(window, 4), row(window, 5)) == (6, 0), timeout=2000)


def test_undoing_done_updates_the_row_and_the_progress(qtbot, window, view):
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the codebook's warnings first
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.session.current.article.id == 2 and window.after_paint.pending  # the text first, the list next
    qtbot.waitUntil(lambda: row(window, 3) == "✓ done", timeout=2000)
    assert window.list_panel.progress.text().startswith("1 of 2")
    window.open_article(1)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: row(window, 3) == "in progress", timeout=2000)
    assert window.list_panel.progress.text().startswith("0 of 2")


def test_re3d_and_html_sources_and_dates_reach_the_list(qtbot, tmp_path: Path, samples_dir: Path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Ceasefire talks resume</title><meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2024-03-01T10:00:00Z'></head><body><article>"
        "<h1>Ceasefire talks resume</h1>"
        + "<p>Negotiators met in Doha on Friday to discuss a ceasefire.</p>" * 5
        + "</article></body></html>",
        encoding="utf-8",
    )
    with Project.open(tmp_path / "p.db") as project:
        import_sources(project, [samples_dir / "re3d" / "centcom" / "documents.json", page], "auto", "alice")
        model = ArticleListModel(project, "alice")
        metas = {
            model.index(r, 0).data(): model.index(r, 0).data(ArticleListModel.MetaRole) for r in range(model.rowCount())
        }
    assert metas["Ceasefire talks resume"] == "Example News · 2024-03-01"
    assert metas["CENTCOM reinforces support for Syrian Arab Coalition"].startswith("CENTCOM")


def test_the_order_menu_sorts_by_source(qtbot, window):
    action = next(a for a in window.list_panel.order.menu().actions() if a.text() == "by source")
    action.trigger()
    assert [window.list_model.index(r, 0).data(ArticleListModel.MetaRole).split(" · ")[0] for r in range(2)] == [
        "Other Wire",
        "Test Wire",
    ]
    assert window.list_panel.order.toolTip().endswith("by source")
