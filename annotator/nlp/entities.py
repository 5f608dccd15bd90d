"""Entity ruler for what the stock English models do not predict: ARMED_GROUP, WEAPON,
and actor names they miss ("Daesh", "Hezbollah", "Wagner Group", "RSF"); and a small
component that makes the labels of one name agree across a document.

Patterns live in resources/lexicons/entity_patterns.jsonl (spaCy's pattern format). The
component is spaCy's SpanRuler writing `doc.ents`. A match replaces the model's entities
only with evidence: a listed name relabels the model's entity of the same extent
("Hezbollah" ORG -> ARMED_GROUP) and breaks up a model entity that runs over a comma (a
list the model merged: "the Iraqi Armed Forces, Popular Mobilization Forces"); any match
may replace shorter entities it covers ("Iraqi" inside "Iraqi forces"); the model's other
longer or crossing entities stay. A
nationality-plus-noun match ("Iraqi forces") is dropped when it only modifies a noun
("Iraqi military officials").
"""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from annotator.nlp.lexicon import lexicon_path
from annotator.nlp.speakers import given_names

FACTORY = "annotator_entities_v1"
PATTERNS_FILE = "entity_patterns.jsonl"
EVIDENCE_FILTER = "annotator_evidence_ents_filter.v1"
GENERIC_PATTERN_IDS = frozenset({"armed_group_nationality"})


def default_patterns() -> list[dict[str, Any]]:
    """The bundled ARMED_GROUP/WEAPON patterns."""
    return list(srsly.read_jsonl(lexicon_path(PATTERNS_FILE)))


@registry.misc(EVIDENCE_FILTER)
def make_evidence_ents_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    """The ruler's way of merging its matches with the model's entities (see the module)."""
    return evidence_ents_filter


