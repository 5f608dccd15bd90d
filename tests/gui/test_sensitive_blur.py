"""Graphic passages are blurred until revealed; the setting is the annotator's."""

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services import sensitive
from annotator.store.articles import insert_articles

pytestmark = pytest.mark.gui

GRAPHIC = (
    "Talks resumed in Istanbul on Friday.\n\n"
    "Witnesses said the bodies were mutilated and left in pools of blood near the market.\n\n"
    "The ceasefire held elsewhere."
)


@pytest.fixture
def graphic_window(window, qtbot):
    uid = article_uid(GRAPHIC)
    article_id = insert_articles(window.project.db, [Article(uid, GRAPHIC, "Market")]).inserted[uid]
    window.open_article(article_id)
    qtbot.waitUntil(lambda: bool(window.actor_tools.blur.patches))
    return window


def test_the_passage_is_covered_by_a_blurred_patch_and_v_reveals_it(graphic_window, qtbot) -> None:
    blur = graphic_window.actor_tools.blur
    (patch,) = blur.patches
    start = GRAPHIC.index("Witnesses")
    rect = patch.geometry()
    assert rect.height() > 0 and rect.width() > 100
    first_letter = graphic_window.view.cursorRect(_cursor_at(graphic_window.view, start))
    assert abs(rect.top() - first_letter.top()) <= 2 and abs(rect.left() - first_letter.left()) <= 1
    last_letter = graphic_window.view.cursorRect(_cursor_at(graphic_window.view, GRAPHIC.index("market.") + 7))
    assert rect.bottom() >= last_letter.bottom() - 2
    assert not patch.picture.isNull() and patch.isVisible()
    assert "graphic passage(s) blurred" in graphic_window.statusBar().currentMessage()
    qtbot.keyClick(graphic_window.view, Qt.Key.Key_V)
    qtbot.waitUntil(lambda: not blur.patches)
    assert blur.hidden == []


def test_a_click_reveals_and_the_setting_is_kept_per_annotator(graphic_window, qtbot) -> None:
    blur = graphic_window.actor_tools.blur
    qtbot.mouseClick(blur.patches[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not blur.patches)
    graphic_window.actor_tools.toggle_blur(False)
    assert not sensitive.blur_enabled(graphic_window.project, "alice")
    assert sensitive.blur_enabled(graphic_window.project, "bob")
    graphic_window.open_article(1)
    graphic_window.open_article(3)
    qtbot.wait(80)
    assert blur.patches == [] and not graphic_window.actor_tools.blur_action.isChecked()


def _cursor_at(view, offset: int):
    cursor = view.textCursor()
    cursor.setPosition(view.index.to_utf16(offset))
    return cursor
