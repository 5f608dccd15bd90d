"""Actors across articles: the dictionary, alias matching, CSV in and out, the listing.

Matching a span's text to an actor: first exactly, on the normalised form of every name
and alias (`annotator.core.actors.normalise`); then fuzzily with rapidfuzz, for names of at
least `MIN_FUZZY_LENGTH` characters whose numbers agree ("Hizbullah" → Hezbollah, but never
"ISIS" → "ISIL" by spelling, nor "Brigade 12" → "Brigade 13"). A person's link always wins
over matching. "ISIL fighters", "nine Da’esh terrorists" and "an ISIL tactical unit" name
the actor through their head ("head" matches: quantities in front and member words behind
are dropped). When the project's dictionary is empty, the bundled seed dictionary
(resources/actors/seed.csv) is used, read-only, until one is imported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from annotator.core.actors import (
    Actor,
    ActorMention,
    ActorSummary,
    check_actor,
    interaction_code,
    normalise,
)
from annotator.core.errors import ValidationError
from annotator.core.model import Layer, Origin, Span, Status
from annotator.core.resources import resource_path
from annotator.services.exporting import default_annotator
from annotator.services.project import Project
from annotator.store import actors as store
from annotator.store.annotations import annotator_names, latest_model

FUZZY_CUTOFF = 88.0
MIN_FUZZY_LENGTH = 5
MIN_PATTERN_LENGTH = 3
CSV_COLUMNS = ("name", "aliases", "interaction_code", "actor_type", "label", "wikidata", "parent", "note")
ALIAS_SEPARATOR = "|"
_DIGITS = re.compile(r"\d+")
MEMBER_WORDS = frozenset(
    "member members fighter fighters militant militants commander commanders terrorist terrorists jet jets aircraft "
    "warplane warplanes plane planes drone drones troops soldier soldiers unit units tactical position positions "
    "leader leaders official officials spokesman spokeswoman supporter supporters element elements cell cells "
    "gunman gunmen operative operatives".split()
)
"""Words after an actor's name that make it a part or members of the actor ("ISIL fighters")."""
QUANTITY_WORDS = frozenset(
    "some several many few dozens hundreds thousands two three four five six seven eight nine ten eleven twelve".split()
)


@dataclass(frozen=True)
class Match:
    """An actor a text may name: how it was found and how sure that is (0-100)."""

    actor_id: int
    how: str
    score: float
    alias: str


class AliasMatcher:
    """Names → actors, exact then fuzzy. Built once per dictionary; cheap to query.

    rows (Iterable[tuple[int, str, str]]): (actor id, name as written, normalised form).
    cutoff (float): the lowest token-sort ratio (rapidfuzz) a fuzzy match may have.
    """

    def __init__(self, rows: Iterable[tuple[int, str, str]], cutoff: float = FUZZY_CUTOFF):
        self.cutoff = cutoff
        self._exact: dict[str, list[tuple[int, str]]] = {}
        for actor_id, alias, norm in rows:
            if norm:
                entry = self._exact.setdefault(norm, [])
                if all(actor_id != known for known, _ in entry):
                    entry.append((actor_id, alias))
        self._fuzzy_keys = [key for key in self._exact if len(key) >= MIN_FUZZY_LENGTH]
        self._sorted_keys = [_token_sorted(key) for key in self._fuzzy_keys]
        self.candidates = lru_cache(maxsize=65536)(self._candidates)

    def match(self, text: str) -> Match | None:
        """The one actor `text` names, or None when none or several fit equally."""
        found = self.candidates(text)
        if not found or (len(found) > 1 and found[1].score == found[0].score):
            return None
        return found[0]

    def _candidates(self, text: str, limit: int = 5) -> tuple[Match, ...]:
        """Actors `text` may name, best first: every exact match (score 100), else fuzzy ones."""
        norm = normalise(text)
        if not norm:
            return ()
        exact = self._exact.get(norm)
        if exact:
            return tuple(Match(actor_id, "exact", 100.0, alias) for actor_id, alias in exact)
        head = _head(norm)
        if head != norm:
            if head in self._exact:
                return tuple(Match(actor_id, "head", 95.0, alias) for actor_id, alias in self._exact[head])
            norm = head
        if len(norm) < MIN_FUZZY_LENGTH or not self._fuzzy_keys:
            return ()
        numbers = _DIGITS.findall(norm)
        found: dict[int, Match] = {}
        for _, score, index in process.extract(
            _token_sorted(norm), self._sorted_keys, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=limit * 2
        ):
            key = self._fuzzy_keys[index]
            if _DIGITS.findall(key) != numbers:
                continue
            for actor_id, alias in self._exact[key]:
                if actor_id not in found or found[actor_id].score < score:
                    found[actor_id] = Match(actor_id, "fuzzy", round(float(score), 1), alias)
        return tuple(sorted(found.values(), key=lambda m: -m.score)[:limit])


