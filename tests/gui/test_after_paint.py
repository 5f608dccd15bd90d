"""`AfterPaint`: work deferred to the frame after a widget's paint."""

from PySide6.QtWidgets import QLabel

from annotator.ui.after_paint import AfterPaint


def test_work_runs_after_the_next_paint_once_and_the_latest_of_a_key(qtbot) -> None:
    label = QLabel("text")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    later = AfterPaint(label, fallback_ms=60_000)
    ran: list[str] = []
    later.call("list", lambda: ran.append("first list"))
    later.call("panels", lambda: ran.append("panels"))
    later.call("list", lambda: ran.append("second list"))
    assert later.pending and ran == []
    label.repaint()
    assert ran == []  # not inside the paint: the frame is finished first
    qtbot.waitUntil(lambda: not later.pending, timeout=2000)
    assert ran == ["panels", "second list"]
    label.repaint()
    qtbot.wait(20)
    assert ran == ["panels", "second list"]


def test_a_widget_that_is_not_painted_still_gets_its_work_done(qtbot) -> None:
    hidden = QLabel("never shown")
    qtbot.addWidget(hidden)
    later = AfterPaint(hidden, fallback_ms=30)
    ran: list[int] = []
    later.call("x", lambda: ran.append(1))
    qtbot.waitUntil(lambda: ran == [1], timeout=2000)
    later.call("x", lambda: ran.append(2))
    later.cancel()
    qtbot.wait(80)
    assert ran == [1] and not later.pending