def evidence_ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Merge ruler matches into the model's entities without overlaps.

    entities (Iterable[Span]): the model's entities.
    spans (Iterable[Span]): the ruler's matches (their `id_` is the pattern id).
    RETURNS (list[Span]): the model's entities, less those a match replaced, plus the matches kept.
    """
    kept = list(entities)
    added: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (len(s), -s.start), reverse=True):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        overlapped = [e for e in kept if e.start < span.end and span.start < e.end]
        if not all(_may_replace(span, entity) for entity in overlapped):
            continue
        if span.id_ in GENERIC_PATTERN_IDS and _modifies_a_noun(span):
            continue
        kept = [e for e in kept if e not in overlapped]
        added.append(span)
        taken.update(range(span.start, span.end))
    return kept + added


def _may_replace(match: Span, entity: Span) -> bool:
    if match.id_ not in GENERIC_PATTERN_IDS and any(t.text in (",", ";") for t in entity):
        return True
    if not (match.start <= entity.start and entity.end <= match.end):
        return False
    if len(entity) < len(match):
        return True
    return match.id_ not in GENERIC_PATTERN_IDS


def _modifies_a_noun(span: Span) -> bool:
    doc = span.doc
    if span.end >= len(doc):
        return False
    last, following = doc[span.end - 1], doc[span.end]
    return following.pos_ in ("NOUN", "PROPN") and (last.pos_ == "ADJ" or last.dep_ in ("compound", "amod"))


@Language.factory(
    FACTORY,
    default_config={"patterns_path": None, "overwrite_model": True},
)
def make_entity_ruler(nlp: Language, name: str, patterns_path: str | None, overwrite_model: bool) -> SpanRuler:
    """Create the entity ruler with the bundled patterns (or those in `patterns_path`).

    patterns_path (Optional[str]): a JSONL file of spaCy patterns; None: the bundled file.
    overwrite_model (bool): whether ruler matches may replace model entities, with
        evidence (see the module); False: the model's entities always stay.
    RETURNS (SpanRuler): the component; it saves its patterns with the pipeline.
    """
    ents_filter = registry.misc.get(
        EVIDENCE_FILTER if overwrite_model else "spacy.prioritize_existing_ents_filter.v1"
    )()
    ruler = SpanRuler(
        nlp,
        name,
        spans_key=None,
        annotate_ents=True,
        ents_filter=ents_filter,
        scorer=None,
    )
    patterns = list(srsly.read_jsonl(Path(patterns_path))) if patterns_path else default_patterns()
    ruler.add_patterns(patterns)
    return ruler


CONSISTENCY_FACTORY = "annotator_name_consistency_v1"
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
TITLES = frozenset(
    "president pm prime minister chancellor mr mrs ms dr gen general col colonel sheikh king queen prince "
    "secretary senator sen rep gov governor spokesman spokeswoman envoy ambassador".split()
)
POSSESSIVE = ("'s", "’s", "'", "’")
SURNAME_WEIGHT = 2
"""A confident full name ("Vladimir Putin") outweighs one contrary label of its surname."""


@Language.component(CONSISTENCY_FACTORY)
def harmonise_names(doc: Doc) -> Doc:
    """Make the labels of one name agree across a document, from confident evidence only.

    - A name's label may change only to a label the model gave the same string elsewhere,
      more often than the label it has, and confidently: the string has several words,
      or the model gave it that label at least twice.
    - A person's full name is confident when its first word is a known given name, a
      title stands before it ("Mr", "President"), or the model labelled it PERSON twice;
      its surname then counts as two PERSON mentions ("Putin" after "Vladimir Putin": one
      contrary label of "Putin" is outvoted, two are not). Unlabelled capitalised mentions
      of such a surname, or of a one-word name labelled PERSON twice, become PERSON; and a
      given name followed by such a name is a PERSON ("Volodymyr Zelenskyy"); an entity of
      another label that ends with a full name the model labelled PERSON is that person
      ("the Middle East Tobias Ellwood" -> "Tobias Ellwood").
    - Leading titles are trimmed from PERSON entities ("President Putin" -> "Putin").
    Possessives never split a name ("Donald Trump's" is "Donald Trump").
    """
    entities = list(doc.ents)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for entity in entities:
        if entity.label_ in NAME_LABELS:
            votes[_key(entity)][entity.label_] += 1
    surnames = _confident_surnames(doc, entities, votes)
    for surname in surnames:
        votes[surname]["PERSON"] += SURNAME_WEIGHT
    people = surnames | {
        k for k, c in votes.items() if " " not in k and c["PERSON"] >= 2 and c.most_common(1)[0][0] == "PERSON"
    }
    result: list[Span] = []
    for entity in entities:
        label = entity.label_
        if label in NAME_LABELS:
            label = _agreed_label(_key(entity), label, votes[_key(entity)], surnames)
            if label != "PERSON" and _given_name_of(entity, people) and sum(votes[_key(entity)].values()) == 1:
                label = "PERSON"
        start = entity.start
        if label != "PERSON" and len(entity) > 2:
            start, label = _person_at_the_end(entity, votes, start, label)
        if label == "PERSON":
            while start < entity.end - 1 and doc[start].lower_.rstrip(".") in TITLES:
                start += 1
        result.append(
            Span(doc, start, entity.end, label=label) if (label, start) != (entity.label_, entity.start) else entity
        )
    taken = {i for entity in result for i in range(entity.start, entity.end)}
    for token in doc:
        if token.i not in taken and token.text in people and token.is_title:
            result.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    doc.set_ents(filter_spans(result))
    return doc


def _key(entity: Span) -> str:
    """The name as a string, without a trailing possessive."""
    tokens = list(entity)
    while len(tokens) > 1 and tokens[-1].text in POSSESSIVE:
        tokens = tokens[:-1]
    text = "".join(t.text_with_ws for t in tokens).strip()
    for mark in POSSESSIVE[:2]:
        text = text.removesuffix(mark)
    return text


def _person_at_the_end(entity: Span, votes: dict[str, Counter[str]], start: int, label: str) -> tuple[int, str]:
    """ "the Middle East Tobias Ellwood" (ORG) ends with "Tobias Ellwood", a name the model
    labelled PERSON elsewhere in the document: the entity is that person."""
    doc = entity.doc
    for begin in range(entity.start + 1, entity.end - 1):
        suffix = _key(doc[begin : entity.end])
        if votes.get(suffix, Counter[str]())["PERSON"] >= 1:
            return begin, "PERSON"
    return start, label


def _given_name_of(entity: Span, people: set[str]) -> bool:
    """ "Volodymyr Zelenskyy" labelled once otherwise, while "Zelenskyy" is confidently a
    person: a known given name before a known surname."""
    words = _key(entity).split()
    return len(words) == 2 and words[0].lower() in given_names() and words[1] in people


def _confident_surnames(doc: Doc, entities: list[Span], votes: dict[str, Counter[str]]) -> set[str]:
    found = set()
    names = given_names()
    for entity in entities:
        if entity.label_ != "PERSON":
            continue
        words = [w for w in _key(entity).split() if w.lower().rstrip(".") not in TITLES]
        if len(words) < 2:
            continue
        titled = (
            entity.start > 0
            and doc[entity.start - 1].lower_.rstrip(".") in TITLES
            or entity[0].lower_.rstrip(".") in TITLES
        )
        if words[0].lower() in names or titled or votes[_key(entity)]["PERSON"] >= 2:
            found.add(words[-1])
    return found


def _agreed_label(key: str, label: str, counts: Counter[str], surnames: set[str]) -> str:
    best, best_count = max(counts.items(), key=lambda item: (item[1], item[0] == label))
    if best == label or best_count <= counts[label]:
        return label
    confident = " " in key or best_count >= 2 or (best == "PERSON" and key in surnames)
    return best if confident else label


_BASE_PATTERNS: weakref.WeakKeyDictionary[SpanRuler, list[dict[str, Any]]] = weakref.WeakKeyDictionary()


def set_project_patterns(nlp: Language, patterns: list[dict[str, Any]]) -> int:
    """Give the entity ruler a project's own patterns (its actor dictionary's names) on top
    of those it was built with; a later call replaces them, so one pipeline serves several
    projects in turn. A pipeline without our ruler is left alone.

    nlp (Language): a pipeline made by `annotator.nlp.pipeline`.
    patterns (list[dict]): spaCy patterns ({"label", "pattern", "id"}).
    RETURNS (int): the number of patterns the ruler holds now.
    """
    ruler = next((pipe for name, pipe in nlp.pipeline if nlp.get_pipe_meta(name).factory == FACTORY), None)
    if not isinstance(ruler, SpanRuler):
        return 0
    base = _BASE_PATTERNS.setdefault(ruler, list(ruler.patterns))
    ruler.clear()
    ruler.add_patterns(base + list(patterns))
    return len(ruler.patterns)
