"""Fixtures for the desktop app's tests: a project with one pre-highlighted article, the
main window on it, and helpers that read what the view paints and what the database holds."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCharFormat  # noqa: E402

from annotator.core.model import Annotations, Argument, Event, Layer, Quote, Span  # noqa: E402
from annotator.core.text import article_uid  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.services.session import AnnotationSession  # noqa: E402
from annotator.store import annotations as sets  # noqa: E402
from annotator.store.articles import insert_articles  # noqa: E402

TEXT = (
    "Russian forces shelled Kharkiv on Monday, killing 3 civilians.\n\n"
    "“We are ready to continue contacts,” Vladimir Medinsky said in Istanbul.\n\n"
    "Ukraine and Russia agreed to exchange 1,000 prisoners."
)
SECOND = "Protesters gathered in Tbilisi on Sunday.\n\nPolice arrested 20 people."


def at(word: str, text: str = TEXT, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def suggestions() -> Annotations:
    kharkiv = Span(*at("Kharkiv"), "GPE")
    monday = Span(*at("Monday"), "DATE")
    medinsky = Span(*at("Vladimir Medinsky"), "PERSON")
    russia = Span(*at("Russia", nth=1), "GPE")
    quote = Span(*at("We are ready to continue contacts"), "QUOTE", Layer.QUOTE)
    cue = Span(*at("said"), "CUE", Layer.CUE)
    trigger = Span(*at("shelled"), "EXPLOSION_REMOTE", Layer.TRIGGER)
    forces = Span(*at("Russian forces"), "ACTOR", Layer.ARGUMENT)
    return Annotations(
        (forces, trigger, kharkiv, monday, quote, medinsky, cue, russia),
        (Quote(quote, medinsky, cue),),
        (Event(trigger, "EXPLOSION_REMOTE", arguments=(Argument("ACTOR", forces), Argument("LOCATION", kharkiv))),),
    )


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "project.db"
    with Project.open(path) as project:
        ids = insert_articles(
            project.db,
            [
                __import__("annotator.core.model", fromlist=["Article"]).Article(
                    article_uid(TEXT), TEXT, "Kharkiv shelled", "Test Wire", published="2025-05-16"
                ),
                __import__("annotator.core.model", fromlist=["Article"]).Article(
                    article_uid(SECOND), SECOND, "Tbilisi protest", "Other Wire", published="2025-05-17"
                ),
            ],
        ).inserted
        sets.store_suggestions(project.db, "test-model", [(ids[article_uid(TEXT)], suggestions())])
    return path


@pytest.fixture
def window(qtbot, project_path: Path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_NO_DIALOGS", "1")
    from annotator.ui.main_window import MainWindow

    win = MainWindow("alice")
    qtbot.addWidget(win)
    assert win.open_project(project_path)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, win)
    win.view.setFocus()
    yield win
    win.close()


def settle(qtbot, window) -> None:
    """Wait for the work an opening leaves for the frame after the text (list, panels)."""
    qtbot.waitUntil(lambda: window.after_paint is None or not window.after_paint.pending, timeout=2000)


@pytest.fixture
def view(window):
    return window.view


def stored(path: Path, annotator: str = "alice", article: int = 1) -> AnnotationSession:
    """What a restarted app would load: a second connection to the same file."""
    session = AnnotationSession(Project.open(path), annotator)
    session.open(article)
    return session


def stored_spans(path: Path, article: int = 1) -> dict[tuple[int, int, str], str]:
    project = Project.open(path)
    try:
        info = sets.find_set(project.db, article, "alice")
        if info is None:
            return {}
        return {(s.start, s.end, s.label): str(s.status) for s in sets.load_annotations(project.db, info.id).spans}
    finally:
        project.close()


def painted(view, start: int, end: int | None = None):
    """The character format the highlighter gave the text at code point `start`."""
    index = view.index
    pos = index.to_utf16(start)
    block = view.document().findBlock(pos)
    offset = pos - block.position()
    ranges = block.layout().formats()
    for fr in ranges:
        if fr.start <= offset < fr.start + fr.length:
            return QTextCharFormat(fr.format)
    return None


def select_text(view, word: str, nth: int = 0, text: str = TEXT) -> tuple[int, int]:
    start, end = at(word, text, nth)
    view.select_range(start, end)
    return start, end


def find(view, word: str, nth: int = 0, text: str = TEXT, layer: str | None = None) -> Span:
    start, end = at(word, text, nth)
    return next(s for s in view.index.spans if (s.start, s.end) == (start, end) and layer in (None, s.layer))


def answer(qtbot, monkeypatch, button: str) -> list[str]:
    """Let the next question dialog really show, and click the button whose text starts
    with `button` (accelerator & ignored). RETURNS the list that receives the dialog's text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    monkeypatch.delenv("ANNOTATOR_NO_DIALOGS", raising=False)
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        target = next(b for b in box.buttons() if b.text().replace("&", "").startswith(button))
        target.click()

    QTimer.singleShot(0, click)
    return seen


def exported_events(path: Path, annotator: str = "alice") -> list[dict[str, str]]:
    """The events CSV our exporter writes for this project (every article opened)."""
    import csv
    import tempfile

    from annotator.services.exporting import export_project

    with Project.open(path) as project, tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "events.csv"
        export_project(project, out, "events-csv", annotator, "any")
        with out.open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
