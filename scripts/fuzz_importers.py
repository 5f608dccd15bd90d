"""Fuzz every importer through the real import path for a while, and report per importer.

    .venv/bin/python scripts/fuzz_importers.py --minutes 10            # 10 minutes per importer
    .venv/bin/python scripts/fuzz_importers.py --minutes 2 --formats prodigy brat --report fuzz.json

Each case writes 1-3 generated articles (ASCII or not, CRLF or not, with spans on whole words)
in the format, then either imports them as they are (and checks every span lands on its
words) or first puts any JSON value somewhere in a record (and checks the import ends with a
report and no annotated article without its annotations). Counted per importer:

- cases: imports run;
- uncaught: exceptions that escaped `import_sources` (a traceback for a user);
- contained: readers that crashed and were stopped by the safety net in `ingest.sources`
  ("reader failed unexpectedly"): no traceback, but a bug;
- wrong: valid input imported wrongly (a problem reported, a span not on its words, an
  annotated article without its annotations).

The same cases run, bounded, in tests/unit/services/test_import_annotated.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.unit.services.importer_cases import ALL_FORMATS, cases, check_import, import_mutated, mutations  # noqa: E402


def fuzz(fmt: str, seconds: float, examples: list[dict]) -> Counter:
    counts: Counter = Counter()
    deadline = time.monotonic() + seconds
    round_ = 0

    @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(cases(), min_size=1, max_size=3), st.one_of(st.none(), mutations()))
    def one(drawn, mutation) -> None:
        if time.monotonic() > deadline:
            return
        texts = [(case.text, case.spans) for case in drawn]
        counts["cases"] += 1
        counts["mutated" if mutation else "valid"] += 1
        with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
            try:
                report = (
                    import_mutated(fmt, Path(folder), texts, mutation)
                    if mutation
                    else check_import(fmt, Path(folder), texts)
                )
            except AssertionError as error:
                counts["wrong"] += 1
                _keep(examples, fmt, "wrong", texts, mutation, str(error)[:500])
                return
            except Exception:  # what a user would see as a traceback
                counts["uncaught"] += 1
                _keep(examples, fmt, "uncaught", texts, mutation, traceback.format_exc()[-1500:])
                return
        contained = [p for p in report.problems if "reader failed unexpectedly" in p]
        if contained:
            counts["contained"] += 1
            _keep(examples, fmt, "contained", texts, mutation, contained[0][:500])

    while time.monotonic() < deadline:
        seed(round_)(one)()
        round_ += 1
    return counts


def _keep(examples: list[dict], fmt: str, kind: str, texts: list, mutation: object, message: str) -> None:
    if sum(1 for e in examples if e["format"] == fmt and e["kind"] == kind) < 5:
        examples.append({"format": fmt, "kind": kind, "texts": texts, "mutation": repr(mutation), "error": message})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="minutes per importer")
    parser.add_argument("--formats", nargs="*", default=list(ALL_FORMATS), choices=ALL_FORMATS)
    parser.add_argument("--report", type=Path, help="write figures and failing examples as JSON here")
    args = parser.parse_args()
    figures: dict[str, dict[str, int]] = {}
    examples: list[dict] = []
    for fmt in args.formats:
        started = time.monotonic()
        counts = fuzz(fmt, args.minutes * 60, examples)
        figures[fmt] = {
            key: counts.get(key, 0) for key in ("cases", "valid", "mutated", "uncaught", "contained", "wrong")
        }
        figures[fmt]["seconds"] = round(time.monotonic() - started)
        print(json.dumps({"format": fmt, **figures[fmt]}), flush=True)
        if args.report:
            args.report.write_text(json.dumps({"figures": figures, "examples": examples}, indent=1, ensure_ascii=False))
    total = sum(f["uncaught"] for f in figures.values())
    print(
        f"total: {sum(f['cases'] for f in figures.values())} cases, {total} uncaught, "
        f"{sum(f['contained'] for f in figures.values())} contained, {sum(f['wrong'] for f in figures.values())} wrong"
    )
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
