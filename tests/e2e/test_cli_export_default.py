"""`annotator export` without --annotator: gold when it exists, else the only person, else
a clear error that names everyone to choose from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import srsly
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.errors import ValidationError
from annotator.services.exporting import default_annotator

runner = CliRunner()

# Not pure ASCII: core.text.OffsetMap fails on ASCII texts with spans until the fix of
# issue 10.2 (another branch) lands.
OTHER_TEXT = "Talks resumed in “Doha” on Monday."
OTHER = {
    "text": OTHER_TEXT,
    "spans": [{"start": OTHER_TEXT.index("Doha"), "end": OTHER_TEXT.index("Doha") + 4, "label": "GPE"}],
    "answer": "accept",
}


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def other_article(tmp_path: Path) -> Path:
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps(OTHER) + "\n", encoding="utf-8")
    return path


def test_the_only_annotator_is_exported_by_default(tmp_path: Path, samples_dir: Path) -> None:
    db, out = tmp_path / "p.db", tmp_path / "tasks.jsonl"
    assert run("import", db, samples_dir / "seed").exit_code == 0
    result = run("export", db, out, "--format", "prodigy")
    assert result.exit_code == 0, result.output
    assert "prodigy: 1 articles" in result.stdout
    [task] = srsly.read_jsonl(out)
    assert task["_annotator_id"] == "import" and len(task["relations"]) > 0


def test_gold_wins_when_it_exists(tmp_path: Path, samples_dir: Path) -> None:
    db, out = tmp_path / "p.db", tmp_path / "tasks.jsonl"
    assert run("import", db, samples_dir / "seed", "--annotator", "gold").exit_code == 0
    assert run("import", db, other_article(tmp_path), "--annotator", "alice").exit_code == 0
    result = run("export", db, out, "--format", "prodigy")
    assert result.exit_code == 0, result.output
    assert [task["_annotator_id"] for task in srsly.read_jsonl(out)] == ["gold"]


def test_several_annotators_and_no_gold_is_an_error_naming_them(tmp_path: Path, samples_dir: Path) -> None:
    db, out = tmp_path / "p.db", tmp_path / "tasks.jsonl"
    assert run("import", db, samples_dir / "seed", "--annotator", "bob").exit_code == 0
    assert run("import", db, other_article(tmp_path), "--annotator", "alice").exit_code == 0
    result = run("export", db, out, "--format", "prodigy")
    assert result.exit_code == 1
    assert "alice, bob" in result.stderr and "--annotator" in result.stderr
    assert "Traceback" not in result.output and not out.exists()
    chosen = run("export", db, out, "--format", "prodigy", "--annotator", "alice")
    assert chosen.exit_code == 0, chosen.output


@pytest.mark.parametrize(
    ("known", "expected"),
    [({"gold", "alice", "model"}, "gold"), ({"alice", "model"}, "alice"), ({"import"}, "import")],
)
def test_default_annotator_choice(known: set[str], expected: str) -> None:
    assert default_annotator(known) == expected


@pytest.mark.parametrize(
    ("known", "message"),
    [({"model"}, "--annotator model"), (set(), "no annotations to export yet"), ({"a", "b", "model"}, "a, b")],
)
def test_default_annotator_refusals_say_what_to_do(known: set[str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        default_annotator(known)
