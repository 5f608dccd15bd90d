"""Entity ruler for what the stock English models do not predict: ARMED_GROUP, WEAPON,
and actor names they miss ("Daesh", "Hezbollah", "Wagner Group", "RSF"); and a small
component that makes the labels of one name agree across a document.

Patterns live in resources/lexicons/entity_patterns.jsonl (spaCy's pattern format). The
component is spaCy's SpanRuler writing `doc.ents`, with new matches winning over the
model's overlapping entities, so "Hezbollah" is ARMED_GROUP even when NER says ORG.
"""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

import srsly
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from annotator.nlp.lexicon import lexicon_path

FACTORY = "annotator_entities_v1"
PATTERNS_FILE = "entity_patterns.jsonl"


def default_patterns() -> list[dict]:
    """The bundled ARMED_GROUP/WEAPON patterns."""
    return list(srsly.read_jsonl(lexicon_path(PATTERNS_FILE)))


@Language.factory(
    FACTORY,
    default_config={"patterns_path": None, "overwrite_model": True},
)
def make_entity_ruler(
    nlp: Language, name: str, patterns_path: Optional[str], overwrite_model: bool
) -> SpanRuler:
    """Create the entity ruler with the bundled patterns (or those in `patterns_path`).

    patterns_path (Optional[str]): a JSONL file of spaCy patterns; None: the bundled file.
    overwrite_model (bool): whether ruler matches replace overlapping model entities.
    RETURNS (SpanRuler): the component; it saves its patterns with the pipeline.
    """
    ents_filter = registry.misc.get(
        "spacy.prioritize_new_ents_filter.v1" if overwrite_model else "spacy.prioritize_existing_ents_filter.v1"
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
    "secretary senator spokesman spokeswoman envoy ambassador".split()
)


@Language.factory(CONSISTENCY_FACTORY)
def make_name_consistency(nlp: Language, name: str):
    """Create the component that makes a document's name mentions agree (see `harmonise_names`)."""
    return harmonise_names


def harmonise_names(doc: Doc) -> Doc:
    """One label per name in a document: the majority label of its mentions, a surname
    counting as a mention of the full PERSON name; unlabelled mentions of a known person
    are added; leading titles ("President", "PM") are trimmed from PERSON entities."""
    entities = list(doc.ents)
    votes: dict[str, Counter] = defaultdict(Counter)
    for entity in entities:
        if entity.label_ in NAME_LABELS:
            votes[entity.text][entity.label_] += 1
            if entity.label_ == "PERSON" and len(entity) > 1:
                votes[entity[-1].text]["PERSON"] += 1
    decided = {text: _winner(counts) for text, counts in votes.items()}
    result: list[Span] = []
    for entity in entities:
        label = entity.label_
        if label in NAME_LABELS:
            label = decided.get(entity.text, label)
            if label != "PERSON" and len(entity) > 1 and sum(votes[entity.text].values()) == 1 and decided.get(entity[-1].text) == "PERSON":
                label = "PERSON"
        start = entity.start
        if label == "PERSON":
            while start < entity.end - 1 and doc[start].lower_.rstrip(".") in TITLES:
                start += 1
        result.append(Span(doc, start, entity.end, label=label) if (label, start) != (entity.label_, entity.start) else entity)
    taken = {i for entity in result for i in range(entity.start, entity.end)}
    people = {text for text, label in decided.items() if label == "PERSON" and " " not in text}
    for token in doc:
        if token.i not in taken and token.text in people and token.is_title:
            result.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    doc.set_ents(filter_spans(result))
    return doc


def _winner(counts: Counter) -> str:
    best = max(counts.values())
    tied = [label for label, count in counts.items() if count == best]
    return "PERSON" if "PERSON" in tied else tied[0]


_BASE_PATTERNS: "weakref.WeakKeyDictionary[SpanRuler, list[dict]]" = weakref.WeakKeyDictionary()


def set_project_patterns(nlp: Language, patterns: list[dict]) -> int:
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
