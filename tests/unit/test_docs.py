"""Docs that state a fact the code defines: checked against the code, so they cannot drift."""

import hashlib
import re
from pathlib import Path

from annotator.core.model import Layer
from annotator.core.text import article_uid

ROOT = Path(__file__).resolve().parents[2]


def test_glossary_names_every_span_layer() -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    [row] = [line for line in glossary.splitlines() if line.startswith("| **Layer** |")]
    definition = row.split("|")[2]
    named = set(re.findall(r"`([a-z_]+)`", definition))
    assert named == {layer.value for layer in Layer}


def test_schema_describes_the_uid_as_the_code_makes_it() -> None:
    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    [digits] = re.findall(r"`uid` \(the first (\d+) hex digits[^)]*of the sha256", schema)
    text = "Shelling  resumed\nin the east."
    expected = hashlib.sha256(b"Shelling resumed in the east.").hexdigest()[: int(digits)]
    assert article_uid(text) == expected


def test_readme_says_what_ci_runs() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in run.splitlines() if line.startswith("make ")]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    said = re.search(r"CI \(\[`\.ci/run`\]\(\.ci/run\)\) runs (.+?)\.(?: |$)", readme)
    assert said is not None, "README.md no longer says what CI runs"
    assert re.findall(r"`(make [a-z-]+)`", said.group(1)) == commands
    assert commands[0] == "make test", "CI runs the README's test command first"