def _token_sorted(norm: str) -> str:
    """Words in alphabetical order: `fuzz.ratio` on these is rapidfuzz's token_sort_ratio,
    with the dictionary's side computed once."""
    return " ".join(sorted(norm.split()))


def _head(norm: str) -> str:
    """The name in "nine ISIL fighters" or "an ISIL tactical unit": quantities in front and
    member words behind dropped (normalised text in, normalised text out)."""
    words = norm.split()
    while len(words) > 1 and (words[0].isdigit() or words[0] in QUANTITY_WORDS):
        words.pop(0)
    while len(words) > 1 and words[-1] in MEMBER_WORDS:
        words.pop()
    return " ".join(words)


# The dictionary -----------------------------------------------------------------------


def seed_actors() -> list[Actor]:
    """The bundled seed dictionary of common conflict actors."""
    path = resource_path("actors", "seed.csv")
    actors, problems = read_csv(path.read_text(encoding="utf-8"), str(path))
    if problems:
        raise ValidationError("; ".join(problems))
    return actors


@dataclass(frozen=True)
class Dictionary:
    """The actors matching uses and where they come from ("project" or "seed")."""

    actors: tuple[Actor, ...]
    origin: str

    def by_id(self) -> dict[int, Actor]:
        return {actor.id: actor for actor in self.actors if actor.id is not None}

    def matcher(self) -> AliasMatcher:
        if "_matcher" not in self.__dict__:
            object.__setattr__(
                self,
                "_matcher",
                AliasMatcher(
                    (actor.id, name, normalise(name))
                    for actor in self.actors
                    if actor.id is not None
                    for name in actor.names
                ),
            )
        matcher: AliasMatcher = self.__dict__["_matcher"]
        return matcher


_CACHE: dict[tuple[object, ...], Dictionary] = {}


def dictionary(project: Project) -> Dictionary:
    """The project's dictionary, or the bundled seed (numbered in memory) when it is empty.

    Kept while the dictionary's fingerprint (counts, last change) stays the same, so the
    app can ask on every selection."""
    key = (str(project.path), id(project.db), *(store.fingerprint(project.db) if _has_tables(project) else ()))
    if key not in _CACHE:
        actors = store.list_actors(project.db) if _has_tables(project) else []
        _CACHE.clear()
        _CACHE[key] = (
            Dictionary(tuple(actors), "project")
            if actors
            else Dictionary(tuple(replace(actor, id=-(i + 1)) for i, actor in enumerate(seed_actors())), "seed")
        )
    return _CACHE[key]


def _has_tables(project: Project) -> bool:
    return project.db["actors"].exists()


def load_seed(project: Project) -> tuple[int, int]:
    """Copy the bundled seed into the project's dictionary. RETURNS (added, updated)."""
    return store.import_actors(project.db, seed_actors())


def matcher(project: Project) -> AliasMatcher:
    """An alias matcher over the project's dictionary (or the seed)."""
    return dictionary(project).matcher()


def suggest_actor(project: Project, text: str) -> list[tuple[Actor, Match]]:
    """Actors a span's text may name, best first, for the app to propose a link."""
    chosen = dictionary(project)
    if chosen.origin != "project":
        return []
    by_id = chosen.by_id()
    return [(by_id[m.actor_id], m) for m in chosen.matcher().candidates(text) if m.actor_id in by_id]


# CSV ----------------------------------------------------------------------------------


