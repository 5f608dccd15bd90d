"""The event table with ACLED's columns and the PLOVER records, each read back; PLOVER
records into an ACLED project through its aliases."""

import csv
import json
from pathlib import Path

import pytest

from annotator.services.event_tables import import_event_table
from annotator.services.exporting import export_project
from annotator.services.importing import import_sources
from annotator.services.project import Project
from annotator.services.schemes import load_scheme
from annotator.store import annotations as sets

ARTICLE = (
    "Rebel fighters attacked government troops near Kidal on Sunday. The army said 12 soldiers were killed, "
    "while the rebels claimed more than 40 died. Separately, gunmen abducted 9 villagers in Anefis, "
    "according to local officials."
)


def record(**fields):
    base = {"text": ARTICLE, "date": "2025-03-05", "eventText": "x", "coder": "test"}
    return {**base, **fields}


PLOVER_RECORDS = [
    record(
        id="T-1",
        event="FIGHT",
        mode="firearms",
        source=[{"actorText": "Rebel fighters", "code": "REB"}],
        target=[{"actorText": "government troops"}],
        textInfo={
            "markup": "(SRC: Rebel fighters) (EVT: attacked) (TAR: government troops) near (LOC: Kidal) on Sunday."
        },
    ),
    record(
        id="T-2",
        event="ASSAULT",
        mode="",
        source=[{"actorText": "gunmen"}],
        target=[{"actorText": "9 villagers"}, {"actorText": "Anefis residents", "code": "MLI"}],
        textInfo={"markup": "Separately, (SRC: gunmen) (EVT: abducted) (TAR: 9 villagers) in (LOC: Anefis)"},
        dead="",
        context="military",
    ),
    record(
        id="T-3",
        event="CONSULT",
        source=[{"actorText": "local officials"}],
        textInfo={"markup": "according to (SRC: local officials) (EVT: said)"},
    ),
]


@pytest.fixture
def plover_file(tmp_path: Path) -> Path:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    return path


def make(path: Path, scheme: str) -> Project:
    return Project.open(path, scheme=load_scheme(scheme))


def events_of(project: Project, annotator: str = "gold"):
    found = []
    for info in sets.sets_for_annotator(project.db, annotator):
        found += sets.load_annotations(project.db, info.id).events
    return found


def test_plover_records_import_into_an_acled_project_through_its_aliases(tmp_path, plover_file):
    with make(tmp_path / "acled.db", "acled") as project:
        report = import_sources(project, [plover_file], fmt="plover", annotator="gold")
        assert report.imported == 1
        assert any("'CONSULT' is not in scheme 'acled'" in p for p in report.problems)
        events = sorted(events_of(project), key=lambda e: e.trigger.start)
        assert [(e.event_type, e.sub_type, e.trigger.label) for e in events] == [
            ("BATTLES", "Armed clash", "BATTLES"),
            ("VIOLENCE_AGAINST_CIVILIANS", "Attack", "VIOLENCE_AGAINST_CIVILIANS"),
        ]
        battle = events[0]
        assert [(c.figure_text, c.claimant) for c in battle.claims] == [
            ("12", "The army"),
            ("more than 40", "the rebels"),
        ]
        assert battle.date.first == "2025-03-05"  # the record's date


