"""Coding an event in a session: a TIME argument dates it, the annotator corrects the date
and the figures, every change is saved, undoable and seen by the checks."""

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Claim, ClaimKind, DatePrecision, EventDate, Origin
from annotator.services.coding import set_published
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets

TEXT = "Militiamen attacked Abala on Sunday, killing 7 civilians, the governor said."


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def attack(session: AnnotationSession, project, article_id):
    set_published(project, article_id, "2025-03-05")
    session.open(article_id)
    session.make_event(*at("attacked"), "VIOLENCE_AGAINST_CIVILIANS")
    return session


def current(session: AnnotationSession):
    (event,) = session.annotations.events
    return event


def test_a_time_argument_dates_the_event_and_undo_takes_it_back(attack):
    attack.add_argument(current(attack), "TIME", *at("Sunday"))
    date = current(attack).date
    assert (date.first, date.precision, date.text, date.origin) == (
        "2025-03-02",
        DatePrecision.DAY,
        "Sunday",
        Origin.MODEL,
    )
    attack.undo()
    assert current(attack).date is None and current(attack).arguments == ()


def test_a_corrected_date_is_the_annotators_and_survives_a_new_time_argument(attack):
    attack.add_argument(current(attack), "TIME", *at("Sunday"))
    attack.set_event_date(current(attack), EventDate("2025-03-01", "2025-03-02", DatePrecision.WEEK, "the weekend"))
    assert current(attack).date.origin == Origin.MANUAL
    assert attack.project.db.execute("SELECT origin FROM event_dates").fetchone()[0] == "manual"
    time = next(a for a in current(attack).arguments if a.role == "TIME")
    attack.remove(time.span)
    assert current(attack).date.first == "2025-03-01"


def test_removing_the_time_argument_clears_the_date_it_gave(attack):
    attack.add_argument(current(attack), "TIME", *at("Sunday"))
    time = next(a for a in current(attack).arguments if a.role == "TIME")
    attack.remove(time.span)
    assert current(attack).date is None


def test_claims_are_added_removed_and_checked(attack):
    seven = Claim(ClaimKind.KILLED, 7, counts="civilians", claimant="the governor", start=45, end=46)
    thirty = Claim(ClaimKind.KILLED, 30, qualifier="at least", claimant="residents")
    attack.add_claim(current(attack), seven)
    attack.add_claim(current(attack), thirty)
    rules = [f.rule for f in attack.checks()]
    assert "figures-agree" in rules and "location" in rules and "date" in rules
    attack.remove_claim(current(attack), thirty)
    assert current(attack).claims == (seven,)
    assert "figures-agree" not in [f.rule for f in attack.checks()]
    attack.undo()
    assert current(attack).claims == (seven, thirty)
    reloaded = sets.load_annotations(attack.project.db, attack.set_id)
    assert reloaded.events[0].claims == (seven, thirty)


def test_impossible_codings_are_refused(attack):
    with pytest.raises(ValidationError, match="take no exchanged figures"):
        attack.add_claim(current(attack), Claim(ClaimKind.EXCHANGED, 3))
    with pytest.raises(ValidationError, match="is before"):
        attack.set_event_date(current(attack), EventDate("2025-03-05", "2025-03-01"))
    with pytest.raises(ValidationError, match="not a count"):
        attack.add_claim(current(attack), Claim(ClaimKind.KILLED, 10, 5))


def test_a_publication_date_must_look_like_one(project, article_id):
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        set_published(project, article_id, "05/03/2025")
    with pytest.raises(ValidationError, match="day is out of range"):
        set_published(project, article_id, "2025-02-30")
    assert set_published(project, article_id, "2025-03") == "2025-03"
    assert project.article(article_id).published == "2025-03"


def test_typing_the_publication_date_reads_the_dates_again_as_one_step(attack):
    attack.add_argument(current(attack), "TIME", *at("Sunday"))
    assert current(attack).date.first == "2025-03-02"
    attack.set_published("2025-03-12")
    assert current(attack).date.first == "2025-03-09" and attack.current.article.published == "2025-03-12"
    attack.undo()
    assert current(attack).date.first == "2025-03-02"
    assert attack.set_published("2025-03-12") is not None and attack.set_published("2025-03-13") is None
