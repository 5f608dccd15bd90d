"""The title box and the text's font: kept cheap to repaint on every Enter, and still right."""

from PySide6.QtGui import QFont

from annotator.core.model import Article
from annotator.core.scheme import LabelScheme
from annotator.ui.article_pane import ArticlePane


def _article(title: str) -> Article:
    return Article("uid", "Some text.", title, "Test Wire", published="2025-05-16")


def test_the_title_box_is_as_high_as_its_title_needs(qtbot) -> None:
    pane = ArticlePane(LabelScheme.default())
    qtbot.addWidget(pane)
    pane.resize(420, 500)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_article(_article("Talks"))
    short = pane.title_box.height()
    pane.show_article(_article("Talks resume in Istanbul as both sides exchange prisoners of war " * 3))
    long = pane.title_box.height()
    assert long > short  # the long title wraps onto more lines: nothing is cut off
    assert pane.title.height() == long == pane.title.heightForWidth(pane.title_box.width())
    pane.resize(900, 500)
    qtbot.waitUntil(lambda: pane.title_box.height() < long)  # wider: fewer lines
    assert pane.title.height() == pane.title_box.height()
    assert pane.title.text().count("Test Wire") == 1


def test_the_text_skips_optional_shaping_at_every_size(qtbot, window) -> None:
    def unshaped() -> bool:
        return bool(window.view.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping)

    assert unshaped()
    size = window.view.font().pointSizeF()
    window.zoom(2)
    assert window.view.font().pointSizeF() == size + 2 and unshaped()
