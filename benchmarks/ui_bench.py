"""Article view and gesture timings, offscreen, printed next to the targets.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_bench.py

Cases: a 10,000-word article with 1,000 highlights (open + first paint < 50 ms) and a
50,000-word article with 10,000 highlights (< 150 ms); keypress-to-commit (A on a
suggestion: the edit saved to SQLite and the paragraph repainted, < 10 ms); Ctrl+Z on
those (undo saved and repainted, < 10 ms) next to the raw limit, `session.undo()` and
`redo()` alone (no Qt); the process's peak RSS (< 300 MB).
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.model import Annotations, Article, Span  # noqa: E402
from annotator.core.text import article_uid  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.services.session import AnnotationSession  # noqa: E402
from annotator.store import annotations as sets  # noqa: E402
from annotator.store.articles import insert_articles  # noqa: E402
from annotator.ui.article_view import ArticleView  # noqa: E402
from annotator.ui.gestures import Gestures  # noqa: E402

WORDS = "Russian forces shelled Kharkiv on Monday killing civilians said officials in Kyiv 😀 ceasefire talks".split()
LABELS = ["PERSON", "GPE", "ORG", "DATE", "CARDINAL"]


def make_text(words: int, seed: int) -> str:
    """News-like text: 18-word sentences, 5 sentences (90 words) a paragraph."""
    rng = random.Random(seed)
    paragraphs, sentences, sentence = [], [], []
    for _ in range(words):
        sentence.append(rng.choice(WORDS))
        if len(sentence) >= 18:
            sentences.append(" ".join(sentence) + ".")
            sentence = []
        if len(sentences) == 5:
            paragraphs.append(" ".join(sentences))
            sentences = []
    paragraphs.append(" ".join(sentences + sentence))
    return "\n\n".join(p for p in paragraphs if p)


def word_spans(text: str, count: int) -> tuple[Span, ...]:
    starts, pos = [], 0
    for word in text.split(" "):
        stripped = word.strip("\n.")
        if stripped:
            i = text.index(stripped, pos)
            starts.append((i, i + len(stripped)))
            pos = i + len(stripped)
    step = max(1, len(starts) // count)
    return tuple(Span(s, e, LABELS[i % len(LABELS)]) for i, (s, e) in enumerate(starts[::step][:count]))


def paint(view: ArticleView) -> None:
    view.viewport().repaint()


def case(app: QApplication, folder: Path, words: int, highlights: int, open_target: float) -> None:
    text = make_text(words, words)
    path = folder / f"bench-{words}.db"
    with Project.open(path) as project:
        aid = insert_articles(project.db, [Article(article_uid(text), text, "bench")]).inserted[article_uid(text)]
        sets.store_suggestions(project.db, "bench", [(aid, Annotations(word_spans(text, highlights)))])
    project = Project.open(path)
    session = AnnotationSession(project, "bench")
    view = ArticleView(project.scheme)
    view.resize(900, 800)
    view.show()
    gestures = Gestures(session, view)
    current = session.open(aid)  # first open copies suggestions; time the view separately
    annotations = current.annotations
    opens = []
    for _ in range(5):
        t0 = time.perf_counter()
        view.set_article(current.article.text, annotations)
        paint(view)
        app.processEvents()
        opens.append((time.perf_counter() - t0) * 1000)
    full = []
    for _ in range(3):
        t0 = time.perf_counter()
        gestures.open(aid)
        paint(view)
        app.processEvents()
        full.append((time.perf_counter() - t0) * 1000)
    keys = []
    for _ in range(20):
        span = session.next_suggestion(view.selected.start if view.selected else -1)
        view.select_span(span)
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_A)
        keys.append((time.perf_counter() - t0) * 1000)
    undos = []
    for _ in range(20):
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        undos.append((time.perf_counter() - t0) * 1000)
    raw = []
    for _ in range(20):  # the same steps again and back, through the session alone
        t0 = time.perf_counter()
        session.redo()
        session.undo()
        raw.append((time.perf_counter() - t0) * 1000 / 2)
    spans = len(session.annotations.spans)
    print(
        f"{words:>6} words, {spans:>6} highlights:"
        f"  open+paint view {statistics.median(opens):7.1f} ms (target < {open_target:.0f})"
        f"   open incl. loading from SQLite {statistics.median(full):7.1f} ms"
        f"   keypress→commit {statistics.median(keys):6.2f} ms median, {max(keys):6.2f} max (target < 10)"
        f"   Ctrl+Z {statistics.median(undos):6.2f} ms median, {max(undos):6.2f} max (target < 10;"
        f" raw session undo/redo {statistics.median(raw):5.2f} ms)"
    )
    view.close()
    project.close()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        case(app, Path(folder), 10_000, 1_000, 50)
        case(app, Path(folder), 50_000, 10_000, 150)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB (target < 300)")


if __name__ == "__main__":
    main()
