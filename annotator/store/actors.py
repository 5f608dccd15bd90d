"""The actor dictionary and the links from spans to actors (tables of `0009_actors`).

Dictionary changes are project-wide and each is one transaction; links from spans are
annotation decisions and go through edits (`LinkActor`, `UnlinkActor` in
`annotator.store.apply`), so they are in the history and undo restores them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from sqlite_utils import Database

from annotator.core.actors import ACTOR_LABELS, Actor, InteractionCode, check_actor, normalise
from annotator.core.errors import ValidationError
from annotator.core.model import ActorLink, Annotations, Span
from annotator.store.database import inserted_id, now

_ACTOR_COLUMNS = "a.id, a.name, a.actor_type, a.interaction_code, a.label, a.wikidata, p.name, a.note"


def list_actors(db: Database) -> list[Actor]:
    """Every actor with its aliases, by canonical name."""
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in db.execute("SELECT actor_id, alias FROM actor_aliases ORDER BY id"):
        aliases.setdefault(actor_id, []).append(alias)
    rows = db.execute(
        f"SELECT {_ACTOR_COLUMNS} FROM actors a LEFT JOIN actors p ON p.id = a.parent_id ORDER BY a.name COLLATE NOCASE"
    ).fetchall()
    return [_actor(row, aliases.get(row[0], ())) for row in rows]


def get_actor(db: Database, actor_id: int) -> Actor:
    """One actor by id. RAISES (ValidationError): there is none."""
    row = db.execute(
        f"SELECT {_ACTOR_COLUMNS} FROM actors a LEFT JOIN actors p ON p.id = a.parent_id WHERE a.id = ?", [actor_id]
    ).fetchone()
    if row is None:
        raise ValidationError(f"no actor {actor_id} in the dictionary")
    aliases = [r[0] for r in db.execute("SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY id", [actor_id])]
    return _actor(row, aliases)


def actor_id_by_name(db: Database, name: str) -> int | None:
    """The id of the actor with this canonical name (case-insensitive), or None."""
    row = db.execute("SELECT id FROM actors WHERE name = ? COLLATE NOCASE", [name.strip()]).fetchone()
    return row[0] if row else None


def fingerprint(db: Database) -> tuple[object, ...]:
    """Changes whenever an actor or alias is added, changed or removed (for caches)."""
    return tuple(
        db.execute(
            "SELECT (SELECT COUNT(*) FROM actors), (SELECT MAX(updated_at) FROM actors),"
            " (SELECT COUNT(*) FROM actor_aliases), (SELECT MAX(id) FROM actor_aliases),"
            " (SELECT seq FROM sqlite_sequence WHERE name = 'actors')"
        ).fetchone()
    )


def count_actors(db: Database) -> int:
    count: int = db.execute("SELECT COUNT(*) FROM actors").fetchone()[0]
    return count


def _actor(row: tuple[Any, ...], aliases: Iterable[str]) -> Actor:
    id_, name, actor_type, code, label, wikidata, parent, note = row
    return Actor(
        name,
        tuple(aliases),
        InteractionCode(code) if code else None,
        actor_type,
        label,
        wikidata,
        parent or "",
        note,
        id_,
    )


def save_actor(db: Database, actor: Actor) -> Actor:
    """Insert an actor (no id) or replace one (with id), aliases included, in one transaction.

    RAISES (ValidationError): a bad field, a name taken by another actor, an unknown
        parent or a parent cycle.
    RETURNS (Actor): the actor as stored, with its id.
    """
    actor = check_actor(actor)
    with db.atomic():
        return get_actor(db, _write_actor(db, actor))


def _write_actor(db: Database, actor: Actor) -> int:
    taken = actor_id_by_name(db, actor.name)
    if taken is not None and taken != actor.id:
        raise ValidationError(f"an actor named {actor.name!r} is already in the dictionary")
    parent_id = _parent_id(db, actor)
    stamp = now()
    values = [
        actor.name,
        actor.actor_type,
        int(actor.interaction_code) if actor.interaction_code else None,
        actor.label,
        actor.wikidata,
        parent_id,
        actor.note,
    ]
    if actor.id is None:
        actor_id = inserted_id(
            db.execute(
                "INSERT INTO actors (name, actor_type, interaction_code, label, wikidata, parent_id, note, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values + [stamp, stamp],
            )
        )
    else:
        updated = db.execute(
            "UPDATE actors SET name = ?, actor_type = ?, interaction_code = ?, label = ?, wikidata = ?, parent_id = ?,"
            " note = ?, updated_at = ? WHERE id = ?",
            values + [stamp, actor.id],
        )
        if updated.rowcount != 1:
            raise ValidationError(f"no actor {actor.id} in the dictionary")
        actor_id = actor.id
        db.execute("DELETE FROM actor_aliases WHERE actor_id = ?", [actor_id])
    _insert_aliases(db, actor_id, actor.aliases)
    return actor_id


def _parent_id(db: Database, actor: Actor) -> int | None:
    if not actor.parent:
        return None
    parent_id = actor_id_by_name(db, actor.parent)
    if parent_id is None:
        raise ValidationError(f"{actor.name}: parent {actor.parent!r} is not in the dictionary")
    seen = {actor.id}
    cursor: int | None = parent_id
    while cursor is not None:
        if cursor in seen:
            raise ValidationError(f"{actor.name}: parent {actor.parent!r} would make a cycle")
        seen.add(cursor)
        cursor = db.execute("SELECT parent_id FROM actors WHERE id = ?", [cursor]).fetchone()[0]
    return parent_id


def _insert_aliases(db: Database, actor_id: int, aliases: Iterable[str]) -> None:
    db.conn.executemany(
        "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, normalised) VALUES (?, ?, ?)",
        [(actor_id, alias, normalise(alias)) for alias in aliases],
    )


def add_alias(db: Database, actor_id: int, alias: str) -> Actor:
    """Add one alias to an actor (nothing happens when it already has it).

    RETURNS (Actor): the actor with its aliases.
    """
    alias = alias.strip()
    if not normalise(alias):
        raise ValidationError("an alias needs at least one letter or digit")
    actor = get_actor(db, actor_id)
    if normalise(alias) != normalise(actor.name):
        with db.atomic():
            _insert_aliases(db, actor_id, [alias])
            db.execute("UPDATE actors SET updated_at = ? WHERE id = ?", [now(), actor_id])
    return get_actor(db, actor_id)


def remove_actor(db: Database, actor_id: int) -> None:
    """Delete an actor that no span links to (merge it into another instead, to keep links).

    RAISES (ValidationError): spans link to it.
    """
    links = db.execute("SELECT COUNT(*) FROM actor_links WHERE actor_id = ?", [actor_id]).fetchone()[0]
    if links:
        raise ValidationError(f"{links} span(s) are linked to this actor; merge it into another actor instead")
    with db.atomic():
        db.execute("DELETE FROM actors WHERE id = ?", [actor_id])


def merge_actors(db: Database, source_id: int, target_id: int) -> Actor:
    """Make `source` an alias of `target`: its names, aliases, children and span links move
    to the target, then the source is deleted; one transaction.

    RETURNS (Actor): the target as stored.
    """
    if source_id == target_id:
        raise ValidationError("an actor cannot be merged into itself")
    source, target = get_actor(db, source_id), get_actor(db, target_id)
    with db.atomic():
        _insert_aliases(db, target_id, [n for n in source.names if normalise(n) != normalise(target.name)])
        db.execute("UPDATE actors SET parent_id = ? WHERE parent_id = ? AND id <> ?", [target_id, source_id, target_id])
        db.execute("UPDATE actors SET parent_id = NULL WHERE id = ? AND parent_id = ?", [target_id, source_id])
        db.execute("UPDATE OR IGNORE actor_links SET actor_id = ? WHERE actor_id = ?", [target_id, source_id])
        db.execute("DELETE FROM actors WHERE id = ?", [source_id])
        db.execute("UPDATE actors SET updated_at = ? WHERE id = ?", [now(), target_id])
    return get_actor(db, target_id)


def import_actors(db: Database, actors: Iterable[Actor]) -> tuple[int, int]:
    """Add or update actors by canonical name in one transaction; aliases are added to
    those already there, never removed. Parents are resolved after every actor is in,
    so a file may list a brigade before its army.

    RETURNS (tuple[int, int]): (actors added, actors updated).
    """
    added = updated = 0
    actors = [check_actor(actor) for actor in actors]
    with db.atomic():
        for actor in actors:
            existing = actor_id_by_name(db, actor.name)
            if existing is None:
                _write_actor(db, replace(actor, parent="", id=None))
                added += 1
            else:
                current = get_actor(db, existing)
                merged = Actor(
                    current.name,
                    current.aliases + actor.aliases,
                    actor.interaction_code or current.interaction_code,
                    actor.actor_type or current.actor_type,
                    actor.label or current.label,
                    actor.wikidata or current.wikidata,
                    current.parent,
                    actor.note or current.note,
                    existing,
                )
                _write_actor(db, merged)
                updated += 1
        for actor in actors:
            if actor.parent:
                actor_id = actor_id_by_name(db, actor.name)
                db.execute(
                    "UPDATE actors SET parent_id = ? WHERE id = ?",
                    [_parent_id(db, Actor(actor.name, parent=actor.parent, id=actor_id)), actor_id],
                )
    return added, updated


def alias_table(db: Database) -> list[tuple[int, str, str]]:
    """(actor id, name or alias as written, normalised form) for every name of every actor."""
    rows = [(id_, name, normalise(name)) for id_, name in db.execute("SELECT id, name FROM actors")]
    rows += list(db.execute("SELECT actor_id, alias, normalised FROM actor_aliases"))
    return rows


def load_actor_links(db: Database, set_id: int, spans: Mapping[int, Span]) -> tuple[ActorLink, ...]:
    """The set's links from spans to actors, in span id order (as replay keeps them).

    A file opened read-only before migration 0009 has no links table: no links."""
    try:
        rows = db.execute(
            "SELECT l.span_id, l.actor_id FROM actor_links l JOIN spans s ON s.id = l.span_id"
            " WHERE s.set_id = ? ORDER BY l.span_id, l.actor_id",
            [set_id],
        ).fetchall()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return ()
        raise
    return tuple(ActorLink(spans[span_id], actor_id) for span_id, actor_id in rows if span_id in spans)


def link_counts(db: Database) -> dict[int, int]:
    """Actor id → number of spans linked to it, over every set."""
    return dict(db.execute("SELECT actor_id, COUNT(*) FROM actor_links GROUP BY actor_id").fetchall())


_ACTOR_ROLE_GLOBS = " OR ".join(f"g.role GLOB '{role}*'" for role in ("ACTOR", "TARGET", "ASSOC_ACTOR"))


def actor_candidate_spans(db: Database, annotator: str, model: str = "") -> list[tuple[Any, ...]]:
    """Spans of one annotator's sets that may name an actor: entities of an actor label and
    arguments in an actor role, not rejected, with their text and linked actor ids.

    RETURNS (list[tuple]): (article id, span id, start, end, label, layer, status, origin,
        text, comma-separated linked actor ids or None), by article and offset.
    """
    labels = sorted(ACTOR_LABELS)
    return db.execute(
        f"""
        SELECT s.article_id, sp.id, sp.start_char, sp.end_char, sp.label, sp.layer, sp.status, sp.origin,
               substr(ar.text, sp.start_char + 1, sp.end_char - sp.start_char),
               (SELECT group_concat(l.actor_id) FROM actor_links l WHERE l.span_id = sp.id)
        FROM spans sp
        JOIN annotation_sets s ON s.id = sp.set_id
        JOIN annotators an ON an.id = s.annotator_id
        JOIN articles ar ON ar.id = s.article_id
        WHERE an.name = ? AND s.model = ? AND sp.status <> 'rejected'
          AND ((sp.layer = 'entity' AND sp.label IN ({",".join("?" * len(labels))}))
               OR sp.id IN (SELECT g.span_id FROM arguments g JOIN events e ON e.id = g.event_id
                            WHERE e.set_id = s.id AND ({_ACTOR_ROLE_GLOBS})))
        ORDER BY s.article_id, sp.start_char, sp.end_char, sp.id
        """,
        [annotator, model, *labels],
    ).fetchall()


def article_sources(db: Database) -> dict[int, str]:
    """Article id → its source (the outlet or issuer, e.g. "CENTCOM")."""
    return dict(db.execute("SELECT id, source FROM articles").fetchall())


def merge_dictionary(db: Database, other: Database) -> dict[int, int]:
    """Bring another project's actors in by canonical name (new actors added, aliases and
    missing fields merged; `import_actors`). RETURNS other's actor id → this project's id."""
    theirs = list_actors(other)
    if theirs:
        import_actors(db, theirs)
    ids: dict[int, int] = {}
    for actor in theirs:
        ours = actor_id_by_name(db, actor.name)
        assert actor.id is not None and ours is not None, "both are stored: listed, then imported above"
        ids[actor.id] = ours
    return ids


def with_actor_ids(annotations: Annotations, actor_ids: Mapping[int, int]) -> Annotations:
    """The annotations with their links' actor ids translated (links to unknown actors dropped)."""
    return replace(
        annotations,
        actor_links=tuple(
            ActorLink(link.span, actor_ids[link.actor_id])
            for link in annotations.actor_links
            if link.actor_id in actor_ids
        ),
    )


def insert_links(db: Database, set_id: int, links: Iterable[ActorLink]) -> int:
    """Store links of a set's spans found by content (start, end, label, layer), in the
    caller's transaction. RETURNS the links stored."""
    count = 0
    for link in links:
        span = link.span
        row = db.execute(
            "SELECT id FROM spans WHERE set_id = ? AND start_char = ? AND end_char = ? AND label = ? AND layer = ?",
            [set_id, span.start, span.end, span.label, str(span.layer)],
        ).fetchone()
        if row is not None:
            count += db.execute(
                "INSERT OR IGNORE INTO actor_links (span_id, actor_id) VALUES (?, ?)", [row[0], link.actor_id]
            ).rowcount
    return count