def read_csv(text: str, where: str = "actors.csv") -> tuple[list[Actor], list[str]]:
    """Actors from CSV text (columns `CSV_COLUMNS`; only `name` is required).

    RETURNS (tuple[list[Actor], list[str]]): the good rows, and one message per bad row
        naming the file and line; a bad row costs only itself.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in reader.fieldnames or ()]
    if "name" not in columns:
        raise ValidationError(f"{where}: no 'name' column in the header (expected {', '.join(CSV_COLUMNS)})")
    reader.fieldnames = columns
    actors: list[Actor] = []
    problems: list[str] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        try:
            actor = _actor_from_row(row)
        except ValidationError as error:
            problems.append(f"{where}, line {line}: {error}")
            continue
        if actor.name.casefold() in seen:
            problems.append(f"{where}, line {line}: {actor.name!r} is listed twice; its aliases are kept")
        seen.add(actor.name.casefold())
        actors.append(actor)
    return actors, problems


def _actor_from_row(row: dict[str, str | None]) -> Actor:
    def field(name: str) -> str:
        return (row.get(name) or "").strip()

    return check_actor(
        Actor(
            field("name"),
            tuple(a.strip() for a in field("aliases").split(ALIAS_SEPARATOR) if a.strip()),
            interaction_code(field("interaction_code")),
            field("actor_type"),
            field("label"),
            field("wikidata"),
            field("parent"),
            field("note"),
        )
    )


def write_csv(actors: Sequence[Actor]) -> str:
    """The dictionary as CSV text that `read_csv` reads back to the same actors."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for actor in actors:
        writer.writerow(
            {
                "name": actor.name,
                "aliases": ALIAS_SEPARATOR.join(actor.aliases),
                "interaction_code": int(actor.interaction_code) if actor.interaction_code else "",
                "actor_type": actor.actor_type,
                "label": actor.label,
                "wikidata": actor.wikidata,
                "parent": actor.parent,
                "note": actor.note,
            }
        )
    return out.getvalue()


def import_csv(project: Project, path: Path) -> tuple[int, int, list[str]]:
    """Add or update the project's actors from a CSV file.

    RETURNS (tuple[int, int, list[str]]): actors added, updated, and the bad rows.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(f"{path}: cannot be read as UTF-8 text ({error})") from error
    actors, problems = read_csv(text, str(path))
    added, updated = store.import_actors(project.db, actors)
    return added, updated, problems


def export_csv(project: Project, path: Path) -> int:
    """Write the project's dictionary (or the seed, when it has none) to a CSV file.

    RETURNS (int): actors written.
    """
    from annotator.export.files import write_text

    actors = dictionary(project).actors
    write_text(Path(path), write_csv(actors))
    return len(actors)


# Across articles ------------------------------------------------------------------------


@dataclass
class ActorListing:
    """Actors found in a project's articles, and names no dictionary entry matched."""

    annotator: str
    dictionary: str
    actors: list[ActorSummary]
    unknown: dict[str, int]
    articles: int


def whose(project: Project, annotator: str | None) -> tuple[str, str]:
    """(annotator, model id) whose sets cross-article services read: the name given, else
    the export default (gold, else the only person), else the model's latest suggestions."""
    known = annotator_names(project.db)
    if annotator is None:
        try:
            annotator = default_annotator(known)
        except ValidationError:
            if "model" not in known:
                raise
            annotator = "model"
    if annotator not in known:
        raise ValidationError(f"no annotations by {annotator!r}; known: {', '.join(sorted(known)) or 'none'}")
    return annotator, latest_model(project.db) if annotator == "model" else ""


def mentions(
    project: Project, annotator: str | None = None
) -> tuple[str, Dictionary, list[ActorMention], dict[str, int]]:
    """Every span of one annotator's sets that names an actor (linked or matched), and the
    names of actor-like spans that matched nothing, with their counts."""
    annotator, model = whose(project, annotator)
    chosen = dictionary(project)
    match = chosen.matcher().match
    found: list[ActorMention] = []
    unknown: dict[str, int] = {}
    for row in store.actor_candidate_spans(project.db, annotator, model):
        article_id, span_id, start, end, label, layer, status, origin, text, linked = row
        span = Span(start, end, label, Layer(layer), Status(status), Origin(origin), span_id)
        if annotator != "model" and not _decided(span):
            continue
        if linked:
            found += [ActorMention(int(a), article_id, span, text, "linked") for a in str(linked).split(",")]
            continue
        hit = match(text)
        if hit is None:
            key = " ".join(text.split())
            unknown[key] = unknown.get(key, 0) + 1
        else:
            found.append(ActorMention(hit.actor_id, article_id, span, text, hit.how, hit.score))
    return annotator, chosen, found, unknown


