"""Enter marks the article done and opens the next; the list's progress follows."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import stored

pytestmark = pytest.mark.gui


def test_enter_marks_done_and_opens_the_next(qtbot, window, view, project_path):
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the first Enter lists the codebook warnings (see test_event_coding)
    assert "Enter again marks the article done" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.articleOpened, timeout=2000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [2]
    assert str(stored(project_path, article=1).current.status) == "done"
    assert window.list_panel.progress.text().startswith("1 of 2")
    assert window.view.text.startswith("Protesters")
    # Back on the first article, Ctrl+Z reverts "done" (undo works across re-opening).
    window.open_article(1)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert str(stored(project_path, article=1).current.status) == "in_progress"
