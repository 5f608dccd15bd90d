"""Actors: who acts in conflict reporting, one dictionary entry however the press names them.

An `Actor` has a canonical name, aliases ("ISIL", "ISIS", "Daesh", "Islamic State of Iraq
and the Levant"), an actor type after ACLED's interaction codes, an optional Wikidata id
typed by a person (never looked up), and an optional parent (a brigade under an army).
Aliases are compared in a normalised form (`normalise`), so "Da’esh", "DAESH" and
"the Daesh" are one alias.

Standard library only; fuzzy matching lives in `annotator.services.actors`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import IntEnum

from annotator.core.errors import ValidationError
from annotator.core.model import Layer, Role, Span


class InteractionCode(IntEnum):
    """ACLED's actor types (the `inter1`/`inter2` codes of its codebook)."""

    STATE_FORCES = 1
    REBEL_GROUPS = 2
    POLITICAL_MILITIAS = 3
    IDENTITY_MILITIAS = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_FORCES = 8

    @property
    def title(self) -> str:
        """The type as ACLED writes it: "State forces", "Rebel groups"."""
        return self.name.replace("_", " ").capitalize()


ARMED_TYPES = frozenset(
    {InteractionCode.REBEL_GROUPS, InteractionCode.POLITICAL_MILITIAS, InteractionCode.IDENTITY_MILITIAS}
)
"""Types whose aliases the entity ruler labels ARMED_GROUP when the actor names no label."""

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "ARMED_GROUP"})
"""Entity labels whose spans may name an actor (and are matched against the dictionary)."""

ACTOR_ROLES = frozenset({Role.ACTOR.value, Role.TARGET.value, Role.ASSOC_ACTOR.value})
"""Event roles whose argument spans may name an actor."""

WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
_DETERMINERS = ("the ", "a ", "an ")
_APOSTROPHES = "'’‘`´ʼ"
_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Actor:
    """One entry of the actor dictionary.

    name (str): the canonical name, unique in a project.
    aliases (tuple[str, ...]): other names, as written; the canonical name always matches.
    interaction_code (InteractionCode | None): ACLED's type code, when known.
    actor_type (str): a finer type in the project's words ("Jihadist insurgents"); by
        default the ACLED type's title.
    label (str): the entity label the entity ruler gives the aliases ('' : the ruler
        leaves them to the model; armed types default to ARMED_GROUP).
    wikidata (str): a Wikidata item id ("Q2429253") typed by a person, or ''.
    parent (str): the canonical name of the actor this one belongs to, or ''.
    """

    name: str
    aliases: tuple[str, ...] = ()
    interaction_code: InteractionCode | None = None
    actor_type: str = ""
    label: str = ""
    wikidata: str = ""
    parent: str = ""
    note: str = ""
    id: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias, each once, canonical first."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    @property
    def type_title(self) -> str:
        """What to show as the type: the project's own words, else ACLED's."""
        if self.actor_type:
            return self.actor_type
        return self.interaction_code.title if self.interaction_code else ""

    @property
    def ruler_label(self) -> str:
        """The entity label for the ruler's patterns, or '' for none."""
        if self.label:
            return self.label
        return "ARMED_GROUP" if self.interaction_code in ARMED_TYPES else ""


@dataclass(frozen=True)
class ActorMention:
    """A span in one article that names (or may name) an actor.

    how: "linked" (a person linked it), "exact" or "fuzzy" (found through the aliases).
    score: 100 for linked and exact, the fuzzy similarity otherwise.
    """

    actor_id: int
    article_id: int
    span: Span
    text: str
    how: str
    score: float = 100.0


@dataclass
class ActorSummary:
    """An actor found across articles: how often, in how many articles, from which sources."""

    actor: Actor
    mentions: int = 0
    articles: set[int] = field(default_factory=set)
    sources: dict[str, int] = field(default_factory=dict)
    forms: dict[str, int] = field(default_factory=dict)


def normalise(name: str) -> str:
    """The form aliases are compared in: compatibility-decomposed, accents and apostrophes
    dropped, case folded, other punctuation as spaces, a leading article dropped.

    >>> normalise("the Da’esh")
    'daesh'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch not in _APOSTROPHES)
    text = _SPACES.sub(" ", _PUNCTUATION.sub(" ", text.casefold())).strip()
    for determiner in _DETERMINERS:
        if text.startswith(determiner) and len(text) > len(determiner):
            text = text[len(determiner) :]
            break
    return text


def may_name_actor(span: Span, role: str | None = None) -> bool:
    """Whether a span can name an actor: an entity of an actor label, or an argument
    span in an actor role (ACTOR, TARGET, ASSOC_ACTOR, numbered or not)."""
    if role is not None and role.rstrip("0123456789") in ACTOR_ROLES:
        return True
    if span.layer == Layer.ARGUMENT:
        return span.label.rstrip("0123456789") in ACTOR_ROLES
    return span.layer == Layer.ENTITY and span.label in ACTOR_LABELS


def check_actor(actor: Actor) -> Actor:
    """The actor with its fields trimmed, or a ValidationError saying what is wrong."""
    name = actor.name.strip()
    if not name:
        raise ValidationError("an actor needs a name")
    wikidata = actor.wikidata.strip().upper()
    if wikidata and not WIKIDATA_ID.fullmatch(wikidata):
        raise ValidationError(f"{name}: Wikidata id {actor.wikidata!r} is not of the form Q42")
    aliases = tuple(dict.fromkeys(a.strip() for a in actor.aliases if a.strip() and a.strip() != name))
    if not normalise(name):
        raise ValidationError(f"{name!r}: a name needs at least one letter or digit")
    if any(not normalise(alias) for alias in aliases):
        raise ValidationError(f"{name}: every alias needs at least one letter or digit")
    if actor.parent.strip() == name:
        raise ValidationError(f"{name}: an actor cannot be its own parent")
    return Actor(
        name,
        aliases,
        actor.interaction_code,
        actor.actor_type.strip(),
        actor.label.strip(),
        wikidata,
        actor.parent.strip(),
        actor.note.strip(),
        actor.id,
    )


def interaction_code(value: str | int | None) -> InteractionCode | None:
    """Read an ACLED interaction code from a number ("2") or a type name ("Rebel groups").

    RAISES (ValidationError): the value is neither.
    """
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if text.isdigit():
        try:
            return InteractionCode(int(text))
        except ValueError:
            raise ValidationError(f"interaction code {text} is not one of ACLED's 1-8") from None
    key = _SPACES.sub("_", text.upper().replace("/", " ").replace("-", " "))
    for code in InteractionCode:
        if code.name == key or code.name.rstrip("S") == key.rstrip("S"):
            return code
    raise ValidationError(f"actor type {text!r} is not an ACLED type ({', '.join(c.title for c in InteractionCode)})")