def _decided(span: Span) -> bool:
    return span.status == Status.ACCEPTED or (span.status != Status.REJECTED and span.origin != Origin.MODEL)


def list_actors_across(project: Project, annotator: str | None = None) -> ActorListing:
    """Actors found across the project's articles: mentions, articles and sources each.

    annotator (str | None): whose sets to read (see `whose`).
    RETURNS (ActorListing): actors most-mentioned first, and names matched to no actor.
    """
    annotator, chosen, found, unknown = mentions(project, annotator)
    by_id = chosen.by_id()
    sources = store.article_sources(project.db)
    summaries: dict[int, ActorSummary] = {}
    for mention in found:
        actor = by_id.get(mention.actor_id)
        if actor is None:
            continue
        summary = summaries.setdefault(mention.actor_id, ActorSummary(actor))
        summary.mentions += 1
        summary.articles.add(mention.article_id)
        form = " ".join(mention.text.split())
        summary.forms[form] = summary.forms.get(form, 0) + 1
        source = sources.get(mention.article_id) or "(no source)"
        summary.sources.setdefault(source, 0)
    for summary in summaries.values():
        for article_id in summary.articles:
            source = sources.get(article_id) or "(no source)"
            summary.sources[source] += 1
    ordered = sorted(summaries.values(), key=lambda s: (-len(s.articles), -s.mentions, s.actor.name))
    articles = len({m.article_id for m in found})
    return ActorListing(
        annotator, chosen.origin, ordered, dict(sorted(unknown.items(), key=lambda kv: -kv[1])), articles
    )


def ruler_patterns(project: Project) -> list[dict[str, str]]:
    """spaCy patterns from the project's dictionary: every name of an actor with a ruler
    label (see `Actor.ruler_label`), as written; names shorter than three characters are
    left out (they match ordinary words)."""
    if not _has_tables(project):
        return []
    patterns: list[dict[str, str]] = []
    for actor in store.list_actors(project.db):
        label = actor.ruler_label
        if not label:
            continue
        patterns += [
            {"label": label, "pattern": name, "id": f"actor:{actor.name}"}
            for name in actor.names
            if len(name) >= MIN_PATTERN_LENGTH
        ]
    return patterns


# For the app -----------------------------------------------------------------------------


def project_actors(project: Project) -> list[Actor]:
    """The project's own dictionary (empty until something is imported or added)."""
    return store.list_actors(project.db)


def linked_counts(project: Project) -> dict[int, int]:
    """Actor id → spans linked to it, over every annotator's sets."""
    return store.link_counts(project.db)


def save_actor(project: Project, actor: Actor) -> Actor:
    """Add (no id) or replace (with id) one actor; one transaction."""
    return store.save_actor(project.db, actor)


def add_alias(project: Project, actor_id: int, alias: str) -> Actor:
    """Add one alias to an actor."""
    return store.add_alias(project.db, actor_id, alias)


def remove_actor(project: Project, actor_id: int) -> None:
    """Delete an actor no span links to."""
    store.remove_actor(project.db, actor_id)


def merge_actors(project: Project, source_id: int, target_id: int) -> Actor:
    """Fold one actor (names, children, links) into another."""
    return store.merge_actors(project.db, source_id, target_id)


def link_with_alias(project: Project, name: str, text: str) -> tuple[Actor, bool]:
    """The actor called `name` (made now when the dictionary has none), with `text` added
    as an alias when it is not yet one of its names: the one-key "this is that actor".

    RETURNS (tuple[Actor, bool]): the actor, and whether `text` became a new alias.
    """
    name, text = name.strip(), " ".join(text.split())
    if not name:
        raise ValidationError("an actor needs a name")
    actor_id = store.actor_id_by_name(project.db, name)
    if actor_id is None:
        actor = store.save_actor(project.db, Actor(name, (text,) if normalise(text) != normalise(name) else ()))
        return actor, normalise(text) != normalise(name)
    actor = store.get_actor(project.db, actor_id)
    if any(normalise(n) == normalise(text) for n in actor.names):
        return actor, False
    return store.add_alias(project.db, actor_id, text), True
