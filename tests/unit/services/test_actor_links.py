"""Links from spans to dictionary actors: saved at once, in the history, undone, redone,
restored after a restart, kept with decisions, and carried off when a span is removed."""

import pytest

from annotator.core.actors import Actor, InteractionCode
from annotator.core.errors import ValidationError
from annotator.core.model import Annotations, Span, Status
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import actors as store
from annotator.store import annotations as sets
from annotator.store.apply import history

TEXT = "Daesh fighters attacked Hajin on Monday. The Islamic State said it held the town."


def offsets(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def isil(project: Project) -> Actor:
    return store.save_actor(project.db, Actor("Islamic State", ("ISIL", "Daesh"), InteractionCode.REBEL_GROUPS))


def in_sync(session: AnnotationSession) -> Annotations:
    stored = sets.load_annotations(session.project.db, session.set_id)
    assert session.annotations == stored, "the session's view must equal a reload from SQLite"
    return stored


def test_linking_is_saved_recorded_undone_and_redone(project: Project, article_id: int, isil: Actor) -> None:
    sets.store_suggestions(project.db, "m", [(article_id, Annotations((Span(*offsets("Daesh"), "ORG"),)))])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    span = session.annotations.spans[0]
    session.link_actor(span, isil.id)  # type: ignore[arg-type]
    stored = in_sync(session)
    assert [(link.span.status, link.actor_id) for link in stored.actor_links] == [(Status.ACCEPTED, isil.id)]
    assert [type(edit).__name__ for _, edit, _ in history(project.db, session.set_id)][-1] == "Compound"
    kinds = [child.kind for child in history(project.db, session.set_id)[-1][1].edits]  # type: ignore[attr-defined]
    assert kinds == ["change_span", "link_actor"]

    session.undo()
    assert in_sync(session).actor_links == ()
    assert in_sync(session).spans[0].status == Status.SUGGESTED
    session.redo()
    assert [link.actor_id for link in in_sync(session).actor_links] == [isil.id]

    restarted = AnnotationSession(Project.open(project.path), "alice")
    restarted.open(article_id)
    assert [link.actor_id for link in restarted.annotations.actor_links] == [isil.id]
    restarted.undo()
    assert restarted.annotations.actor_links == ()


def test_removing_a_linked_span_unlinks_it_and_undo_brings_the_link_back(
    session: AnnotationSession, isil: Actor
) -> None:
    session.add_span(*offsets("Islamic State"), "ARMED_GROUP")
    span = session.annotations.spans[0]
    session.link_actor(span, isil.id)  # type: ignore[arg-type]
    session.remove(session.annotations.spans[0])
    assert in_sync(session).actor_links == () and in_sync(session).spans == ()
    session.undo()
    assert [link.actor_id for link in in_sync(session).actor_links] == [isil.id]


def test_relinking_replaces_the_link_and_unlink_removes_it(
    session: AnnotationSession, project: Project, isil: Actor
) -> None:
    other = store.save_actor(project.db, Actor("Syrian Democratic Forces", ("SDF",)))
    session.add_span(*offsets("Daesh"), "ORG")
    span = session.annotations.spans[0]
    session.link_actor(span, other.id)  # type: ignore[arg-type]
    session.link_actor(session.annotations.spans[0], isil.id)  # type: ignore[arg-type]
    assert [link.actor_id for link in in_sync(session).actor_links] == [isil.id]
    with pytest.raises(ValidationError, match="already linked"):
        session.link_actor(session.annotations.spans[0], isil.id)  # type: ignore[arg-type]
    session.unlink_actor(session.annotations.spans[0])
    assert in_sync(session).actor_links == ()


def test_decided_keeps_links_of_kept_spans_only(session: AnnotationSession, isil: Actor) -> None:
    session.add_span(*offsets("Daesh"), "ORG")
    session.link_actor(session.annotations.spans[0], isil.id)  # type: ignore[arg-type]
    decided = session.annotations.decided()
    assert [link.actor_id for link in decided.actor_links] == [isil.id]
    assert decided.without_ids().actor_links[0].span.id is None


def test_a_link_to_an_unknown_actor_is_refused(session: AnnotationSession) -> None:
    session.add_span(*offsets("Daesh"), "ORG")
    with pytest.raises(ValidationError, match="not in the dictionary"):
        session.link_actor(session.annotations.spans[0], 999)
    assert in_sync(session).actor_links == ()


def test_merging_actors_moves_names_and_links(session: AnnotationSession, project: Project, isil: Actor) -> None:
    isis = store.save_actor(project.db, Actor("ISIS", ("Islamic State of Iraq and Syria",)))
    session.add_span(*offsets("Daesh"), "ORG")
    session.link_actor(session.annotations.spans[0], isis.id)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="merge it"):
        store.remove_actor(project.db, isis.id)  # type: ignore[arg-type]
    merged = store.merge_actors(project.db, isis.id, isil.id)  # type: ignore[arg-type]
    assert {"ISIS", "Islamic State of Iraq and Syria", "ISIL", "Daesh"} <= set(merged.aliases)
    assert [link.actor_id for link in sets.load_annotations(project.db, session.set_id).actor_links] == [isil.id]
    assert [a.name for a in store.list_actors(project.db)] == ["Islamic State"]
