"""Adjudication into the gold set: agreed items taken at once, each disagreement settled
by keeping one annotator's version, with the session's own undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import (
    Annotations,
    Argument,
    Article,
    ArticleStatus,
    Event,
    Layer,
    Quote,
    Span,
    Status,
)
from annotator.core.text import article_uid
from annotator.services.adjudication import Adjudication
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles

TEXT = "“We will hold the line,” the mayor said on Monday. Rebels shelled Kharkiv, killing 3 people."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def span(word: str, label: str, layer: Layer = Layer.ENTITY) -> Span:
    return Span(*at(word), label, layer, Status.ACCEPTED)


def version(speaker: str, event_type: str, entities: list[tuple[str, str]]) -> Annotations:
    quote, who, cue = (
        span("We will hold the line,", "QUOTE", Layer.QUOTE),
        span(speaker, "SPEAKER", Layer.SPEAKER),
        span("said", "CUE", Layer.CUE),
    )
    trigger, actor = span("shelled", event_type, Layer.TRIGGER), span("Rebels", "ACTOR", Layer.ARGUMENT)
    return Annotations(
        (quote, who, cue, trigger, actor, *(span(w, label) for w, label in entities)),
        (Quote(quote, who, cue),),
        (Event(trigger, event_type, arguments=(Argument("ACTOR", actor),)),),
    )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with Project.open(tmp_path / "p.db") as opened:
        article_id = insert_articles(opened.db, [Article(article_uid(TEXT), TEXT, "Kharkiv")]).inserted[
            article_uid(TEXT)
        ]
        for name, annotations in (
            ("alice", version("the mayor", "EXPLOSION_REMOTE", [("Kharkiv", "GPE"), ("Monday", "DATE")])),
            ("bob", version("mayor", "EXPLOSION_REMOTE", [("Kharkiv", "GPE"), ("Monday", "TIME")])),
        ):
            set_id = sets.create_set(opened.db, article_id, name, status=ArticleStatus.DONE)
            sets.insert_annotations(opened.db, set_id, annotations)
        yield opened


def gold(project: Project) -> dict[tuple[int, int, str], str]:
    info = sets.find_set(project.db, 1, "gold")
    return {(s.start, s.end, s.label): str(s.status) for s in sets.load_annotations(project.db, info.id).spans}


def test_agreed_items_are_taken_and_disagreements_listed(project: Project) -> None:
    review = Adjudication(project, "rita")
    assert review.annotators == ["alice", "bob"] and review.articles() == [1]
    review.open(1)
    stored = gold(project)
    assert stored[(*at("Kharkiv"), "GPE")] == "accepted" and stored[(*at("shelled"), "EXPLOSION_REMOTE")] == "accepted"
    assert stored[(*at("Monday"), "DATE")] == stored[(*at("Monday"), "TIME")] == "suggested"
    kinds = sorted(d.kind for d in review.pending())
    assert kinds == ["entity", "quote"]
    monday = next(d for d in review.pending() if d.kind == "entity")
    assert monday.describe("alice", TEXT) == "Monday DATE" and monday.describe("bob", TEXT) == "Monday TIME"
    assert review.voters(Span(*at("Monday"), "TIME")) == ["bob"]
    author = project.db.execute("SELECT annotator FROM history ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert author == "rita"


def test_keep_a_version_then_undo_then_the_other(project: Project) -> None:
    review = Adjudication(project, "rita")
    review.open(1)
    monday = next(d for d in review.pending() if d.kind == "entity")
    review.pick(monday, "alice")
    assert gold(project)[(*at("Monday"), "DATE")] == "accepted"
    assert gold(project)[(*at("Monday"), "TIME")] == "rejected"
    assert review.is_decided(monday)
    review.session.undo()
    assert not review.is_decided(monday)
    quote = next(d for d in review.pending() if d.kind == "quote")
    review.pick(quote, "bob")
    (stored,) = review.session.annotations.quotes
    assert TEXT[stored.speaker.start : stored.speaker.end] == "mayor" and stored.content.status == Status.ACCEPTED
    review.pick(monday, "bob")
    assert review.pending() == []
    review.done()
    exported = list(project.annotated("gold", [ArticleStatus.DONE]))[0].annotations.decided()
    assert sorted(s.label for s in exported.on_layer(Layer.ENTITY)) == ["GPE", "TIME"]
    assert len(exported.quotes) == 1 and len(exported.events) == 1


def test_reopening_keeps_the_gold_set_and_one_version_is_not_enough(project: Project) -> None:
    review = Adjudication(project, "rita")
    review.open(1)
    review.pick(next(d for d in review.pending() if d.kind == "entity"), "alice")
    again = Adjudication(project, "rita")
    again.open(1)
    assert [d.kind for d in again.pending()] == ["quote"]
    assert again.session.can_undo
    with pytest.raises(ValidationError, match="two finished"):
        Adjudication(project, "rita", ["alice"]).open(1)
