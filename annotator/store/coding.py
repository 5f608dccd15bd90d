"""Event coding in the store: each event's normalised date and its casualty claims.

Rows belong to their event (deleted with it); an event removed and restored by undo gets
them back from the edit that restores it.
"""

from __future__ import annotations

from collections.abc import Iterable
from sqlite3 import Cursor
from typing import Any

from sqlite_utils import Database

from annotator.core.model import Claim, ClaimKind, DatePrecision, Event, EventDate, Origin

_CLAIM_COLUMNS = "kind, figure, high, qualifier, counts, claimant, start_char, end_char, origin"


def load_event_coding(db: Database, set_id: int) -> tuple[dict[int, EventDate], dict[int, list[Claim]]]:
    """Dates and claims of every event of a set, by event id (claims in stored order)."""
    dates = {
        event_id: EventDate(first, last, DatePrecision(precision), text, Origin(origin))
        for event_id, first, last, precision, text, origin in db.execute(
            "SELECT d.event_id, d.first_day, d.last_day, d.precision, d.text, d.origin FROM event_dates d"
            " JOIN events e ON e.id = d.event_id WHERE e.set_id = ?",
            [set_id],
        )
    }
    claims: dict[int, list[Claim]] = {}
    for event_id, *values in db.execute(
        f"SELECT c.event_id, {', '.join('c.' + c.strip() for c in _CLAIM_COLUMNS.split(','))} FROM claims c"
        " JOIN events e ON e.id = c.event_id WHERE e.set_id = ? ORDER BY c.id",
        [set_id],
    ):
        claims.setdefault(event_id, []).append(_claim(values))
    return dates, claims


def _claim(values: list[Any]) -> Claim:
    kind, figure, high, qualifier, counts, claimant, start, end, origin = values
    return Claim(ClaimKind(kind), figure, high, qualifier, counts, claimant, start, end, Origin(origin))


def insert_event_coding(cursor: Cursor | Database, event_id: int, event: Event) -> None:
    """Store the date and claims an event carries (in the caller's transaction)."""
    if event.date is not None:
        set_event_date(cursor, event_id, event.date)
    insert_claims(cursor, event_id, event.claims)


def set_event_date(cursor: Cursor | Database, event_id: int, event_date: EventDate | None) -> None:
    """Replace (or, with None, remove) an event's date."""
    cursor.execute("DELETE FROM event_dates WHERE event_id = ?", [event_id])
    if event_date is not None:
        cursor.execute(
            "INSERT INTO event_dates (event_id, first_day, last_day, precision, text, origin) VALUES (?, ?, ?, ?, ?, ?)",
            [
                event_id,
                event_date.first,
                event_date.last,
                str(event_date.precision),
                event_date.text,
                str(event_date.origin),
            ],
        )


def insert_claims(cursor: Cursor | Database, event_id: int, claims: Iterable[Claim]) -> None:
    for claim in claims:
        cursor.execute(
            f"INSERT INTO claims (event_id, {_CLAIM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                event_id,
                str(claim.kind),
                claim.figure,
                claim.high,
                claim.qualifier,
                claim.counts,
                claim.claimant,
                claim.start,
                claim.end,
                str(claim.origin),
            ],
        )


def delete_claim(db: Database, event_id: int, claim: Claim) -> bool:
    """Remove one stored claim equal to `claim` (the first, when there are twins)."""
    row = db.execute(f"SELECT id, {_CLAIM_COLUMNS} FROM claims WHERE event_id = ? ORDER BY id", [event_id]).fetchall()
    for id_, *values in row:
        if _claim(values) == claim:
            db.execute("DELETE FROM claims WHERE id = ?", [id_])
            return True
    return False


def set_published(db: Database, article_id: int, published: str | None) -> None:
    """Set (or clear) an article's publication date, in one transaction."""
    with db.atomic():
        updated = db.execute("UPDATE articles SET published = ? WHERE id = ?", [published, article_id])
    if updated.rowcount != 1:
        raise KeyError(f"no article {article_id}")
