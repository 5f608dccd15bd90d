import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectLockedError, ValidationError
from annotator.core.model import Annotations, Argument, ArticleStatus, Event, Layer, Origin, Span, Status
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets



TEXT = (
    "Russian forces shelled Kharkiv on Monday, killing 3 civilians.\n\n"
    "“We are ready to continue contacts,” Vladimir Medinsky said in Istanbul."
)


def offsets(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def reopen(project: Project, article_id: int, name: str = "alice") -> AnnotationSession:
    """A fresh session on a fresh connection: what a restarted app would see."""
    fresh = Project.open(project.path)
    session = AnnotationSession(fresh, name)
    session.open(article_id)
    return session


def labels(session: AnnotationSession) -> list[tuple[str, str, str]]:
    assert session.annotations == sets.load_annotations(session.project.db, session.set_id), (
        "the session's in-memory annotations must equal what the database holds")
    return [(TEXT[s.start:s.end], s.label, str(s.status)) for s in session.annotations.spans]


def test_opening_copies_the_models_suggestions_as_suggested(project: Project, article_id: int) -> None:
    suggestion = Span(*offsets(TEXT, "Kharkiv"), "GPE")
    sets.store_suggestions(project.db, "test-model-1", [(article_id, Annotations((suggestion,)))])
    session = AnnotationSession(project, "bob")
    opened = session.open(article_id)
    assert opened.status == ArticleStatus.IN_PROGRESS
    assert [(s.label, s.status, s.origin) for s in opened.annotations.spans] == [("GPE", Status.SUGGESTED, Origin.MODEL)]
    assert session.next_suggestion().label == "GPE"  # type: ignore[union-attr]


@pytest.mark.parametrize("gesture", ["accept", "reject", "relabel", "resize", "remove"])
def test_each_gesture_is_saved_at_once_and_undoes_and_redoes(project: Project, article_id: int, gesture: str) -> None:
    sets.store_suggestions(project.db, "m", [(article_id, Annotations((Span(*offsets(TEXT, "Vladimir"), "PERSON"),)))])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    before = labels(session)
    span = session.annotations.spans[0]
    if gesture == "accept":
        session.accept(span)
        expected = [("Vladimir", "PERSON", "accepted")]
    elif gesture == "reject":
        session.reject(span)
        expected = [("Vladimir", "PERSON", "rejected")]
    elif gesture == "relabel":
        session.relabel(span, "ORG")
        expected = [("Vladimir", "ORG", "accepted")]
    elif gesture == "resize":
        session.resize(span, "end", 1)
        expected = [("Vladimir Medinsky", "PERSON", "accepted")]
    else:
        session.remove(span)
        expected = []
    assert labels(session) == expected
    assert labels(reopen(project, article_id)) == expected, "the gesture must be in the database"
    session.undo()
    assert labels(session) == before
    assert labels(reopen(project, article_id)) == before
    session.redo()
    assert labels(reopen(project, article_id)) == expected


def test_add_span_snaps_to_tokens_and_validates_labels(session: AnnotationSession) -> None:
    start, _ = offsets(TEXT, "Kharkiv")
    session.add_span(start + 2, start + 4, "GPE")
    assert labels(session) == [("Kharkiv", "GPE", "accepted")]
    with pytest.raises(ValidationError, match="not in scheme"):
        session.add_span(start, start + 7, "SPACESHIP")
    with pytest.raises(ValidationError, match="no word"):
        session.add_span(start - 1, start, "GPE")
    assert len(session.annotations.spans) == 1


def test_quote_with_speaker_and_cue_and_undo_of_removal(project: Project, article_id: int, session: AnnotationSession) -> None:
    session.make_quote(*offsets(TEXT, "We are ready to continue contacts"))
    quote = session.annotations.quotes[0]
    session.add_span(*offsets(TEXT, "Vladimir Medinsky"), "PERSON")
    session.link_quote_part(quote, "speaker", *offsets(TEXT, "Vladimir Medinsky"))
    session.link_quote_part(session.annotations.quotes[0], "cue", *offsets(TEXT, "said"))
    quote = reopen(project, article_id).annotations.quotes[0]
    assert TEXT[quote.speaker.start:quote.speaker.end] == "Vladimir Medinsky"  # type: ignore[union-attr]
    assert quote.speaker.layer == Layer.ENTITY  # type: ignore[union-attr]
    assert quote.cue.layer == Layer.CUE and quote.cue.label == "CUE"  # type: ignore[union-attr]
    speaker = session.span(quote.speaker.id)  # type: ignore[union-attr]
    session.remove(speaker)  # type: ignore[arg-type]
    assert session.annotations.quotes[0].speaker is None
    labels(session)
    session.undo()
    assert session.annotations.quotes[0].speaker.id == speaker.id  # type: ignore[union-attr]
    labels(session)


def test_event_with_arguments_roles_checked(project: Project, article_id: int, session: AnnotationSession) -> None:
    session.make_event(*offsets(TEXT, "shelled"), "EXPLOSION_REMOTE")
    event = session.annotations.events[0]
    session.add_argument(event, "ACTOR", *offsets(TEXT, "Russian forces"))
    session.add_argument(session.annotations.events[0], "LOCATION", *offsets(TEXT, "Kharkiv"))
    session.add_argument(session.annotations.events[0], "FATALITIES", *offsets(TEXT, "3"))
    session.change_event(session.annotations.events[0], sub_type="Shelling/artillery/missile attack", future=False)
    stored = reopen(project, article_id).annotations.events[0]
    assert [(a.role, TEXT[a.span.start:a.span.end]) for a in stored.arguments] == [
        ("ACTOR", "Russian forces"), ("LOCATION", "Kharkiv"), ("FATALITIES", "3")]
    assert stored.sub_type == "Shelling/artillery/missile attack"
    with pytest.raises(ValidationError, match="does not fit"):
        session.make_event(*offsets(TEXT, "continue"), "NEGOTIATE")
        session.add_argument(session.annotations.events[-1], "FATALITIES", *offsets(TEXT, "3"))
    session.relabel(session.annotations.events[0].trigger, "BATTLE")
    assert session.annotations.events[0].event_type == "BATTLE"
    labels(session)
    session.undo()
    assert session.annotations.events[0].event_type == "EXPLOSION_REMOTE"
    labels(session)


def test_accept_all_is_one_undo_step(project: Project, article_id: int) -> None:
    spans = tuple(Span(*offsets(TEXT, w), "GPE") for w in ("Kharkiv", "Istanbul"))
    sets.store_suggestions(project.db, "m", [(article_id, Annotations(spans))])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    session.accept_all()
    assert {s.status for s in session.annotations.spans} == {Status.ACCEPTED}
    labels(session)
    session.undo()
    assert {s.status for s in session.annotations.spans} == {Status.SUGGESTED}


def test_undo_survives_a_restart(project: Project, article_id: int, session: AnnotationSession) -> None:
    session.add_span(*offsets(TEXT, "Kharkiv"), "GPE")
    session.add_span(*offsets(TEXT, "Istanbul"), "GPE")
    restarted = reopen(project, article_id)
    assert restarted.can_undo
    restarted.undo()
    assert labels(restarted) == [("Kharkiv", "GPE", "accepted")]
    again = reopen(project, article_id)
    assert again.can_redo
    again.redo()
    assert len(again.annotations.spans) == 2


def test_status_done_and_history_is_append_only(project: Project, session: AnnotationSession) -> None:
    session.set_status(ArticleStatus.DONE)
    assert session.current.status == ArticleStatus.DONE  # type: ignore[union-attr]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        project.db.execute("UPDATE history SET annotator = 'mallory'")
    rows = list(project.db.query("SELECT annotator, action FROM history"))
    assert rows == [{"annotator": "alice", "action": "mark done"}]


def test_a_stale_edit_is_refused_not_applied(project: Project, article_id: int, session: AnnotationSession) -> None:
    session.add_span(*offsets(TEXT, "Kharkiv"), "GPE")
    span = session.annotations.spans[0]
    other = reopen(project, article_id)
    other.relabel(other.annotations.spans[0], "LOC")
    with pytest.raises(ValidationError, match="changed since"):
        session.relabel(span, "ORG")
    assert labels(reopen(project, article_id)) == [("Kharkiv", "LOC", "accepted")]


def test_a_locked_project_reports_and_loses_nothing(project: Project, article_id: int, session: AnnotationSession,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    project.db.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(project.path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ProjectLockedError, match="locked"):
            session.add_span(*offsets(TEXT, "Kharkiv"), "GPE")
    finally:
        holder.rollback()
        holder.close()
    session.add_span(*offsets(TEXT, "Kharkiv"), "GPE")
    assert labels(reopen(project, article_id)) == [("Kharkiv", "GPE", "accepted")]


def test_navigation_skips_parts_decided_with_their_quote_or_event(project: Project, article_id: int) -> None:
    trigger = Span(*offsets(TEXT, "shelled"), "EXPLOSION_REMOTE", Layer.TRIGGER)
    actor = Span(*offsets(TEXT, "Russian forces"), "ACTOR", Layer.ARGUMENT)
    sets.store_suggestions(project.db, "m", [(article_id, Annotations(
        (actor, trigger), events=(Event(trigger, "EXPLOSION_REMOTE", arguments=(Argument("ACTOR", actor),)),)))])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    assert [s.label for s in session.suggestions()] == ["EXPLOSION_REMOTE"]
    session.accept(session.next_suggestion())  # type: ignore[arg-type]
    assert {s.label: str(s.status) for s in session.annotations.spans} == {
        "ACTOR": "accepted", "EXPLOSION_REMOTE": "accepted"}
    assert session.next_suggestion() is None
    labels(session)


def test_adding_a_span_where_the_same_suggestion_lies_accepts_it_instead_of_doubling_it(tmp_path):
    """A set never holds one span twice: merge, export and agreement compare spans by
    their words and label, and a twin would vanish there (found by the merge property)."""
    from annotator.core.errors import ValidationError
    from annotator.core.model import Annotations, Layer, Span, Status
    from annotator.services.project import Project
    from annotator.services.session import AnnotationSession
    from annotator.store import annotations as sets
    from annotator.store.articles import insert_articles
    from annotator.core.model import Article
    from annotator.core.text import article_uid

    text = "Talks were held in Kyiv on Friday."
    with Project.open(tmp_path / "p.db") as project:
        article_id = insert_articles(project.db, [Article(article_uid(text), text)]).inserted[article_uid(text)]
        sets.store_suggestions(project.db, "m", [(article_id, Annotations((Span(19, 23, "GPE"),)))])
        session = AnnotationSession(project, "alice")
        session.open(article_id)
        session.add_span(19, 23, "GPE")
        (kyiv,) = [s for s in session.annotations.spans if s.layer == Layer.ENTITY]
        assert kyiv.status == Status.ACCEPTED
        with pytest.raises(ValidationError):
            session.add_span(19, 23, "GPE")
        session.add_span(19, 23, "LOC")
        loc = next(s for s in session.annotations.spans if s.label == "LOC")
        with pytest.raises(ValidationError):
            session.relabel(loc, "GPE")
        assert len(sets.load_annotations(project.db, session.set_id).spans) == 2
