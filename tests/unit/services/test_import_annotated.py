"""The real import path on annotated files, per importer (issue 9.1, 9.6 "must show").

A fixed ASCII case for every annotated importer (they all crashed on plain ASCII text), and
a bounded hypothesis fuzz per importer on ASCII and non-ASCII texts with CRLF; the long run
is scripts/fuzz_importers.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.services.importer_cases import (
    ALL_FORMATS,
    ANNOTATED,
    Case,
    cases,
    check_import,
    import_mutated,
    mutations,
)

ASCII_TEXT = "Zelenskyy met Putin. Talks were held in Kyiv"
ASCII_SPANS = [(0, 9, "PERSON"), (14, 19, "PERSON"), (40, 44, "GPE")]


@pytest.mark.parametrize("fmt", ANNOTATED)
@pytest.mark.parametrize("newline", ["", "\n", "\r\n"])
def test_an_annotated_ascii_file_imports_with_its_spans(tmp_path: Path, fmt: str, newline: str) -> None:
    """Spans on ASCII text, one ending exactly at the text's end, with and without CRLF."""
    text = ASCII_TEXT.replace(". ", "." + newline) if newline else ASCII_TEXT
    spans = [(s, e, label) for s, e, label in ASCII_SPANS]
    if newline == "\r\n":
        spans = [(s, e, label) if s < 20 else (s + 1, e + 1, label) for s, e, label in spans]
    assert [text[s:e] for s, e, _ in spans] == ["Zelenskyy", "Putin", "Kyiv"]
    report = check_import(fmt, tmp_path, [(text, spans)])
    assert (report.imported, report.annotated, report.spans) == (1, 1, 3)


FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ALL_FORMATS)
@FUZZ
@given(st.lists(cases(), min_size=1, max_size=3))
def test_fuzz_the_real_import_path(fmt: str, drawn: list[Case]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_import(fmt, Path(folder), [(case.text, case.spans) for case in drawn])


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ALL_FORMATS)
@FUZZ
@given(st.lists(cases(), min_size=1, max_size=3), mutations())
def test_fuzz_mutated_records_never_raise(fmt: str, drawn: list[Case], mutation: tuple) -> None:
    """A record with any JSON value anywhere is reported, never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        import_mutated(fmt, Path(folder), [(case.text, case.spans) for case in drawn], mutation)


def test_a_record_whose_annotations_fail_to_store_leaves_no_article_behind(tmp_path: Path) -> None:
    """Issue 9.2: the article, its tokens and its annotations commit together; a failure
    while storing one record's annotations (here a real SQLite constraint failure raised by a
    trigger) rolls that record back, article included, and the others import."""
    import json

    from annotator.services.importing import import_sources
    from annotator.services.project import Project

    source = tmp_path / "tasks.jsonl"
    records = [
        {
            "text": f"Report {n}: talks were held in Kyiv{' FAILHERE' if n == 3 else ''}.",
            "answer": "accept",
            "spans": [{"start": 0, "end": 6, "label": "GPE"}],
        }
        for n in range(6)
    ]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    with Project.open(tmp_path / "p.db") as project:
        project.db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON annotation_sets WHEN"
            " (SELECT text FROM articles WHERE id = NEW.article_id) LIKE '%FAILHERE%'"
            " BEGIN SELECT RAISE(ABORT, 'simulated failure while storing annotations'); END"
        )
        report = import_sources(project, [source], fmt="prodigy")
        bare = project.db.execute(
            "SELECT text FROM articles a WHERE NOT EXISTS (SELECT 1 FROM annotation_sets s WHERE s.article_id = a.id)"
        ).fetchall()
        stored = project.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        project.db.execute("DROP TRIGGER refuse")
        again = import_sources(project, [source], fmt="prodigy")
    assert bare == [] and stored == 5
    assert (report.imported, report.annotated) == (5, 5)
    assert any(":4" in p and "simulated failure" in p for p in report.problems), report.problems
    assert (again.imported, again.annotated, again.duplicates) == (1, 1, 5)
