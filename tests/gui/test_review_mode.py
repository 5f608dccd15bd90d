"""Review mode: two annotators' versions merged into gold, who said what, keep a version
from the keyboard, undo, done and next."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Annotations, Article, ArticleStatus, Layer, Span, Status
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles

pytestmark = pytest.mark.gui

TEXTS = [
    "Vladimir Medinsky met Rustem Umerov in Istanbul on Monday.",
    "Protesters gathered in Tbilisi on Sunday. Police arrested 20 people.",
]


def span(text: str, word: str, label: str) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), label, Layer.ENTITY, Status.ACCEPTED)


def build(path: Path) -> None:
    versions = {
        "alice": [
            [("Vladimir Medinsky", "PERSON"), ("Istanbul", "GPE"), ("Monday", "DATE")],
            [("Tbilisi", "GPE"), ("Sunday", "DATE")],
        ],
        "bob": [[("Medinsky", "PERSON"), ("Istanbul", "GPE")], [("Tbilisi", "GPE"), ("Sunday", "DATE")]],
    }
    with Project.open(path) as project, project.db.atomic():
        ids = insert_articles(
            project.db, [Article(article_uid(t), t, f"article {i}") for i, t in enumerate(TEXTS)]
        ).inserted
        for name, per_article in versions.items():
            for text, words in zip(TEXTS, per_article):
                set_id = sets.create_set(project.db, ids[article_uid(text)], name, status=ArticleStatus.DONE)
                sets.insert_annotations(
                    project.db, set_id, Annotations(tuple(span(text, w, label) for w, label in words))
                )


@pytest.fixture
def review(qtbot, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_NO_DIALOGS", "1")
    from annotator.ui.review_window import ReviewWindow

    build(tmp_path / "team.db")
    window = ReviewWindow(tmp_path / "team.db", "rita")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.view.setFocus()
    yield window
    window.close()


def gold_statuses(window) -> dict[tuple[str, str], str]:
    text = window.review.session.text
    return {(text[s.start : s.end], s.label): str(s.status) for s in window.review.session.annotations.spans}


def test_versions_merged_with_who_said_what(review) -> None:
    assert review.articles.count() == 2
    statuses = gold_statuses(review)
    assert statuses[("Istanbul", "GPE")] == "accepted"
    assert statuses[("Vladimir Medinsky", "PERSON")] == statuses[("Medinsky", "PERSON")] == "suggested"
    assert statuses[("Monday", "DATE")] == "suggested"
    headers = [review.table.horizontalHeaderItem(c).text() for c in range(review.table.columnCount())]
    assert headers[-2:] == ["alice (Ctrl+1)", "bob (Ctrl+2)"]
    rows = {
        review.table.item(r, 1).text(): (review.table.item(r, 3).text(), review.table.item(r, 4).text())
        for r in range(review.table.rowCount())
    }
    assert rows["Vladimir Medinsky"] == ("Vladimir Medinsky PERSON", "Medinsky PERSON")
    assert rows["Monday"] == ("Monday DATE", "—")
    assert "<b>2</b> of 2 disagreements open" in review.header.text()
    review.said_by(next(s for s in review.review.session.annotations.spans if s.label == "DATE"))
    assert "said by alice; not by bob" in review.statusBar().currentMessage()


def test_keep_a_version_from_the_keyboard_undo_and_done(qtbot, review) -> None:
    qtbot.keyClick(review.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # bob's "Medinsky"
    statuses = gold_statuses(review)
    assert statuses[("Medinsky", "PERSON")] == "accepted" and statuses[("Vladimir Medinsky", "PERSON")] == "rejected"
    qtbot.keyClick(review.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_statuses(review)[("Medinsky", "PERSON")] == "suggested"
    qtbot.keyClick(review.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # alice's "Vladimir Medinsky"
    qtbot.keyClick(review.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # alice's "Monday"
    assert gold_statuses(review)[("Monday", "DATE")] == "accepted"
    assert "<b>0</b> of 2 disagreements open" in review.header.text()
    qtbot.keyClick(review.view, Qt.Key.Key_Return)
    assert review.review.session.current.article.title == "article 1"  # the next shared article
    with Project.open(review.project.path) as project:
        (done,) = list(project.annotated("gold", [ArticleStatus.DONE]))
        assert sorted(s.label for s in done.annotations.decided().spans) == ["DATE", "GPE", "PERSON"]
