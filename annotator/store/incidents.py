"""Incidents in SQLite (tables of `0009_actors`): which events report one happening.

An incident belongs to the annotator whose events it groups; `proposed` until a person
confirms it. `incidents_apart` remembers event pairs a person split, so a new proposal
never puts them together again. Each change is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from annotator.core.errors import ValidationError
from annotator.store.database import inserted_id, now

PROPOSED = "proposed"
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class IncidentRow:
    id: int
    annotator: str
    status: str
    event_type: str
    event_ids: tuple[int, ...]


def list_incidents(db: Database, annotator: str | None = None) -> list[IncidentRow]:
    """Incidents (of one annotator, or all), oldest first, with their event ids."""
    members: dict[int, list[int]] = {}
    for incident_id, event_id in db.execute("SELECT incident_id, event_id FROM incident_events ORDER BY event_id"):
        members.setdefault(incident_id, []).append(event_id)
    sql = "SELECT id, annotator, status, event_type FROM incidents"
    rows = db.execute(
        sql + (" WHERE annotator = ? ORDER BY id" if annotator else " ORDER BY id"), [annotator] if annotator else []
    ).fetchall()
    return [IncidentRow(id_, who, status, etype, tuple(members.get(id_, ()))) for id_, who, status, etype in rows]


def get_incident(db: Database, incident_id: int) -> IncidentRow:
    found = [row for row in list_incidents(db) if row.id == incident_id]
    if not found:
        raise ValidationError(f"no incident {incident_id}")
    return found[0]


def incident_of_events(db: Database, event_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Event id → incident id, for the events given (or every event in an incident)."""
    if not db["incident_events"].exists():
        return {}
    rows = dict(db.execute("SELECT event_id, incident_id FROM incident_events").fetchall())
    if event_ids is None:
        return rows
    return {event_id: rows[event_id] for event_id in event_ids if event_id in rows}


def apart_pairs(db: Database) -> set[tuple[int, int]]:
    """Event id pairs (smaller first) a person split apart."""
    return {(a, b) for a, b in db.execute("SELECT event_a, event_b FROM incidents_apart")}


def confirmed_event_ids(db: Database, annotator: str) -> set[int]:
    return {
        r[0]
        for r in db.execute(
            "SELECT ie.event_id FROM incident_events ie JOIN incidents i ON i.id = ie.incident_id"
            " WHERE i.annotator = ? AND i.status = ?",
            [annotator, CONFIRMED],
        )
    }


def replace_proposals(db: Database, annotator: str, groups: Sequence[tuple[str, Sequence[int]]]) -> tuple[int, int]:
    """Make the annotator's proposed incidents exactly `groups` (event type, event ids):
    a proposal already stored with the same events keeps its id; the others go; confirmed
    incidents are not touched. One transaction.

    RETURNS (tuple[int, int]): (proposals kept, proposals added).
    """
    wanted = {frozenset(ids): event_type for event_type, ids in groups}
    kept = added = 0
    with db.atomic():
        for row in list_incidents(db, annotator):
            if row.status != PROPOSED:
                continue
            if frozenset(row.event_ids) in wanted:
                del wanted[frozenset(row.event_ids)]
                kept += 1
            else:
                db.execute("DELETE FROM incidents WHERE id = ?", [row.id])
        for ids, event_type in wanted.items():
            _insert(db, annotator, PROPOSED, event_type, sorted(ids))
            added += 1
    return kept, added


def _insert(db: Database, annotator: str, status: str, event_type: str, event_ids: Sequence[int]) -> int:
    stamp = now()
    incident_id = inserted_id(
        db.execute(
            "INSERT INTO incidents (annotator, status, event_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [annotator, status, event_type, stamp, stamp],
        )
    )
    db.conn.executemany(
        "INSERT INTO incident_events (incident_id, event_id) VALUES (?, ?)",
        [(incident_id, event_id) for event_id in event_ids],
    )
    return incident_id


def confirm(db: Database, incident_id: int) -> None:
    """A person agrees that the incident's events report one happening."""
    with db.atomic():
        updated = db.execute(
            "UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?", [CONFIRMED, now(), incident_id]
        )
    if updated.rowcount != 1:
        raise ValidationError(f"no incident {incident_id}")


def split(db: Database, incident_id: int, event_ids: Iterable[int]) -> int | None:
    """Take events out of an incident: they are kept apart from those that stay, and form
    a confirmed incident of their own when they are two or more. An incident left with one
    event is dissolved. One transaction.

    RETURNS (int | None): the id of the new incident, if one was made.
    """
    incident = get_incident(db, incident_id)
    leaving = sorted(set(event_ids))
    if not leaving or not set(leaving) <= set(incident.event_ids):
        raise ValidationError(
            f"incident {incident_id} has events {list(incident.event_ids)}; cannot split off {leaving}"
        )
    staying = [e for e in incident.event_ids if e not in leaving]
    created = None
    with db.atomic():
        db.conn.executemany(
            "INSERT OR IGNORE INTO incidents_apart (event_a, event_b) VALUES (?, ?)",
            [(min(a, b), max(a, b)) for a in leaving for b in staying],
        )
        db.execute(
            f"DELETE FROM incident_events WHERE incident_id = ? AND event_id IN ({','.join('?' * len(leaving))})",
            [incident_id, *leaving],
        )
        if len(staying) < 2:
            db.execute("DELETE FROM incidents WHERE id = ?", [incident_id])
        else:
            db.execute("UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?", [CONFIRMED, now(), incident_id])
        if len(leaving) >= 2:
            created = _insert(db, incident.annotator, CONFIRMED, incident.event_type, leaving)
    return created
