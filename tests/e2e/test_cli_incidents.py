"""`annotator incidents`, confirm, split, and the event table by incident."""

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli import app
from annotator.services.project import Project
from tests.unit.services.incident_corpus import HAJIN_AFP, HAJIN_REUTERS, HAJIN_STATE, MOSUL, build

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def test_propose_list_export_by_incident_and_split(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Project.open(db) as project:
        build(project)
    listed = run("incidents", db)
    assert listed.exit_code == 0 and "no incidents (use --propose" in listed.stdout
    proposed = run("incidents", db, "--propose")
    assert proposed.exit_code == 0, proposed.output
    assert "1 incident(s) proposed from 5 events of alice" in proposed.stdout
    assert "3 reports from AFP, Reuters, US State Department" in proposed.stdout
    (incident,) = json.loads(run("incidents", db, "--json").stdout)

    events_csv = tmp_path / "events.csv"
    assert run("export", db, events_csv, "--format", "events-csv").exit_code == 0
    rows = list(csv.DictReader(events_csv.open(encoding="utf-8")))
    assert sorted(r["title"] for r in rows if r["incident_id"] == str(incident["id"])) == sorted(
        [HAJIN_AFP.title, HAJIN_REUTERS.title, HAJIN_STATE.title]
    )

    by_incident = tmp_path / "incidents.csv"
    result = run("export", db, by_incident, "--format", "events-csv", "--by-incident")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(by_incident.open(encoding="utf-8")))
    assert len(rows) == 3, "the incident, the Mosul strike, the battle"
    strike = next(r for r in rows if r["incident_id"] == str(incident["id"]))
    assert strike["reports"] == "3" and strike["sources"] == "Reuters; AFP; US State Department"
    assert (
        strike["fatalities"]
        == "Reuters: 12 civilians; AFP: at least 15 people; US State Department: nine Da’esh terrorists"
    )
    assert strike["first_published"] == "2024-03-04" and strike["last_published"] == "2024-03-07"
    assert next(r for r in rows if r["titles"] == MOSUL.title)["incident_id"] == ""
    assert run("export", db, tmp_path / "x.jsonl", "--format", "jsonl", "--by-incident").exit_code == 1

    state = next(r["event_id"] for r in incident["reports"] if r["source"] == "US State Department")
    split = run("incident-split", db, incident["id"], state)
    assert split.exit_code == 0 and f"split 1 event(s) off incident {incident['id']}" in split.stdout
    (after,) = json.loads(run("incidents", db, "--propose", "--json").stdout.split("\n", 1)[1])
    assert after["status"] == "confirmed" and len(after["reports"]) == 2
    assert run("incident-confirm", db, 999).exit_code == 1
