"""The seed article's gold, coded: the 1,000-for-1,000 prisoner exchange is one event with
its prisoners claim, and the article's dates resolve against its publication date.

The seed (TheJournal.ie with AFP, the first direct Ukraine-Russia talks since 2022, in
Istanbul) carries no date of its own; it reports the talks as "today", which was Friday
16 May 2025, so that is the publication date typed here.
"""

from pathlib import Path

import pytest

from annotator.core.model import ClaimKind, DatePrecision
from annotator.nlp.dates import publication_anchor, resolve_date
from annotator.services.coding import code_project, set_published
from annotator.services.importing import import_sources
from annotator.services.project import Project
from annotator.store import annotations as sets

PUBLISHED = "2025-05-16"


@pytest.fixture
def seed_project(tmp_path: Path, samples_dir: Path):
    with Project.open(tmp_path / "seed.db") as project:
        report = import_sources(project, [samples_dir / "seed"], annotator="gold")
        assert report.imported == 1
        yield project, report.article_ids[0]


def gold_events(project: Project, article_id: int):
    info = sets.find_set(project.db, article_id, "gold")
    return sets.load_annotations(project.db, info.id).events


def test_the_prisoner_exchange_is_one_event_with_its_claims_and_date(seed_project):
    project, article_id = seed_project
    text = project.article(article_id).text
    assert all(e.date is None for e in gold_events(project, article_id))  # nothing to read "today" against yet
    set_published(project, article_id, PUBLISHED)
    report = code_project(project, "gold")
    assert (report.sets, report.dates) == (1, 1)
    events = gold_events(project, article_id)
    with_prisoners = [e for e in events if any(c.kind == ClaimKind.EXCHANGED for c in e.claims)]
    assert len(with_prisoners) == 1
    (exchange,) = with_prisoners
    assert (exchange.event_type, exchange.trigger.text_in(text)) == ("AGREE", "agreed")
    assert (exchange.date.first, exchange.date.last, exchange.date.precision, exchange.date.text) == (
        "2025-05-16",
        "2025-05-16",
        DatePrecision.DAY,
        "today",
    )
    assert exchange.date.event_date == PUBLISHED and exchange.date.time_precision == 1
    claims = [(c.kind, c.figure, c.figure_text, c.counts, c.claimant) for c in exchange.claims]
    assert claims == [
        (ClaimKind.EXCHANGED, 1000, "1,000", "POWs", ""),
        (ClaimKind.EXCHANGED, 1000, "1,000 each side", "prisoners", "Vladimir Medinsky"),
    ]
    assert text[exchange.claims[1].start : exchange.claims[1].end] == "1,000 for 1,000"
    assert all(not e.claims for e in events if e is not exchange)
    again = code_project(project, "gold")
    assert (again.sets, again.dates, again.claims) == (0, 0, 0)


def test_the_coding_is_a_recorded_undoable_edit(seed_project):
    project, article_id = seed_project
    set_published(project, article_id, PUBLISHED)
    code_project(project, "gold")
    info = sets.find_set(project.db, article_id, "gold")
    (action,) = [row[0] for row in project.db.execute("SELECT action FROM history WHERE set_id = ?", [info.id])]
    assert action == "code events"


# Every DATE of the seed gold, read against 16 May 2025 (a Friday).
SEED_DATES = {
    "17 hrs ago": ("2025-05-15", "2025-05-16", DatePrecision.WEEK),
    "2022": ("2022-01-01", "2022-12-31", DatePrecision.YEAR),
    "yesterday": ("2025-05-15", "2025-05-15", DatePrecision.DAY),
    "today": ("2025-05-16", "2025-05-16", DatePrecision.DAY),
    "the coming days": ("2025-05-17", "2025-05-23", DatePrecision.WEEK),
    "2025": ("2025-01-01", "2025-12-31", DatePrecision.YEAR),
}


def test_every_date_of_the_seed_resolves_against_its_publication_date(samples_dir: Path):
    ann = (samples_dir / "seed" / "ukraine-russia-pow-exchange.ann").read_text(encoding="utf-8")
    dates = [line.split("\t")[2] for line in ann.splitlines() if line.startswith("T") and "\tDATE " in line]
    assert len(dates) == 16
    anchor = publication_anchor(PUBLISHED)
    for written in dates:
        found = resolve_date(written, anchor)
        assert found is not None, written
        assert (found.first, found.last, found.precision) == SEED_DATES[written.lower()], written
