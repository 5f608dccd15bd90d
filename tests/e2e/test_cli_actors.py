"""`annotator actors` on the re3d samples: one actor however CENTCOM and the US State
Department name it; the dictionary in and out as CSV."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def re3d_project(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("re3d") / "re3d.db"
    sources = [samples_dir / "re3d" / name / "documents.json" for name in ("centcom", "us-state-department")]
    assert run("import", db, *sources).exit_code == 0
    result = run("preannotate", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.model
@pytest.mark.slow
def test_isil_isis_and_daesh_are_one_actor_across_centcom_and_state_department(re3d_project: Path) -> None:
    result = run("actors", re3d_project, "--json")
    assert result.exit_code == 0, result.output
    listing = json.loads(result.stdout)
    assert listing["dictionary"] == "seed" and listing["annotator"] == "model"
    actors = {actor["name"]: actor for actor in listing["actors"]}
    isil = actors["Islamic State"]
    assert {"CENTCOM", "US State Department"} <= set(isil["sources"])
    forms = {form.replace("’", "'").casefold() for form in isil["forms"]}
    assert {"isil", "daesh"} <= forms
    assert isil["articles"] >= 20
    assert listing["actors"][0]["name"] == "Islamic State", "the most widely reported actor comes first"

    text = run("actors", re3d_project)
    assert text.exit_code == 0 and "Islamic State [2]:" in text.stdout and "sources: CENTCOM" in text.stdout


@pytest.mark.model
@pytest.mark.slow
def test_a_project_dictionary_replaces_the_seed_and_a_new_alias_finds_more(re3d_project: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(re3d_project.read_bytes())
    dictionary = tmp_path / "actors.csv"
    dictionary.write_text("name,aliases,interaction_code\nISIL,Daesh,2\n", encoding="utf-8")
    assert run("actors-import", db, dictionary).exit_code == 0
    before = json.loads(run("actors", db, "--json", "--unknown", "1000").stdout)
    assert before["dictionary"] == "project" and [a["name"] for a in before["actors"]] == ["ISIL"]
    levant = before["unknown"]["Levant"]
    assert levant > 0

    dictionary.write_text("name,aliases\nISIL,Levant\n", encoding="utf-8")
    assert run("actors-import", db, dictionary).exit_code == 0
    after = json.loads(run("actors", db, "--json").stdout)
    assert after["actors"][0]["mentions"] == before["actors"][0]["mentions"] + levant

    out = tmp_path / "out.csv"
    assert run("actors-export", db, out).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("ISIL,Daesh|Levant,2")


def test_actors_import_reports_bad_rows_and_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    assert run("actors-import", db, "--seed").exit_code == 1, "no project file yet"
    from annotator.services.project import Project

    Project.open(db).close()
    assert "actor(s) added" in run("actors-import", db, "--seed").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("name,interaction_code\nX,12\nY,1\n", encoding="utf-8")
    result = run("actors-import", db, bad)
    assert result.exit_code == 2
    assert f"{bad}, line 2" in result.output and "1 actor(s) added" in result.stdout


@pytest.mark.parametrize(
    "command", ["actors", "actors-import", "actors-export", "incidents", "incident-confirm", "incident-split"]
)
def test_the_actor_and_incident_commands_are_documented_in_the_readme(repo_root: Path, command: str) -> None:
    assert f"annotator {command} DB" in (repo_root / "README.md").read_text(encoding="utf-8")
