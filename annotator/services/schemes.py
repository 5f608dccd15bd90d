"""Choosing and validating a project's label scheme: a bundled codebook or a TOML file.

A scheme file a person wrote is checked before a project is made with it, and every
problem is reported at once, one line each, with where it is ("events.BATTLE.roles"):
TOML syntax (duplicate keys included), unknown or mistyped keys (pydantic), labels that
appear twice, keys that clash with each other or with the command keys (A, X, Q, E), roles
no event type allows or that no table defines, aliases that lead nowhere, check rules that
name unknown types or roles. The core parser (`LabelScheme.from_toml`) stays plain.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticError

from annotator.core.errors import AnnotatorError
from annotator.core.model import ClaimKind, DatePrecision, Role
from annotator.core.resources import resource_path
from annotator.core.scheme import BUNDLED_SCHEMES, LabelScheme

COMMAND_KEYS = frozenset("axqe")
"""Keys the article view takes for itself (accept, reject, quote, event): no entity key."""

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class SchemeError(AnnotatorError):
    """A label scheme file cannot be used; `problems` holds one message per error."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        heading = f"{source}: the label scheme has {len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(heading + "".join(f"\n  - {p}" for p in problems))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Label(_Strict):
    colour: str = "#cccccc"
    key: str = ""
    description: str = ""


class _EventType(_Strict):
    colour: str = "#cccccc"
    key: str = ""
    title: str = ""
    description: str = ""
    roles: list[str] = Field(default_factory=lambda: [r.value for r in Role])
    sub_types: list[str] = Field(default_factory=list)
    claims: list[ClaimKind] | None = None


class _ActorType(_Strict):
    code: int
    words: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)


class _Check(_Strict):
    id: str = Field(min_length=1)
    kind: Literal["roles", "date", "sub_type", "claims", "figure"]
    message: str = Field(min_length=1)
    events: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    min: int = Field(default=1, ge=0)
    words: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    precision: DatePrecision | None = None
    claim: ClaimKind | None = None


class _Triggers(_Strict):
    words: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    default: str = ""
    sub_types: dict[str, list[str]] = Field(default_factory=dict)


class _QuoteRule(_Strict):
    min_words: int = Field(default=3, ge=1)
    fragments: bool = False


class _Victims(_Strict):
    roles: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    placeholder: str = Field(default="[VICTIM-{n}]", min_length=1)


class _Redact(_Strict):
    """What `annotator export --redact` replaces (annotator.export.redact)."""

    victims: _Victims | None = None


class _SchemeFile(_Strict):
    name: str = Field(min_length=1)
    title: str = ""
    version: int = 1
    contexts: list[str] = Field(default_factory=list)
    entities: dict[str, _Label] = Field(default_factory=dict)
    quotes: dict[str, _Label] = Field(default_factory=dict)
    events: dict[str, _EventType] = Field(default_factory=dict)
    roles: dict[str, _Label] = Field(default_factory=dict)
    model_labels: dict[str, str] = Field(default_factory=dict)
    aliases: dict[str, str] = Field(default_factory=dict)
    actor_types: dict[str, _ActorType] = Field(default_factory=dict)
    checks: list[_Check] = Field(default_factory=list)
    triggers: dict[str, _Triggers] = Field(default_factory=dict)
    quote_rule: _QuoteRule | None = None
    redact: _Redact | None = None


def load_scheme(choice: str | Path) -> LabelScheme:
    """The scheme named `choice`: a bundled one (conflict, acled, plover, ucdp) or a file.

    RAISES (SchemeError): the file is missing, unreadable or invalid; every problem listed.
    """
    text = str(choice)
    if text in BUNDLED_SCHEMES:
        path = resource_path("schemes", f"{text}.toml")
    else:
        path = Path(choice)
        if not path.is_file():
            raise SchemeError(str(path), [f"no such file, and not a bundled scheme ({', '.join(BUNDLED_SCHEMES)})"])
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SchemeError(str(path), [f"cannot be read: {error}"]) from error
    return validate_scheme(source, str(path))


def validate_scheme(source: str, where: str = "scheme") -> LabelScheme:
    """Check scheme TOML text and parse it.

    source (str): the TOML text.
    where (str): the file it came from, for the messages.
    RETURNS (LabelScheme): the scheme, when it has no problem.
    RAISES (SchemeError): one message per problem.
    """
    problems = scheme_problems(source)
    if problems:
        raise SchemeError(where, problems)
    return LabelScheme.from_toml(source)


