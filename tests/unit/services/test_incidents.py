"""Incident proposal on a hand-made corpus: three reports of one air strike become one
incident; a strike elsewhere the same day and a battle in the same town stay apart."""

from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.services import incidents
from annotator.services.project import Project
from tests.unit.services.incident_corpus import HAJIN_AFP, HAJIN_BATTLE, HAJIN_REUTERS, HAJIN_STATE, MOSUL, build


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with Project.open(tmp_path / "p.db") as opened:
        build(opened)
        yield opened


def titles(incident: incidents.Incident) -> list[str]:
    return [report.title for report in incident.reports]


def test_three_reports_of_one_strike_are_proposed_as_one_incident(project: Project) -> None:
    report = incidents.propose_incidents(project)
    assert (report.annotator, report.events, report.proposed, report.added) == ("alice", 5, 1, 1)
    (incident,) = incidents.list_incidents(project)
    assert incident.status == "proposed" and incident.event_type == "EXPLOSION_REMOTE"
    assert titles(incident) == [HAJIN_AFP.title, HAJIN_REUTERS.title, HAJIN_STATE.title]
    assert incident.sources == ["AFP", "Reuters", "US State Department"]
    claims = [report.claims for report in incident.reports]
    assert claims == [
        (("FATALITIES", "at least 15 people"),),
        (("FATALITIES", "12 civilians"),),
        (("FATALITIES", "nine Da’esh terrorists"),),
    ]
    assert {name for report in incident.reports for name in report.actors} >= {
        "Islamic State",
        "Global Coalition against Daesh",
    }
    assert str(incident.period.first) == "2024-03-04" and str(incident.period.last) == "2024-03-04"  # type: ignore[union-attr]


def test_proposing_again_keeps_the_incident_and_its_id(project: Project) -> None:
    incidents.propose_incidents(project)
    (first,) = incidents.list_incidents(project)
    again = incidents.propose_incidents(project)
    assert (again.kept, again.added) == (1, 0)
    assert [i.id for i in incidents.list_incidents(project)] == [first.id]


def test_a_split_report_is_not_proposed_with_the_others_again(project: Project) -> None:
    incidents.propose_incidents(project)
    (incident,) = incidents.list_incidents(project)
    state = next(r.event_id for r in incident.reports if r.title == HAJIN_STATE.title)
    assert incidents.split_incident(project, incident.id, [state]) is None
    (kept,) = incidents.list_incidents(project)
    assert kept.status == "confirmed" and titles(kept) == [HAJIN_AFP.title, HAJIN_REUTERS.title]
    report = incidents.propose_incidents(project)
    assert report.proposed == 0 and report.confirmed == 1
    assert [titles(i) for i in incidents.list_incidents(project)] == [[HAJIN_AFP.title, HAJIN_REUTERS.title]]


def test_confirming_keeps_an_incident_through_new_proposals(project: Project) -> None:
    incidents.propose_incidents(project)
    (incident,) = incidents.list_incidents(project)
    incidents.confirm_incident(project, incident.id)
    assert incidents.propose_incidents(project).proposed == 0
    assert [(i.id, i.status) for i in incidents.list_incidents(project)] == [(incident.id, "confirmed")]
    with pytest.raises(ValidationError):
        incidents.split_incident(project, incident.id, [999])


def test_the_window_decides_whether_distant_dates_are_one_incident(tmp_path: Path) -> None:
    with Project.open(tmp_path / "w.db") as project:
        build(project, stories=(HAJIN_AFP, HAJIN_STATE))
        assert incidents.propose_incidents(project, window_days=3).proposed == 1
        assert incidents.propose_incidents(project, window_days=-1).proposed == 0


def test_the_incident_ids_go_to_every_event_of_the_incident(project: Project) -> None:
    incidents.propose_incidents(project)
    (incident,) = incidents.list_incidents(project)
    assert set(incidents.incident_ids(project).values()) == {incident.id}
    assert sorted(incidents.incident_ids(project)) == sorted(r.event_id for r in incident.reports)
    assert MOSUL.title not in titles(incident) and HAJIN_BATTLE.title not in titles(incident)


def test_an_events_coded_date_and_claims_take_precedence(tmp_path: Path) -> None:
    from annotator.core.model import Claim, ClaimKind, DatePrecision, EventDate, Origin
    from annotator.services.session import AnnotationSession
    from tests.unit.services.incident_corpus import HAJIN_AFP, HAJIN_STATE

    with Project.open(tmp_path / "c.db") as project:
        ids = build(project, stories=(HAJIN_AFP, HAJIN_STATE))
        session = AnnotationSession(project, "alice")
        session.open(ids[HAJIN_AFP.title])
        session.add_claim(
            session.annotations.events[0],
            Claim(
                ClaimKind.KILLED, 15, qualifier="at least", counts="people", claimant="residents", origin=Origin.MANUAL
            ),
        )
        assert incidents.propose_incidents(project).proposed == 1
        (incident,) = incidents.list_incidents(project)
        afp = next(r for r in incident.reports if r.source == "AFP")
        assert afp.claims == (("KILLED", "at least 15 people (residents)"),)

        session.open(ids[HAJIN_STATE.title])
        session.set_event_date(
            session.annotations.events[0],
            EventDate("2024-02-20", "2024-02-20", DatePrecision.DAY, "20 February", Origin.MANUAL),
        )
        assert incidents.propose_incidents(project).proposed == 0, "the coded date is two weeks before the strike"
