"""Event arguments: who did it to whom, where, when, and how many were killed, wounded or
arrested. Participants come from the dependency parse when there is one (subject ->
ACTOR, object -> TARGET), otherwise from word order and entities; places, dates and
casualty numbers come from entities and short surface patterns in the trigger's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from spacy.tokens import Doc, Span, Token

from annotator.core.scheme import LabelScheme

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "ARMED_GROUP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_FILLERS = frozenset(
    "the a city town village province region capital district state of northern southern eastern western central "
    "north south east west outskirts centre center".split()
)
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "around", "across", "inside", "into", "from"})
TARGET_GAP = frozenset({"the", "a", "an", "on", "against", "with", "to"})
SENTENCE_END = frozenset({".", "!", "?"})
ACTOR_NOUNS = frozenset(
    "civilians people protesters demonstrators soldiers troops police forces army militants rebels fighters "
    "insurgents villagers residents children women men journalists officials government ministry delegation "
    "delegations side sides leaders president minister prisoners students workers refugees militia".split()
)
AGENT_NOUN = re.compile(r"(?:ers|ors|ants|ists)$")
COLLECTIVE = re.compile(
    r"^(?:the )?(?:two|both) (?:sides|countries|parties|nations|governments|delegations|leaders|presidents)$|^both$"
)
CASUALTY_WORDS = {
    "FATALITIES": frozenset("killed dead died deaths fatalities killing kills slain perished lives".split()),
    "INJURED": frozenset("wounded injured injuring wounding hurt injuries".split()),
    "ARRESTED": frozenset("arrested detained arresting detaining arrests detentions".split()),
}
NUMBER_FILLERS = frozenset(
    "people civilians soldiers troops others persons were was have has had been being are is reportedly later also and at least".split()
)

Argument = tuple[str, Span]
TAKEN_ROLES = ("FATALITIES", "INJURED", "ARRESTED", "INSTRUMENT")
"""Roles found by surface patterns that only some event types take."""


def role_types_for(scheme: LabelScheme, labels: Iterable[str] = ()) -> dict[str, frozenset[str]]:
    """Which trigger labels take each casualty and instrument role: the scheme's event types
    whose roles list it, and the `labels` (trigger lexicon names) its aliases turn into them.

    scheme (LabelScheme): the project's scheme.
    labels (Iterable[str]): trigger labels of the lexicon, when they are not the scheme's.
    RETURNS (dict[str, frozenset[str]]): role -> trigger labels.
    """
    taking: dict[str, set[str]] = {role: set() for role in TAKEN_ROLES}
    for label in {*scheme.event_types, *labels}:
        resolved = scheme.event_type_for(label)
        if resolved is None:
            continue
        for role in scheme.event_types[resolved[0]].roles:
            if role in taking:
                taking[role].add(label)
    return {role: frozenset(names) for role, names in taking.items()}


@cache
def _default_role_types() -> dict[str, frozenset[str]]:
    return role_types_for(LabelScheme.default())


def clause_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """[start, end) token range of the sentence around token i, bounded by sentence-final
    punctuation and line breaks (works with or without a sentence segmenter)."""
    start = i
    while start > 0 and not _boundary(doc[start - 1]):
        start -= 1
    end = i
    while end < len(doc) and not _boundary(doc[end]):
        end += 1
    return start, end


def _boundary(token: Token) -> bool:
    return token.text in SENTENCE_END or (token.is_space and "\n" in token.text)


class ArgumentFinder:
    """Finds the arguments of each trigger of one Doc, in text order (earlier events
    resolve "the two sides" in later ones). `role_types` says which trigger labels take
    the casualty and instrument roles (the project's scheme; the default's when None)."""

    def __init__(self, doc: Doc, role_types: Mapping[str, frozenset[str]] | None = None):
        self.doc = doc
        self.role_types = _default_role_types() if role_types is None else role_types
        self.parsed = doc.has_annotation("DEP")
        self.history: list[list[Span]] = []
        self.ents = doc.ents
        self.entity_of = {i: entity for entity in self.ents for i in range(entity.start, entity.end)}

    def _entity(self, token: Token) -> Span | None:
        return self.entity_of.get(token.i)

    def find(self, trigger: Span) -> list[Argument]:
        """Arguments (role, span) of one trigger."""
        bounds = clause_bounds(self.doc, trigger.start)
        found = self._parsed(trigger) if self.parsed else self._surface(trigger, bounds)
        found += self._between(trigger, bounds)
        found = self._resolve_collective(found)
        found += self._location(trigger, bounds) + self._time(trigger, bounds)
        found += self._numbers(trigger, bounds) + self._instruments(trigger, bounds)
        unique: dict[tuple[str, int, int], Argument] = {}
        for role, span in found:
            if span.start <= trigger.start < span.end:
                continue
            unique.setdefault((role, span.start, span.end), (role, span))
        arguments = list(unique.values())
        actors = [span for role, span in arguments if role == "ACTOR"]
        if actors:
            self.history.append(actors)
        return arguments

    def _parsed(self, trigger: Span) -> list[Argument]:
        root = trigger.root
        found: list[Argument] = []
        if root.pos_ in ("VERB", "AUX"):
            for child in root.children:
                if child.dep_ == "nsubj":
                    found += [("ACTOR", s) for s in self._participants(child, strict=False)]
                elif child.dep_ == "nsubjpass":
                    found += [("TARGET", s) for s in self._participants(child, strict=True)]
                elif child.dep_ == "agent":
                    found += [
                        ("ACTOR", s)
                        for p in child.children
                        if p.dep_ == "pobj"
                        for s in self._participants(p, strict=False)
                    ]
                elif child.dep_ in ("dobj", "dative"):
                    found += [("TARGET", s) for s in self._participants(child, strict=True)]
                elif child.dep_ == "prep" and child.lower_ in ("on", "against", "with"):
                    found += [
                        ("TARGET", s)
                        for p in child.children
                        if p.dep_ == "pobj"
                        for s in self._participants(p, strict=True)
                    ]
            if not any(role == "ACTOR" for role, _ in found):
                found += [("ACTOR", s) for s in self._inherited_subject(root)]
            return found
        for child in root.children:
            if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.ent_type_ in ACTOR_LABELS):
                found += [("ACTOR", s) for s in self._participants(child, strict=True)]
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "with"):
                found += [
                    ("TARGET", s)
                    for p in child.children
                    if p.dep_ == "pobj"
                    for s in self._participants(p, strict=True)
                ]
            elif child.dep_ == "prep" and child.lower_ == "by":
                found += [
                    ("ACTOR", s)
                    for p in child.children
                    if p.dep_ == "pobj"
                    for s in self._participants(p, strict=False)
                ]
        if not any(role == "ACTOR" for role, _ in found) and not AGENT_NOUN.search(root.lower_):
            verb = _governing_verb(root)
            if verb is not None:
                found += [("ACTOR", s) for s in self._inherited_subject(verb, own=True)]
        return found

    def _inherited_subject(self, verb: Token, own: bool = False) -> list[Span]:
        token = verb
        for level in range(3):
            if own or level:
                for child in token.children:
                    if child.dep_ == "nsubj":
                        return self._participants(child, strict=False)
            if token.dep_ not in ("xcomp", "conj", "advcl", "acomp", "acl") or token.head is token:
                break
            token = token.head
            if token.pos_ in ("NOUN", "PROPN") and token.head is not token:
                token = token.head
        return []

    def _participants(self, token: Token, *, strict: bool) -> list[Span]:
        spans = []
        for member in [token, *token.conjuncts]:
            span = self._expand(member, strict=strict)
            if span is not None:
                spans.append(span)
        return spans

    def _expand(self, token: Token, *, strict: bool) -> Span | None:
        if token.ent_type_:
            entity = self._entity(token)
            if entity is not None and entity.label_ in ACTOR_LABELS:
                return entity
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        if strict and token.lemma_.lower() not in ACTOR_NOUNS and token.lower_ not in ACTOR_NOUNS:
            named = [t for t in token.subtree if t.ent_type_ in ACTOR_LABELS]
            return self._entity(named[0]) if named else None
        start = token.left_edge.i
        while start < token.i and self.doc[start].pos_ in ("PUNCT",):
            start += 1
        return self.doc[start : token.i + 1]

    def _surface(self, trigger: Span, bounds: tuple[int, int]) -> list[Argument]:
        entities = [e for e in self.ents if e.label_ in ACTOR_LABELS and bounds[0] <= e.start and e.end <= bounds[1]]
        before = [e for e in entities if e.end <= trigger.start]
        after = [e for e in entities if e.start >= trigger.end]
        found: list[Argument] = []
        if before:
            group = [before[-1]]
            for entity in reversed(before[:-1]):
                gap = self.doc[entity.end : group[0].start].text.strip().lower()
                if gap not in ("and", ",", ", and"):
                    break
                group.insert(0, entity)
            found += [("ACTOR", e) for e in group]
        if after:
            between = {t.lower_ for t in self.doc[trigger.end : after[0].start]}
            if between <= TARGET_GAP:
                found.append(("TARGET", after[0]))
        return found

    def _between(self, trigger: Span, bounds: tuple[int, int]) -> list[Argument]:
        """ "talks between Ukraine and Russia": every named party after between/among."""
        for i in range(trigger.end, min(trigger.end + 3, bounds[1])):
            if self.doc[i].lower_ in ("between", "among"):
                found: list[Argument] = []
                j = i + 1
                while j < bounds[1] and j < i + 15:
                    token = self.doc[j]
                    if token.ent_type_ in ACTOR_LABELS and (entity := self._entity(token)) is not None:
                        found.append(("ACTOR", entity))
                        j = entity.end
                    elif token.lower_ in ("and", ",", "the") or token.pos_ in ("NOUN", "ADJ") and not found:
                        j += 1
                    else:
                        break
                return found
        return []

    def _resolve_collective(self, found: list[Argument]) -> list[Argument]:
        """ "the two sides" are the named actors of this event, else of the latest earlier
        event with two or more actors."""
        named = [s for role, s in found if role == "ACTOR" and not COLLECTIVE.match(s.text.lower())]
        resolved: list[Argument] = []
        for role, span in found:
            if role == "ACTOR" and COLLECTIVE.match(span.text.lower()):
                if len(named) >= 2:
                    continue
                earlier = next((actors for actors in reversed(self.history) if len(actors) >= 2), None)
                if earlier:
                    resolved += [("ACTOR", actor) for actor in earlier]
                    continue
            resolved.append((role, span))
        return resolved

    def _location(self, trigger: Span, bounds: tuple[int, int]) -> list[Argument]:
        candidates = []
        for entity in self.ents:
            if entity.label_ not in PLACE_LABELS or not (bounds[0] <= entity.start and entity.end <= bounds[1]):
                continue
            i = entity.start - 1
            while i > bounds[0] and self.doc[i].lower_ in PLACE_FILLERS and entity.start - i < 5:
                i -= 1
            if i >= bounds[0] and self.doc[i].lower_ in PLACE_PREPS:
                candidates.append(entity)
        if not candidates:
            return []
        return [("LOCATION", min(candidates, key=lambda e: _distance(e, trigger)))]

    def _time(self, trigger: Span, bounds: tuple[int, int]) -> list[Argument]:
        dates = [e for e in self.ents if e.label_ in TIME_LABELS and bounds[0] <= e.start and e.end <= bounds[1]]
        if self.parsed:
            anchors = {trigger.root.i}
            verb = _governing_verb(trigger.root)
            if verb is not None:
                anchors.add(verb.i)
            dates = [e for e in dates if _hops_to(e.root, anchors) <= 3]
        if not dates:
            return []
        return [("TIME", min(dates, key=lambda e: _distance(e, trigger)))]

    def _numbers(self, trigger: Span, bounds: tuple[int, int]) -> list[Argument]:
        found: list[Argument] = []
        for i in range(bounds[0], bounds[1]):
            token = self.doc[i]
            if not token.like_num or token.ent_type_ in TIME_LABELS:
                continue
            role = self._casualty_role(i, bounds)
            if role and trigger.label_ in self.role_types.get(role, ()):
                entity = self._entity(token)
                found.append(
                    (role, entity if entity is not None and entity.label_ == "CARDINAL" else self.doc[i : i + 1])
                )
        return found

    def _casualty_role(self, i: int, bounds: tuple[int, int]) -> str | None:
        for j in range(i + 1, min(bounds[1], i + 6)):
            word = self.doc[j].lower_
            for role, words in CASUALTY_WORDS.items():
                if word in words:
                    return role
            if word not in NUMBER_FILLERS and self.doc[j].pos_ not in ("NOUN", "ADJ", "ADV"):
                break
        for j in range(i - 1, max(bounds[0], i - 4) - 1, -1):
            word = self.doc[j].lower_
            for role, words in CASUALTY_WORDS.items():
                if word in words and word.endswith(("ing", "ed")):
                    return role
            if word not in ("at", "least", "some", "about", "around", "nearly", "over", "more", "than"):
                break
        return None

    def _instruments(self, trigger: Span, bounds: tuple[int, int]) -> list[Argument]:
        if trigger.label_ not in self.role_types.get("INSTRUMENT", ()):
            return []
        return [
            ("INSTRUMENT", e) for e in self.ents if e.label_ == "WEAPON" and bounds[0] <= e.start and e.end <= bounds[1]
        ]


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(3):
        if current.head is current:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _hops_to(token: Token, anchors: set[int]) -> int:
    current, hops = token, 0
    while hops < 8:
        if current.i in anchors:
            return hops
        if current.head is current:
            break
        current, hops = current.head, hops + 1
    return 99


def _distance(span: Span, trigger: Span) -> int:
    return trigger.start - span.end if span.end <= trigger.start else span.start - trigger.end