def test_event_table_has_acled_columns_and_reads_back(tmp_path, plover_file):
    with make(tmp_path / "acled.db", "acled") as project:
        import_sources(project, [plover_file], fmt="plover", annotator="gold")
        out = tmp_path / "events.csv"
        export_project(project, out, "events-csv", annotator="gold")
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    battle, abduction = rows
    assert list(rows[0])[:14] == [
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "inter2",
        "interaction",
        "location",
        "fatalities",
        "source",
        "notes",
    ]
    assert (battle["event_date"], battle["time_precision"], battle["event_type"], battle["sub_event_type"]) == (
        "2025-03-05",
        "1",
        "Battles",
        "Armed clash",
    )
    assert (battle["actor1"], battle["inter1"], battle["actor2"], battle["inter2"], battle["interaction"]) == (
        "Rebel fighters",
        "2",
        "government troops",
        "1",
        "12",
    )
    assert (battle["location"], battle["fatalities"], battle["conflicting_figures"]) == ("Kidal", "12", "true")
    assert "Conflicting figures." in battle["notes"] and "more than 40" in battle["claims"]
    assert (abduction["event_type"], abduction["actor2"], abduction["inter2"], abduction["fatalities"]) == (
        "Violence against civilians",
        "9 villagers",
        "7",
        "0",
    )

    with make(tmp_path / "copy.db", "acled") as copy:
        import_sources(copy, [plover_file], fmt="plover", annotator="someone")
        back = import_event_table(copy, out, "gold")
        assert (back.articles, back.events, back.problems) == (1, 2, [])
        again = tmp_path / "again.csv"
        export_project(copy, again, "events-csv", annotator="gold")
    assert again.read_bytes() == out.read_bytes()


def test_event_table_problems_are_reported_by_line(tmp_path, plover_file):
    with make(tmp_path / "acled.db", "acled") as project:
        import_sources(project, [plover_file], fmt="plover", annotator="gold")
        out = tmp_path / "events.csv"
        export_project(project, out, "events-csv", annotator="gold")
        lines = out.read_text(encoding="utf-8").splitlines()
        broken = tmp_path / "broken.csv"
        broken.write_text(
            "\n".join([lines[0], lines[1].replace(",BATTLES,", ",NOPE,"), lines[2]]) + "\n", encoding="utf-8"
        )
        report = import_event_table(project, broken, "gold")
        assert report.events == 0 and "already has 'gold'" in report.problems[0]
        report = import_event_table(project, broken, "bob")
        assert report.events == 1
        assert report.problems == [
            f"{broken}:2: label 'NOPE' is not in scheme 'acled' for layer trigger; event left out"
        ]


def test_plover_sample_export_reimports_unchanged(tmp_path, samples_dir):
    source = samples_dir / "plover" / "PLOVER_GSR_CAMEO.txt"
    with make(tmp_path / "a.db", "plover") as first:
        report = import_sources(first, [source], fmt="plover", annotator="gold")
        assert report.imported == 316 and len(events_of(first)) == 322
        a = tmp_path / "a.json"
        export_project(first, a, "plover", annotator="gold")
        before = sorted(map(described, events_of(first)))
    with make(tmp_path / "b.db", "plover") as second:
        again = import_sources(second, [a], annotator="gold")
        assert again.imported == 316 and again.problems == []
        b = tmp_path / "b.json"
        export_project(second, b, "plover", annotator="gold")
        after = sorted(map(described, events_of(second)))
    assert b.read_bytes() == a.read_bytes()
    records = json.loads(a.read_text(encoding="utf-8"))
    original = {r["id"]: r for r in json.loads(source.read_text(encoding="utf-8")) if r.get("text")}
    assert len(records) == 322 and {r["id"] for r in records} == set(original)
    assert sum(r["event"] == original[r["id"]]["event"] for r in records) == 322
    markup_same = sum(
        r["textInfo"]["markup"] == original[r["id"]]["textInfo"]["markup"]
        for r in records
        if isinstance(original[r["id"]].get("textInfo"), dict)
    )
    assert markup_same >= 280
    assault = next(r for r in records if r["id"] == "PLOVER-GSR01-ASSAULT-0001")
    assert assault["dead"] == "156" and assault["claims"][0]["claimant"] == "the UN refugee agency"
    assert after == before


def described(event):
    """An event as plain values, its arguments in a stable order."""
    arguments = sorted((a.role, a.span.start, a.span.end, a.span.label) for a in event.arguments)
    return (
        event.trigger.start,
        event.trigger.end,
        event.event_type,
        event.sub_type,
        repr(event.date),
        repr(event.claims),
        tuple(arguments),
    )
