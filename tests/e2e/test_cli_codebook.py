"""Codebook commands as a person runs them: new projects with a scheme, scheme problems,
a publication date, coding, checks (text and JSON, exit code 2 when a rule is broken)."""

import json
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_new_project_with_each_bundled_scheme(tmp_path: Path):
    for name, title, types in (("acled", "ACLED", 6), ("plover", "PLOVER", 19), ("ucdp", "UCDP-GED", 3)):
        result = run("new", tmp_path / f"{name}.db", "--scheme", name)
        assert result.exit_code == 0, result.output
        assert f"new project with the {title} scheme" in result.stdout and f"{types} event types" in result.stdout
    again = run("new", tmp_path / "acled.db", "--scheme", "ucdp")
    assert again.exit_code == 1 and "already exists" in again.output


def test_a_bad_scheme_file_is_refused_with_every_problem_and_no_project(tmp_path: Path):
    scheme = tmp_path / "mine.toml"
    scheme.write_text(
        'name = "mine"\n[entities]\nPERSON = { key = "a" }\n[events.X]\nroles = ["ACTR"]\n', encoding="utf-8"
    )
    result = run("new", tmp_path / "p.db", "--scheme", scheme)
    assert result.exit_code == 1
    assert "the label scheme has 2 problems" in result.output
    assert "entities.PERSON.key: 'a' is a command key" in result.output
    assert "events.X.roles: role 'ACTR' is not defined in [roles]" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "p.db").exists()


def test_seed_publication_date_coding_and_checks(tmp_path: Path, samples_dir: Path):
    db = tmp_path / "seed.db"
    assert run("new", db).exit_code == 0
    assert run("import", db, samples_dir / "seed", "--annotator", "gold").exit_code == 0
    assert "published 2025-05-16" in run("published", db, 1, "2025-05-16").stdout
    assert run("published", db, 1, "16/05/2025").exit_code == 1
    coded = run("code", db)
    assert coded.exit_code == 0 and "1 dates and 0 claims filled in" in coded.stdout  # claims came at import
    checked = run("check", db)
    assert checked.exit_code == 2
    assert "article 1 (gold, done) AGREE 'agreed' [225-231]: an event needs a location [location]" in checked.stdout
    as_json = run("check", db, "--json")
    failures = json.loads(as_json.stdout)
    assert as_json.exit_code == 2 and {f["rule"] for f in failures} == {"location", "date"}
    assert all(f["annotator"] == "gold" for f in failures)
    assert not any(f["rule"] == "date" and f["trigger"] == "agreed" for f in failures)


def test_check_passes_with_exit_code_zero_when_nothing_is_broken(tmp_path: Path):
    db = tmp_path / "p.db"
    assert run("new", db, "--scheme", "plover").exit_code == 0
    result = run("check", db)
    assert result.exit_code == 0 and "0 failed check(s) (4 rules in the scheme)" in result.output
