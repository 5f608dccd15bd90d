"""Code points in the store, UTF-16 in Qt: emoji and other astral characters stay aligned."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Annotations, Article, Span
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles
from annotator.ui.span_index import SpanIndex
from tests.gui.conftest import painted, stored_spans

pytestmark = pytest.mark.gui

TEXT = "Drone 😀🚀 hit 𝐊𝐡𝐚𝐫𝐤𝐢𝐯 today.\n\n🇺🇦 Zelenskyy said\u00a0“no” in Kyiv."


def test_span_index_converts_both_ways():
    start = TEXT.index("Kyiv")
    index = SpanIndex.build(TEXT, Annotations((Span(start, start + 4, "GPE"),)))
    utf16 = index.to_utf16(start)
    assert utf16 == len(TEXT[:start].encode("utf-16-le")) // 2
    assert index.to_codepoint(utf16) == start
    block, run = next(iter(index.runs.items()))
    assert block == 2 and run[0][1] == 4


def test_view_paints_and_saves_at_the_right_characters(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_NO_DIALOGS", "1")
    path = tmp_path / "astral.db"
    with Project.open(path) as project:
        aid = insert_articles(project.db, [Article(article_uid(TEXT), TEXT, "astral")]).inserted[article_uid(TEXT)]
        zel = TEXT.index("Zelenskyy")
        sets.store_suggestions(project.db, "m", [(aid, Annotations((Span(zel, zel + 9, "PERSON"),)))])
    from annotator.ui.main_window import MainWindow

    window = MainWindow("alice")
    qtbot.addWidget(window)
    window.open_project(path)
    view = window.view
    zel = TEXT.index("Zelenskyy")
    assert painted(view, zel) is not None and painted(view, zel - 2) is None
    # The block text Qt holds has the highlight exactly over "Zelenskyy" (UTF-16 units).
    block = view.document().findBlock(view.index.to_utf16(zel))
    ranges = block.layout().formats()
    units = block.text().encode("utf-16-le")  # Python counts code points; Qt's ranges are UTF-16
    first = ranges[0]
    assert units[2 * first.start : 2 * (first.start + first.length)].decode("utf-16-le") == "Zelenskyy"
    word = "𝐊𝐡𝐚𝐫𝐤𝐢𝐯"
    start = TEXT.index(word)
    view.select_range(start, start + len(word))
    assert view.selection_range() == (start, start + len(word))
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert stored_spans(path)[(start, start + len(word), "GPE")] == "accepted"
    assert TEXT[view.selected.start : view.selected.end] == word
    window.close()
