"""The actor dictionary in SQLite and as CSV."""

from pathlib import Path

import pytest

from annotator.core.actors import Actor, InteractionCode
from annotator.core.errors import ValidationError
from annotator.services.actors import export_csv, import_csv, read_csv, write_csv
from annotator.services.project import Project
from annotator.store import actors as store


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with Project.open(tmp_path / "p.db") as opened:
        yield opened


def test_save_list_and_update_an_actor_with_aliases_and_parent(project: Project) -> None:
    army = store.save_actor(project.db, Actor("Sudanese Armed Forces", ("SAF",), InteractionCode.STATE_FORCES))
    brigade = store.save_actor(
        project.db, Actor("9th Infantry Division", ("9th Division",), parent="sudanese armed forces", wikidata="Q123")
    )
    assert brigade.parent == "Sudanese Armed Forces" and brigade.wikidata == "Q123"
    store.add_alias(project.db, army.id, "Sudanese army")  # type: ignore[arg-type]
    store.add_alias(project.db, army.id, "SAF")  # type: ignore[arg-type]
    assert store.get_actor(project.db, army.id).aliases == ("SAF", "Sudanese army")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="already in the dictionary"):
        store.save_actor(project.db, Actor("sudanese armed forces"))
    with pytest.raises(ValidationError, match="cycle"):
        store.save_actor(project.db, Actor(army.name, army.aliases, parent=brigade.name, id=army.id))
    with pytest.raises(ValidationError, match="not in the dictionary"):
        store.save_actor(project.db, Actor("Lost", parent="Nobody"))
    assert [a.name for a in store.list_actors(project.db)] == ["9th Infantry Division", "Sudanese Armed Forces"]


def test_csv_round_trip_gives_the_same_dictionary(project: Project, tmp_path: Path) -> None:
    text = (
        "name,aliases,interaction_code,actor_type,label,wikidata,parent,note\n"
        "3rd Brigade,Third Brigade,1,,,,Army of Ruritania,listed before its parent\n"
        "Army of Ruritania,Ruritanian army|RA,State forces,,ORG,Q42,,\n"
    )
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    assert import_csv(project, source) == (2, 0, [])
    out = tmp_path / "out.csv"
    assert export_csv(project, out) == 2
    again, problems = read_csv(out.read_text(encoding="utf-8"))
    assert problems == []
    assert [(a.name, a.aliases, a.interaction_code, a.label, a.wikidata, a.parent) for a in again] == [
        ("3rd Brigade", ("Third Brigade",), InteractionCode.STATE_FORCES, "", "", "Army of Ruritania"),
        ("Army of Ruritania", ("Ruritanian army", "RA"), InteractionCode.STATE_FORCES, "ORG", "Q42", ""),
    ]
    assert write_csv(again) == out.read_text(encoding="utf-8")


def test_bad_rows_are_reported_with_file_and_line_and_the_rest_imports(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(
        "name,aliases,interaction_code,wikidata\nGood,G,2,\n,nameless,,\nBad code,,11,\nBad id,,,Z9\n"
        "Good,Also good,,\n",
        encoding="utf-8",
    )
    added, updated, problems = import_csv(project, source)
    assert (added, updated) == (1, 1)
    assert [p.split(": ")[0] for p in problems] == [f"{source}, line {n}" for n in (3, 4, 5, 6)]
    assert store.get_actor(project.db, store.actor_id_by_name(project.db, "Good")).aliases == ("G", "Also good")  # type: ignore[arg-type]


def test_a_csv_without_a_name_column_is_refused(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_text("actor,alias\nA,B\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no 'name' column"):
        import_csv(project, source)