def scheme_problems(source: str) -> list[str]:
    """Every problem of a scheme's TOML text, one sentence each (empty when it is fine)."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        return _repeated_keys(source) or [f"not valid TOML: {error}"]
    try:
        scheme = _SchemeFile.model_validate(data)
    except PydanticError as error:
        return [_describe(item) for item in error.errors()]
    return _meaning_problems(scheme)


_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*("[^"]+"|[A-Za-z0-9_-]+)\s*=')


def _repeated_keys(source: str) -> list[str]:
    """Keys given twice in one table (a label listed twice), with their lines: TOML refuses
    them, but its own message does not say which."""
    problems = []
    seen: dict[str, int] = {}
    table = ""
    for number, line in enumerate(source.splitlines(), start=1):
        if match := _TABLE.match(line):
            table = match.group(1)
            seen = {}
            continue
        if match := _KEY.match(line):
            key = match.group(1).strip('"')
            if key in seen:
                where = f"[{table}] " if table else ""
                problems.append(f"line {number}: {where}{key} is given twice (first on line {seen[key]})")
            else:
                seen[key] = number
    return problems


def _describe(item: Any) -> str:
    where = ".".join(str(part) for part in item["loc"]) or "(top)"
    if item["type"] == "extra_forbidden":
        return f"{where}: unknown key (a typo?)"
    if item["type"] == "missing":
        return f"{where}: required"
    return f"{where}: {item['msg']}"


def _meaning_problems(scheme: _SchemeFile) -> list[str]:
    problems: list[str] = []
    problems += _duplicate_labels(scheme)
    problems += _key_problems(scheme)
    problems += _colour_problems(scheme)
    problems += _role_problems(scheme)
    problems += _alias_problems(scheme)
    problems += _check_problems(scheme)
    for source, target in scheme.model_labels.items():
        if target and target not in scheme.entities:
            problems.append(f"model_labels.{source}: {target!r} is not an entity label")
    codes = Counter(spec.code for spec in scheme.actor_types.values())
    problems += [f"actor_types: code {code} is given to {n} actor types" for code, n in codes.items() if n > 1]
    problems += [
        f"triggers.{name}: {name!r} is not an event type" for name in scheme.triggers if name not in scheme.events
    ]
    for name, spec in scheme.events.items():
        repeated = [s for s, n in Counter(spec.sub_types).items() if n > 1]
        problems += [f"events.{name}.sub_types: {s!r} is listed twice" for s in repeated]
    return problems


def _duplicate_labels(scheme: _SchemeFile) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for table, names in (("entities", scheme.entities), ("quotes", scheme.quotes), ("events", scheme.events)):
        for name in names:
            where = f"{table}.{name}"
            folded = name.upper()
            if folded in seen:
                problems.append(f"{where}: label {name!r} is also {seen[folded]}")
            else:
                seen[folded] = where
    return problems


def _key_problems(scheme: _SchemeFile) -> list[str]:
    problems = []
    tables: list[tuple[str, dict[str, Any]]] = [
        ("entities", scheme.entities),
        ("events", scheme.events),
        ("roles", scheme.roles),
    ]
    for table, specs in tables:
        owners: dict[str, str] = {}
        for name, spec in specs.items():
            key = spec.key.lower()
            if not key:
                continue
            if len(key) != 1:
                problems.append(f"{table}.{name}.key: {spec.key!r} is not one key")
                continue
            if table == "entities" and key in COMMAND_KEYS:
                problems.append(
                    f"{table}.{name}.key: {spec.key!r} is a command key (A accept, X reject, Q quote, E event)"
                )
            if key in owners:
                problems.append(f"{table}.{name}.key: {spec.key!r} is also the key of {owners[key]}")
            else:
                owners[key] = name
    return problems


def _colour_problems(scheme: _SchemeFile) -> list[str]:
    tables: list[tuple[str, dict[str, Any]]] = [
        ("entities", scheme.entities),
        ("quotes", scheme.quotes),
        ("events", scheme.events),
        ("roles", scheme.roles),
    ]
    return [
        f"{table}.{name}.colour: {spec.colour!r} is not a colour like #a0b1c2"
        for table, specs in tables
        for name, spec in specs.items()
        if not _COLOUR.match(spec.colour)
    ]


def _role_problems(scheme: _SchemeFile) -> list[str]:
    problems = []
    known = set(scheme.roles) | {r.value for r in Role}
    used: set[str] = set()
    for name, spec in scheme.events.items():
        for role in spec.roles:
            used.add(role)
            if role not in known:
                problems.append(f"events.{name}.roles: role {role!r} is not defined in [roles]")
    problems += [f"roles.{role}: no event type allows this role" for role in scheme.roles if role not in used]
    return problems


def _alias_problems(scheme: _SchemeFile) -> list[str]:
    problems = []
    labels = set(scheme.entities) | set(scheme.quotes)
    for alias, target in scheme.aliases.items():
        where = f"aliases.{alias}"
        if alias in scheme.events or alias in labels:
            problems.append(f"{where}: {alias!r} is a label of this scheme, so the alias is never used")
        name, _, sub_type = target.partition(":")
        if name in scheme.events:
            if sub_type and sub_type not in scheme.events[name].sub_types:
                problems.append(f"{where}: {name} has no sub-type {sub_type!r}")
        elif name not in labels:
            problems.append(f"{where}: {target!r} is not a label or event type of this scheme")
        elif sub_type:
            problems.append(f"{where}: only event types have sub-types ({target!r})")
    return problems


def _check_problems(scheme: _SchemeFile) -> list[str]:
    problems = []
    known_roles = set(scheme.roles) | {r.value for r in Role}
    for number, check in enumerate(scheme.checks):
        where = f"checks.{number} ({check.id})"
        problems += [f"{where}: {event!r} is not an event type" for event in check.events if event not in scheme.events]
        problems += [f"{where}: {role!r} is not a role" for role in check.roles if role not in known_roles]
        problems += [
            f"{where}: {label!r} is not an entity label" for label in check.labels if label not in scheme.entities
        ]
        if check.kind == "roles" and not check.roles:
            problems.append(f"{where}: a roles check needs roles")
        if check.kind == "figure" and check.claim is None:
            problems.append(f"{where}: a figure check needs a claim kind")
    repeated = [i for i, n in Counter(c.id for c in scheme.checks).items() if n > 1]
    problems += [f"checks: id {i!r} is used by {Counter(c.id for c in scheme.checks)[i]} rules" for i in repeated]
    return problems
