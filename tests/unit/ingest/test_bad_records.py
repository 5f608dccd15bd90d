"""Issue 9.6: every bad record is reported with its file and the rest is imported; no
traceback, no endless wait, no file read from outside the imported folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.services.importing import import_sources
from annotator.services.project import Project

GOOD = "Rebels shelled Kharkiv on Monday, officials said."


def run_import(tmp_path: Path, *sources: Path, fmt: str = "auto"):
    tmp_path.mkdir(parents=True, exist_ok=True)
    with Project.open(tmp_path / "project.db") as project:
        report = import_sources(project, list(sources), fmt=fmt)
        titles = [r[0] for r in project.db.execute("SELECT title FROM articles ORDER BY id")]
        published = [r[0] for r in project.db.execute("SELECT published FROM articles ORDER BY id")]
    return report, titles, published


def test_a_line_nested_100000_levels_deep_is_reported_and_the_valid_lines_import(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = '{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text("\n".join([json.dumps({"text": GOOD}), deep, json.dumps({"text": GOOD + " Again."})]) + "\n")
    for fmt in ("auto", "jsonl", "prodigy", "doccano", "jsonl-ours"):
        report, _, _ = run_import(tmp_path / fmt, path, fmt=fmt)
        assert any(":2" in p and "nested too deeply" in p for p in report.problems), (fmt, report.problems)
        if fmt in ("auto", "jsonl"):
            assert report.imported == 2


def test_a_deep_json_array_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    report, _, _ = run_import(tmp_path, path, fmt="labelstudio")
    assert report.imported == 0 and any("nested too deeply" in p for p in report.problems)


def labelstudio_task(text: str, annotations: object) -> dict:
    return {"data": {"text": text}, "annotations": annotations}


REGION = {
    "id": "a",
    "type": "labels",
    "from_name": "label",
    "to_name": "text",
    "value": {"start": 0, "end": 6, "labels": ["PERSON"]},
}


@pytest.mark.parametrize(
    "annotations",
    [
        "not a list",
        [{"result": ["a string item", REGION]}],
        [
            {
                "result": [
                    REGION,
                    {**REGION, "id": "b", "value": {"start": 15, "end": 22, "labels": ["GPE"]}},
                    {"type": "relation", "from_id": "a", "to_id": "b", "labels": [7]},
                ]
            }
        ],
        [{"result": [{**REGION, "value": {"start": 0, "end": 2**64, "labels": ["PERSON"]}}]}],
        [{"result": [{**REGION, "value": "no object"}]}],
        [{"result": "no list"}],
        [7],
    ],
    ids=[
        "annotations-string",
        "result-item-string",
        "relation-label-int",
        "offset-2^64",
        "value-string",
        "result-string",
        "annotation-int",
    ],
)
def test_malformed_label_studio_tasks_are_reported_and_the_others_import(tmp_path: Path, annotations: object) -> None:
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([labelstudio_task("Rebels " + GOOD, annotations), labelstudio_task(GOOD, [])]))
    report, _, _ = run_import(tmp_path, path, fmt="labelstudio")
    assert report.imported >= 1
    assert not any("unexpectedly" in p for p in report.problems), report.problems


def test_label_studio_published_as_a_list_and_huge_integers_import(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    tasks = [
        {
            "data": {"text": GOOD, "published": ["2020-01-02", "2020-01-03"], "title": 2**70, "n": 2**64},
            "annotations": [],
        }
    ]
    path.write_text(json.dumps(tasks))
    report, titles, published = run_import(tmp_path, path, fmt="labelstudio")
    assert report.imported == 1 and report.problems == []
    assert published == ["2020-01-02, 2020-01-03"] and titles == [str(2**70)]


@pytest.mark.parametrize("fmt", ["jsonl", "jsonl-ours", "prodigy", "doccano"])
def test_non_string_fields_and_integers_over_64_bits_import(tmp_path: Path, fmt: str) -> None:
    record = {
        "text": GOOD,
        "title": {"main": "Kharkiv"},
        "published": 2**63,
        "author": ["A", "B"],
        "source": 2**64,
        "id": 2**100,
    }
    if fmt == "jsonl-ours":
        record |= {"format": "annotator/1", "spans": [{"start": 15, "end": 22, "label": "GPE"}], "title": 12}
    if fmt == "prodigy":
        record |= {
            "spans": [{"start": 15, "end": 22, "label": "GPE"}, {"start": 0, "end": 2**64, "label": "GPE"}],
            "answer": "accept",
        }
    if fmt == "doccano":
        record |= {"label": [[15, 22, "GPE"], [2**63, 2**64, "GPE"]]}
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record) + "\n")
    report, titles, published = run_import(tmp_path, path, fmt=fmt)
    assert report.imported == 1, report.problems
    assert published == [str(2**63)]
    assert isinstance(titles[0], str) and titles[0]


def cli(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", *args], input=stdin, capture_output=True, timeout=timeout)


@pytest.mark.slow
@pytest.mark.parametrize("size", ["small", "large"])
def test_dev_stdin_is_imported_below_and_above_8_kb(tmp_path: Path, size: str) -> None:
    count = 2 if size == "small" else 200
    lines = "".join(json.dumps({"text": f"{GOOD} Article {n}."}) + "\n" for n in range(count)).encode()
    assert (len(lines) < 8192) == (size == "small")
    result = cli("import", str(tmp_path / "p.db"), "/dev/stdin", stdin=lines)
    assert result.returncode == 0, result.stderr.decode()
    assert f"{count} imported" in result.stdout.decode()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_source_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "articles.jsonl"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = cli("import", str(tmp_path / "p.db"), str(fifo), str(good), timeout=60)
    err = result.stderr.decode()
    assert "not a regular file" in err and str(fifo) in err
    assert "1 imported" in result.stdout.decode()


def test_a_fifo_in_a_folder_is_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    os.mkfifo(folder / "b.txt")
    report, _, _ = run_import(tmp_path, folder)
    assert report.imported == 1


@pytest.mark.parametrize("fmt", ["auto", "txt", "brat"])
def test_a_symlink_out_of_the_imported_folder_is_not_followed(tmp_path: Path, fmt: str) -> None:
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (outside / "secret.txt").write_text("Secret memo about troop movements near the border.")
    (outside / "secret.ann").write_text("")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "link.ann").symlink_to(outside / "secret.ann")
    (folder / "sub").symlink_to(outside, target_is_directory=True)
    (folder / "inner.txt").symlink_to(folder / "a.txt")  # inside: fine (a duplicate)
    with Project.open(tmp_path / "project.db") as project:
        import_sources(project, [folder], fmt=fmt)
        texts = [r[0] for r in project.db.execute("SELECT text FROM articles")]
    assert texts and all("Secret" not in t for t in texts)


@pytest.mark.parametrize("annotator", [[1283], {"a": "b"}, 7, ""])
def test_our_jsonl_with_an_annotator_that_is_not_a_name_imports_as_import(tmp_path: Path, annotator: object) -> None:
    """Found by scripts/fuzz_importers.py: a list as annotator ended in 'Error binding parameter'."""
    path = tmp_path / "ours.jsonl"
    path.write_text(
        json.dumps(
            {
                "format": "annotator/1",
                "text": GOOD,
                "annotator": annotator,
                "spans": [{"start": 15, "end": 22, "label": "GPE"}],
            }
        )
        + "\n"
    )
    with Project.open(tmp_path / "project.db") as project:
        report = import_sources(project, [path], fmt="jsonl-ours")
        names = [r[0] for r in project.db.execute("SELECT name FROM annotators")]
    assert (report.imported, report.annotated) == (1, 1) and names == ["import"]


@pytest.mark.parametrize(
    "structure",
    [
        {"quotes": [{"content": None}]},
        {"events": [{"trigger": None, "type": "ATTACK"}]},
        {"events": [{"trigger": 0, "type": "ATTACK", "arguments": [{"role": "ACTOR", "span": None}]}]},
    ],
)
def test_our_jsonl_with_a_null_where_a_span_is_required_is_reported(tmp_path: Path, structure: dict) -> None:
    """Found by mypy (strict on ingest): a null content or trigger was reported only later
    ("no anchor span"), a null argument span as "TypeError: replace() should be called on
    dataclass instances". Each is now reported where it is read, in words."""
    path = tmp_path / "ours.jsonl"
    record = {"format": "annotator/1", "text": GOOD, "spans": [{"start": 15, "end": 22, "label": "GPE"}]}
    good = {"format": "annotator/1", "text": "Talks resumed in Istanbul."}
    path.write_text(json.dumps(record | structure) + "\n" + json.dumps(good) + "\n")
    report, titles, _ = run_import(tmp_path, path, fmt="jsonl-ours")
    assert report.imported == 1 and len(report.problems) == 1, report.problems
    assert "ours.jsonl:1:" in report.problems[0] and "null given" in report.problems[0]
