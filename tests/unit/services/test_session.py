import os
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectLockedError, ValidationError
from annotator.core.model import Annotations, Argument, ArticleStatus, Event, Layer, Origin, Quote, Span, Status
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
        "the session's in-memory annotations must equal what the database holds"
    )
    return [(TEXT[s.start : s.end], s.label, str(s.status)) for s in session.annotations.spans]


def test_opening_copies_the_models_suggestions_as_suggested(project: Project, article_id: int) -> None:
    suggestion = Span(*offsets(TEXT, "Kharkiv"), "GPE")
    sets.store_suggestions(project.db, "test-model-1", [(article_id, Annotations((suggestion,)))])
    session = AnnotationSession(project, "bob")
    opened = session.open(article_id)
    assert opened.status == ArticleStatus.IN_PROGRESS
    assert [(s.label, s.status, s.origin) for s in opened.annotations.spans] == [
        ("GPE", Status.SUGGESTED, Origin.MODEL)
    ]
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


def test_quote_with_speaker_and_cue_and_undo_of_removal(
    project: Project, article_id: int, session: AnnotationSession
) -> None:
    session.make_quote(*offsets(TEXT, "We are ready to continue contacts"))
    quote = session.annotations.quotes[0]
    session.add_span(*offsets(TEXT, "Vladimir Medinsky"), "PERSON")
    session.link_quote_part(quote, "speaker", *offsets(TEXT, "Vladimir Medinsky"))
    session.link_quote_part(session.annotations.quotes[0], "cue", *offsets(TEXT, "said"))
    quote = reopen(project, article_id).annotations.quotes[0]
    assert TEXT[quote.speaker.start : quote.speaker.end] == "Vladimir Medinsky"  # type: ignore[union-attr]
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
    assert [(a.role, TEXT[a.span.start : a.span.end]) for a in stored.arguments] == [
        ("ACTOR", "Russian forces"),
        ("LOCATION", "Kharkiv"),
        ("FATALITIES", "3"),
    ]
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


