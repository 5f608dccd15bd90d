"""Event coding measured: dates (ours vs bare dateparser) and casualty claims.

    .venv/bin/python benchmarks/coding_bench.py [--samples ../shared/samples]

1. Seed article: its 16 gold DATE mentions read against 16 May 2025 (the day it reports
   as "today"), each checked against the period a person gives it.
2. re3d: every gold Temporal mention, read against its document's publication date (only
   the URL says it, to the month): how many resolve and to which precision, ours next to
   dateparser 1.5 on its own (with the same base date and past preference); and dateparser's
   results that are plainly wrong (a year before 1900 or more than 10 years off).
3. Time per date, ours and bare dateparser.
4. PLOVER gold records with a dead/injured figure: does the claim finder find a claim of
   that kind and figure in the sentence; and how many claims it finds in all 322 sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from dateparser.date import DateDataParser

from annotator.core.model import ClaimKind
from annotator.nlp.claims import find_claims
from annotator.nlp.dates import publication_anchor, resolve_date

DEFAULT_SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SEED_PUBLISHED = "2025-05-16"
SEED_EXPECTED = {
    "17 hrs ago": ("2025-05-15", "2025-05-16"),
    "2022": ("2022-01-01", "2022-12-31"),
    "yesterday": ("2025-05-15", "2025-05-15"),
    "today": ("2025-05-16", "2025-05-16"),
    "the coming days": ("2025-05-17", "2025-05-23"),
    "2025": ("2025-01-01", "2025-12-31"),
}


def seed_dates(samples: Path) -> None:
    ann = (samples / "seed" / "ukraine-russia-pow-exchange.ann").read_text(encoding="utf-8")
    mentions = [line.split("\t")[2] for line in ann.splitlines() if line.startswith("T") and "\tDATE " in line]
    anchor = publication_anchor(SEED_PUBLISHED)
    right = 0
    for text in mentions:
        found = resolve_date(text, anchor)
        right += found is not None and (found.first, found.last) == SEED_EXPECTED[text.lower()]
    print(
        f"seed: {right}/{len(mentions)} gold DATE mentions resolve to the expected period (published {SEED_PUBLISHED})"
    )


def re3d_mentions(samples: Path) -> list[tuple[str, str]]:
    """(Temporal mention, document URL) for every re3d gold Temporal entity."""
    found = []
    for folder in sorted((samples / "re3d").glob("*/")):
        urls = {}
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                document = json.loads(line)
                urls[document["_id"]] = document.get("sourceUrl", "")
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                entity = json.loads(line)
                if entity["type"] == "Temporal":
                    found.append((entity["value"], urls.get(entity["documentId"], "")))
    return found


def re3d_dates(samples: Path) -> None:
    mentions = re3d_mentions(samples)
    groups = {True: (Counter(), Counter()), False: (Counter(), Counter())}
    wrong = 0
    ours_time = bare_time = 0.0
    for text, url in mentions:
        anchor = publication_anchor(None, url)
        ours, bare = groups[anchor is not None]
        started = time.perf_counter()
        found = resolve_date(text, anchor)
        ours_time += time.perf_counter() - started
        ours[str(found.precision) if found else "unresolved"] += 1
        base = anchor.first if anchor else datetime(2016, 6, 15).date()
        started = time.perf_counter()
        parser = DateDataParser(
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
                "PREFER_DATES_FROM": "past",
                "RETURN_TIME_AS_PERIOD": True,
            },
        )
        data = parser.get_date_data(text)
        bare_time += time.perf_counter() - started
        bare[data.period if data.date_obj else "unresolved"] += 1
        if data.date_obj and (data.date_obj.year < 1900 or abs(data.date_obj.year - base.year) > 10):
            wrong += 1
    print(f"re3d: {len(mentions)} gold Temporal mentions")
    for dated, (ours, bare) in groups.items():
        n = sum(ours.values())
        where = (
            "in documents whose URL dates them (to the month)"
            if dated
            else "in documents with no publication date (dateparser given 2016-06-15; ours resolves only dates that name their year)"
        )
        print(f"  {n} {where}")
        print(f"    ours:       {n - ours['unresolved']} resolved {dict(sorted(ours.items()))}")
        print(f"    dateparser: {n - bare['unresolved']} resolved {dict(sorted(bare.items()))}")
    print(f"  dateparser's plainly wrong readings (a year before 1900 or >10 years off): {wrong}")
    n = len(mentions)
    print(
        f"  time per date: ours {ours_time / n * 1000:.2f} ms (cached parsers), "
        f"bare dateparser {bare_time / n * 1000:.2f} ms (a parser per call)"
    )


def plover_claims(samples: Path) -> None:
    records = [r for r in json.loads((samples / "plover" / "PLOVER_GSR_CAMEO.txt").read_text()) if r.get("text")]
    coded = hits = 0
    every = Counter()
    for record in records:
        claims = find_claims(record["text"])
        every.update(str(c.kind) for c in claims)
        for field, kind in (("dead", ClaimKind.KILLED), ("injured", ClaimKind.INJURED)):
            value = str(record.get(field) or "").strip()
            if value.isdigit():
                coded += 1
                hits += any(c.kind == kind and c.figure == int(value) for c in claims)
    print(
        f"PLOVER: {hits}/{coded} gold dead/injured figures found with their kind; "
        f"claims found in {len(records)} sentences: {dict(sorted(every.items()))}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    args = parser.parse_args(argv)
    if not args.samples.is_dir():
        print(f"samples folder not found: {args.samples}", file=sys.stderr)
        return 2
    seed_dates(args.samples)
    re3d_dates(args.samples)
    plover_claims(args.samples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
