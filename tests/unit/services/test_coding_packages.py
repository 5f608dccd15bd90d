"""Event coding travels with work packages: a date and claims made in a package come back
with `merge`."""

from pathlib import Path

from annotator.core.model import Article, Claim, ClaimKind, DatePrecision, EventDate
from annotator.core.set_diff import canonical
from annotator.core.text import article_uid
from annotator.services.assign import assign_articles
from annotator.services.coding import set_published
from annotator.services.merge import merge_packages
from annotator.services.packages import pack
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles

TEXT = "Rebels attacked a convoy near Goma on Friday, killing 4 soldiers, the army said."


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def test_dates_and_claims_made_in_a_package_come_back(tmp_path: Path):
    with Project.open(tmp_path / "main.db") as main:
        article_id = insert_articles(main.db, [Article(article_uid(TEXT), TEXT, "convoy")]).inserted[article_uid(TEXT)]
        set_published(main, article_id, "2025-03-10")
        assign_articles(main, ["alice"], overlap=0.0, seed=1)
        pack(main, tmp_path / "alice.db", "alice")
        with Project.open(tmp_path / "alice.db") as package:
            session = AnnotationSession(package, "alice")
            session.open(article_id)
            session.make_event(*at("attacked"), "BATTLE")
            (event,) = session.annotations.events
            session.add_argument(event, "TIME", *at("Friday"))
            (event,) = session.annotations.events
            session.add_claim(event, Claim(ClaimKind.KILLED, 4, counts="soldiers", claimant="the army"))
            (event,) = session.annotations.events
            session.set_event_date(event, EventDate("2025-03-07", "2025-03-07", DatePrecision.DAY, "Friday"))
            info = sets.find_set(package.db, article_id, "alice")
            packed = canonical(sets.load_annotations(package.db, info.id), info.status)
        report = merge_packages(main, [tmp_path / "alice.db"])
        assert report.sets_added == 1 and not report.conflicts
        info = sets.find_set(main.db, article_id, "alice")
        merged = sets.load_annotations(main.db, info.id)
        assert canonical(merged, info.status) == packed
        (event,) = merged.events
        assert (event.date.first, event.date.origin) == ("2025-03-07", "manual")
        assert [c.figure for c in event.claims] == [4]