def test_a_locked_project_reports_and_loses_nothing(
    project: Project, article_id: int, session: AnnotationSession, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    sets.store_suggestions(
        project.db,
        "m",
        [
            (
                article_id,
                Annotations(
                    (actor, trigger),
                    events=(Event(trigger, "EXPLOSION_REMOTE", arguments=(Argument("ACTOR", actor),)),),
                ),
            )
        ],
    )
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    assert [s.label for s in session.suggestions()] == ["EXPLOSION_REMOTE"]
    session.accept(session.next_suggestion())  # type: ignore[arg-type]
    assert {s.label: str(s.status) for s in session.annotations.spans} == {
        "ACTOR": "accepted",
        "EXPLOSION_REMOTE": "accepted",
    }
    assert session.next_suggestion() is None
    labels(session)


# Refreshing suggestions from a newer suggestion set (docs/adr/0010) -------------------------


def _span(word: str, label: str, layer: Layer = Layer.ENTITY) -> Span:
    return Span(*offsets(TEXT, word), label, layer)


def _quote_event_set(speaker: str = "Vladimir Medinsky") -> Annotations:
    """Entities, a quote with speaker and cue, an event with two arguments."""
    kharkiv, monday = _span("Kharkiv", "GPE"), _span("Monday", "DATE")
    person = _span(speaker, "PERSON")
    quote, cue = _span("We are ready to continue contacts", "QUOTE", Layer.QUOTE), _span("said", "CUE", Layer.CUE)
    trigger, forces = (
        _span("shelled", "EXPLOSION_REMOTE", Layer.TRIGGER),
        _span("Russian forces", "ACTOR", Layer.ARGUMENT),
    )
    return Annotations(
        (forces, trigger, kharkiv, monday, quote, person, cue),
        (Quote(quote, person, cue),),
        (Event(trigger, "EXPLOSION_REMOTE", arguments=(Argument("ACTOR", forces), Argument("LOCATION", kharkiv))),),
    )


def test_an_article_opened_before_preannotation_gets_the_suggestions(project: Project, article_id: int) -> None:
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    assert session.annotations.spans == ()
    sets.store_suggestions(project.db, "model-1", [(article_id, _quote_event_set())])
    again = reopen(project, article_id)
    assert len(again.suggestions()) == 5  # 3 entities, the quote, the trigger
    assert not again.can_undo, "a set with nothing in it simply receives a copy: no undo step"
    assert labels(again)
    assert reopen(project, article_id).refreshed is None, "up to date: nothing to do on the next open"


def test_a_newer_set_replaces_undecided_suggestions_and_keeps_every_decision(project: Project, article_id: int) -> None:
    sets.store_suggestions(
        project.db,
        "model-1",
        [
            (
                article_id,
                Annotations(
                    (
                        _span("Russian", "NORP"),
                        _span("Kharkiv", "GPE"),
                        _span("Monday", "DATE"),
                        _span("Istanbul", "GPE"),
                        _span("Vladimir", "PERSON"),
                        _span("3", "CARDINAL"),
                    )
                ),
            )
        ],
    )
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    by_word = {TEXT[s.start : s.end]: s for s in session.annotations.spans}
    session.accept(by_word["Kharkiv"])
    session.reject(by_word["Monday"])
    session.relabel(by_word["Istanbul"], "LOC")
    session.resize(session.span(by_word["Vladimir"].id), "end", 1)  # "Vladimir Medinsky", edited
    session.add_span(*offsets(TEXT, "civilians"), "NORP")  # manual
    decisions = {
        (s.start, s.end, s.label, s.status, s.origin) for s in session.annotations.spans if s.status != Status.SUGGESTED
    }
    undo_depth = len(session._undo)

    sets.store_suggestions(
        project.db,
        "model-2",
        [
            (
                article_id,
                Annotations(
                    (
                        _span("Russian forces", "ARMED_GROUP"),  # new: replaces the undecided NORP
                        _span("Kharkiv", "GPE"),
                        _span("Monday", "DATE"),  # decided places: no duplicates
                        _span("Istanbul", "GPE"),  # overlaps the edited LOC: not added
                        _span("Medinsky", "PERSON"),  # inside the resized span: not added
                        _span("3", "CARDINAL"),  # still suggested: stays as it was (same id)
                    )
                ),
            )
        ],
    )
    three = next(s for s in session.annotations.spans if s.label == "CARDINAL")
    refreshed = reopen(project, article_id)
    assert "refresh suggestions (model-2)" in refreshed.refreshed.describe()  # type: ignore[union-attr]
    spans = {(s.start, s.end, s.label, s.status, s.origin) for s in refreshed.annotations.spans}
    assert decisions <= spans, "every decision is untouched"
    pending = [(TEXT[s.start : s.end], s.label) for s in refreshed.suggestions()]
    assert pending == [("Russian forces", "ARMED_GROUP"), ("3", "CARDINAL")]
    assert refreshed.span(three.id) == three
    assert labels(refreshed)

    # One recorded step: undo brings model-1's suggestion back, redo the refresh, also after a restart.
    assert len(refreshed._undo) == undo_depth + 1
    newest_set = sets.latest_model_set(project.db, article_id).id  # type: ignore[union-attr]
    assert sets.refreshed_from(project.db, refreshed.set_id) == newest_set  # type: ignore[arg-type]
    refreshed.undo()
    assert sets.refreshed_from(project.db, refreshed.set_id) != newest_set, "the next open refreshes again"  # type: ignore[arg-type]
    assert [(TEXT[s.start : s.end], s.label) for s in refreshed.suggestions()] == [
        ("Russian", "NORP"),
        ("3", "CARDINAL"),
    ]
    assert labels(refreshed)
    restarted = AnnotationSession(Project.open(project.path), "alice")
    restarted.open(article_id, refresh=False)
    restarted.redo()
    assert [(TEXT[s.start : s.end], s.label) for s in restarted.suggestions()] == pending
    while restarted.can_undo:  # every earlier gesture still undoes, through the refresh
        restarted.undo()
    assert {str(s.status) for s in restarted.annotations.spans} == {"suggested"}
    assert labels(restarted)


def test_quotes_and_events_follow_the_newer_set_and_decided_ones_stay_whole(project: Project, article_id: int) -> None:
    sets.store_suggestions(project.db, "model-1", [(article_id, _quote_event_set())])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    event = session.annotations.events[0]
    session.accept(event.trigger)  # the event is decided: kept whole
    newer = _quote_event_set(speaker="Medinsky")
    newer = Annotations(newer.spans, newer.quotes, (Event(newer.events[0].trigger, "BATTLE"),))
    sets.store_suggestions(project.db, "model-2", [(article_id, newer)])
    refreshed = reopen(project, article_id)
    (quote,) = refreshed.annotations.quotes
    assert TEXT[quote.speaker.start : quote.speaker.end] == "Medinsky"  # type: ignore[union-attr]
    assert quote.cue is not None and quote.cue.label == "CUE"
    (kept,) = refreshed.annotations.events
    assert kept.event_type == "EXPLOSION_REMOTE" and {a.role for a in kept.arguments} == {"ACTOR", "LOCATION"}
    assert "Vladimir Medinsky" not in [TEXT[s.start : s.end] for s in refreshed.annotations.spans]
    assert labels(refreshed)
    refreshed.undo()
    assert (
        TEXT[refreshed.annotations.quotes[0].speaker.start : refreshed.annotations.quotes[0].speaker.end]
        == "Vladimir Medinsky"
    )  # type: ignore[union-attr]
    assert labels(refreshed)


def test_refresh_all_updates_sets_not_open_and_leaves_done_ones(project: Project, article_id: int) -> None:
    from annotator.services.session import refresh_all, refresh_suggestions

    sets.store_suggestions(project.db, "model-1", [(article_id, Annotations((_span("Kharkiv", "GPE"),)))])
    for name in ("alice", "bob"):
        AnnotationSession(project, name).open(article_id)
    done = AnnotationSession(project, "bob")
    done.open(article_id)
    done.set_status(ArticleStatus.DONE)
    sets.store_suggestions(project.db, "model-2", [(article_id, Annotations((_span("Istanbul", "GPE"),)))])
    assert refresh_all(project, [article_id]) == 1
    alice = sets.load_annotations(project.db, sets.find_set(project.db, article_id, "alice").id)  # type: ignore[union-attr]
    assert [TEXT[s.start : s.end] for s in alice.spans] == ["Istanbul"]
    bob = sets.load_annotations(project.db, sets.find_set(project.db, article_id, "bob").id)  # type: ignore[union-attr]
    assert [TEXT[s.start : s.end] for s in bob.spans] == ["Kharkiv"], "done means every place is decided"
    assert refresh_suggestions(project, "alice", article_id) is None, "already up to date"
    assert refresh_suggestions(project, "carol", article_id) is None, "never opened: the first open copies"


WORDS = [m.span() for m in __import__("re").finditer(r"\w+", TEXT)]
ENTITY_LABELS = ("GPE", "PERSON", "DATE")


def _suggestion_sets():
    from hypothesis import strategies as st

    span = st.builds(
        lambda first, length, label: Span(WORDS[first][0], WORDS[min(first + length, len(WORDS) - 1)][1], label),
        st.integers(0, len(WORDS) - 1),
        st.integers(0, 2),
        st.sampled_from(ENTITY_LABELS),
    )

    def with_structures(
        spans: list[Span], trigger_word: int, argument_words: list[int], quote: tuple[int, int] | None
    ) -> Annotations:
        trigger = Span(*WORDS[trigger_word], "EXPLOSION_REMOTE", Layer.TRIGGER)
        arguments = tuple(Argument("ACTOR", Span(*WORDS[i], "ACTOR", Layer.ARGUMENT)) for i in argument_words)
        quotes: tuple[Quote, ...] = ()
        parts: list[Span] = []
        if quote is not None:
            first, speaker_word = quote
            content = Span(WORDS[first][0], WORDS[min(first + 3, len(WORDS) - 1)][1], "QUOTE", Layer.QUOTE)
            speaker = (
                spans[speaker_word % len(spans)] if spans else Span(*WORDS[speaker_word], "SPEAKER", Layer.SPEAKER)
            )
            cue = Span(*WORDS[(speaker_word + 1) % len(WORDS)], "CUE", Layer.CUE)
            quotes, parts = (Quote(content, speaker, cue),), [content, speaker, cue]
        unique = {s.key: s for s in (*spans, trigger, *(a.span for a in arguments), *parts)}
        return Annotations(tuple(unique.values()), quotes, (Event(trigger, "EXPLOSION_REMOTE", arguments=arguments),))

    return st.builds(
        with_structures,
        st.lists(span, max_size=8),
        st.integers(0, len(WORDS) - 1),
        st.lists(st.integers(0, len(WORDS) - 1), max_size=2, unique=True),
        st.none() | st.tuples(st.integers(0, len(WORDS) - 1), st.integers(0, len(WORDS) - 1)),
    )


def test_refresh_keeps_decisions_takes_newer_suggestions_and_undoes_exactly() -> None:
    """Any two suggestion sets and any gestures in between: decisions stay as they were,
    undecided suggestions are the newer set's, memory equals the database, a second
    refresh has nothing to do, and undo restores the set exactly."""
    import tempfile

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from annotator.core.model import Article
    from annotator.core.refresh import is_decided, refresh_edits
    from annotator.core.text import article_uid
    from annotator.store.articles import insert_articles

    gestures = st.lists(
        st.tuples(st.sampled_from(["accept", "reject", "relabel", "remove", "add"]), st.integers(0, 50)), max_size=6
    )

    @settings(
        max_examples=int(os.environ.get("REFRESH_EXAMPLES", "60")),
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_suggestion_sets(), _suggestion_sets(), gestures)
    def check(older: Annotations, newer: Annotations, steps: list[tuple[str, int]]) -> None:
        with tempfile.TemporaryDirectory() as folder, Project.open(Path(folder) / "p.db") as project:
            article = insert_articles(project.db, [Article(article_uid(TEXT), TEXT)]).inserted[article_uid(TEXT)]
            sets.store_suggestions(project.db, "older", [(article, older)])
            session = AnnotationSession(project, "alice")
            session.open(article)
            for gesture, n in steps:
                spans = session.annotations.spans
                try:
                    if gesture == "add":
                        session.add_span(*WORDS[n % len(WORDS)], "GPE")
                    elif spans:
                        span = spans[n % len(spans)]
                        {
                            "accept": session.accept,
                            "reject": session.reject,
                            "remove": session.remove,
                            "relabel": lambda s: session.relabel(s, "DATE"),
                        }[gesture](span)
                except ValidationError:
                    pass
            before = sets.load_annotations(project.db, session.set_id)  # type: ignore[arg-type]
            decided = {s.id: s for s in before.spans if is_decided(s)}
            sets.store_suggestions(project.db, "newer", [(article, newer)])
            newest = sets.load_annotations(project.db, sets.latest_model_set(project.db, article).id)  # type: ignore[union-attr]
            refreshed = reopen(project, article)
            after = refreshed.annotations
            assert after == sets.load_annotations(project.db, refreshed.set_id)  # type: ignore[arg-type]
            assert {s.id: s for s in after.spans if s.id in decided} == decided
            touched = {
                p.id
                for q in after.quotes
                if any(is_decided(x) for x in (q.content, q.speaker, q.cue) if x)
                for p in (q.content, q.speaker, q.cue)
                if p
            }
            touched |= {
                p.id
                for ev in after.events
                if any(is_decided(x) for x in (ev.trigger, *(a.span for a in ev.arguments)))
                for p in (ev.trigger, *(a.span for a in ev.arguments))
            }
            assert {s.key for s in after.spans if not is_decided(s) and s.id not in touched} <= {
                s.key for s in newest.spans
            }
            assert len({ev.trigger.id for ev in after.events}) == len(after.events), "one event per trigger"
            assert refresh_edits(after, newest) == ()
            if refreshed.refreshed is not None:
                refreshed.undo()
                assert refreshed.annotations == before
                assert sets.load_annotations(project.db, refreshed.set_id) == before  # type: ignore[arg-type]

    check()


def test_adding_a_span_where_the_same_suggestion_lies_accepts_it_instead_of_doubling_it(tmp_path):
    """A set never holds one span twice: merge, export and agreement compare spans by
    their words and label, and a twin would vanish there (found by the merge property)."""
    from annotator.core.errors import ValidationError
    from annotator.core.model import Annotations, Article, Layer, Span, Status
    from annotator.core.text import article_uid
    from annotator.services.project import Project
    from annotator.services.session import AnnotationSession
    from annotator.store import annotations as sets
    from annotator.store.articles import insert_articles

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
