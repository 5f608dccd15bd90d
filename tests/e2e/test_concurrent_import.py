"""Issue 9.8: two processes importing overlapping annotated files into one project.

Both finish without "database is locked" or "UNIQUE constraint failed"; every article is
stored once, with its annotations once. A few runs in CI; the long run:

    ANNOTATOR_CONCURRENT_RUNS=30 .venv/bin/python -m pytest -q -s tests/e2e/test_concurrent_import.py
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

RUNS = int(os.environ.get("ANNOTATOR_CONCURRENT_RUNS", "2"))
WORDS = "Rebels shelled Kharkiv on Monday while officials in Kyiv met envoys from Warsaw".split()


def prodigy_file(path: Path, numbers: range) -> None:
    lines = []
    for n in numbers:
        text = f"{' '.join(WORDS)} in report number {n}. Zelenskyy spoke."
        start = text.index("Kharkiv")
        lines.append(
            json.dumps(
                {
                    "text": text,
                    "answer": "accept",
                    "spans": [
                        {"start": start, "end": start + 7, "label": "GPE"},
                        {"start": text.index("Zelenskyy"), "end": text.index("Zelenskyy") + 9, "label": "PERSON"},
                    ],
                }
            )
        )
    path.write_text("\n".join(lines) + "\n")


def test_two_processes_import_overlapping_files(tmp_path: Path) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    prodigy_file(first, range(0, 900))
    prodigy_file(second, range(450, 1350))
    ok = 0
    failures = []
    for run in range(RUNS):
        db = tmp_path / f"run-{run}.db"
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "annotator",
                    "import",
                    str(db),
                    str(source),
                    "--format",
                    "prodigy",
                    "--annotator",
                    "alice",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for source in (first, second)
        ]
        results = [(p.wait(300), *p.communicate()) for p in processes]
        connection = sqlite3.connect(db)
        try:
            articles = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            bare = connection.execute(
                "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM annotation_sets s WHERE s.article_id = a.id)"
            ).fetchone()[0]
            sets = connection.execute("SELECT COUNT(*) FROM annotation_sets").fetchone()[0]
            spans = connection.execute("SELECT COUNT(*) FROM spans").fetchone()[0]
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            connection.close()
        good = all(code == 0 for code, _, _ in results) and (articles, bare, sets, spans, integrity) == (
            1350,
            0,
            1350,
            2700,
            "ok",
        )
        ok += good
        if not good:
            failures.append((run, [(code, err[-500:]) for code, _, err in results], articles, bare, sets, spans))
        db.unlink()
    print(f"\nconcurrent imports: {ok}/{RUNS} ok")
    assert not failures, failures
