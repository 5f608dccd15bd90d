"""Event component: triggers from a lexicon (lemma forms and phrases per event type),
arguments from the dependency parse and entities, negation and future/hypothetical flags.
With a parse, the rules of `annotator.nlp.event_rules` apply: modal events ("will release",
"must cooperate") are found and flagged, an event needs a participant of its own (or, if
violent, a conflict context), and PROTEST and DEMAND are told apart.

Writes `doc.spans["events"]` (trigger spans labelled with the event type) and on each:
`span._.event_subtype` (str), `span._.event_negated`, `span._.event_hypothetical`,
`span._.event_future` (bool) and `span._.event_arguments` (list of (role, Span)).
Without a parser the arguments come from word order and entities alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import ensure_path, filter_spans, registry

from annotator.nlp.event_args import ArgumentFinder, clause_bounds
from annotator.nlp.event_rules import disambiguate, modal_triggers, worth_suggesting
from annotator.nlp.lexicon import inflections, lexicon_path, phrase_variants, read_trigger_lexicon
from annotator.nlp.span_scores import Scores, span_group_scorer
from annotator.nlp.spanrefs import ref_span

FACTORY = "annotator_events_v1"
SPANS_KEY = "events"
NON_EVENT_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "FAC", "NORP", "ARMED_GROUP", "WEAPON", "WORK_OF_ART", "LAW"})
VIOLENT = frozenset({"BATTLE", "EXPLOSION_REMOTE", "VIOLENCE_AGAINST_CIVILIANS"})
CONSEQUENCES = frozenset({"kill", "killed", "kills", "killing"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
FAILURE_VERBS = frozenset({"fail", "refuse", "decline", "reject", "deny", "halt", "cancel", "suspend", "collapse"})
FUTURE = frozenset(
    {
        "will",
        "shall",
        "'ll",
        "wo",
        "future",
        "upcoming",
        "planned",
        "plan",
        "plans",
        "scheduled",
        "expected",
        "coming",
        "next",
        "intend",
        "intends",
        "prepare",
        "preparing",
    }
)
HYPOTHETICAL = frozenset(
    {
        "may",
        "might",
        "could",
        "would",
        "should",
        "possible",
        "potential",
        "proposed",
        "likely",
        "if",
        "unless",
        "whether",
        "prospect",
        "prospects",
        "hope",
        "hoped",
    }
)

for _name, _default in (
    ("event_subtype", ""),
    ("event_negated", False),
    ("event_hypothetical", False),
    ("event_future", False),
    ("event_arguments_ref", None),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
if not Span.has_extension("event_arguments"):
    Span.set_extension(
        "event_arguments",
        getter=lambda span: [
            (role, found)
            for role, *ref in (span._.event_arguments_ref or ())
            if (found := ref_span(span.doc, ref)) is not None
        ],
    )
if not Span.has_extension("event_type"):
    Span.set_extension("event_type", getter=lambda span: span.label_)


def default_lexicon() -> dict[str, Any]:
    """The bundled trigger lexicon (resources/lexicons/event_triggers.toml)."""
    return read_trigger_lexicon(lexicon_path("event_triggers.toml"))


SCORER = "annotator.event_scorer.v1"


@registry.scorers(SCORER)
def make_event_scorer() -> Callable[..., Scores]:
    """Precision, recall and F of the event triggers with their type, `doc.spans["events"]`:
    `spans_events_p|r|f`, per type in `spans_events_per_type`."""
    return span_group_scorer(SPANS_KEY)


@Language.factory(FACTORY, default_config={"lexicon_path": None, "precision": True, "scorer": {"@scorers": SCORER}})
def make_event_finder(
    nlp: Language,
    name: str,
    lexicon_path: str | None,
    precision: bool,
    scorer: Callable[..., Scores] | None,
) -> EventFinder:
    """Create the event component.

    lexicon_path (Optional[str]): a TOML trigger lexicon; None: the bundled one.
    precision (bool): drop events without a participant of their own (or, if violent, a
        conflict context) and tell PROTEST from DEMAND; needs a parse.
    scorer: scores the events for `nlp.evaluate` / `spacy evaluate` (`spans_events_f`).
    """
    lexicon = read_trigger_lexicon(Path(lexicon_path)) if lexicon_path else default_lexicon()
    return EventFinder(nlp, name, lexicon=lexicon, precision=precision, scorer=scorer)


class EventFinder:
    """Finds event triggers and their arguments; saves its lexicon with the pipeline."""

    def __init__(
        self,
        nlp: Language,
        name: str = "annotator_events",
        *,
        lexicon: dict[str, Any] | None = None,
        precision: bool = True,
        scorer: Callable[..., Scores] | None = None,
    ):
        self.nlp = nlp
        self.name = name
        self.precision = precision
        self.scorer = scorer if scorer is not None else make_event_scorer()
        self.lexicon: dict[str, Any] = {}
        self.role_types: dict[str, frozenset[str]] | None = None
        self.scheme_key: str | None = None
        self.set_lexicon(lexicon if lexicon is not None else default_lexicon())

    def set_lexicon(self, lexicon: dict[str, Any]) -> None:
        """Replace the lexicon and rebuild the matcher."""
        self.lexicon = lexicon
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for event_type, spec in lexicon.items():
            forms: set[str] = set()
            for word in spec.get("words", []):
                forms |= inflections(word)
            for phrase in spec.get("phrases", []):
                forms |= phrase_variants(phrase.lower())
            self.matcher.add(event_type, [self.nlp.make_doc(form) for form in sorted(forms)])

    def __call__(self, doc: Doc) -> Doc:
        triggers = self._triggers(doc)
        moods: dict[tuple[int, int], str] = {}
        for span, modal_label, modal_mood in modal_triggers(doc, self.lexicon):
            triggers = [t for t in triggers if not (t.start < span.end and span.start < t.end)]
            triggers.append(Span(doc, span.start, span.end, label=modal_label))
            moods[(span.start, span.end)] = modal_mood
        triggers.sort(key=lambda t: t.start)
        filtering = self.precision and doc.has_annotation("DEP")
        arguments = ArgumentFinder(doc, self.role_types)
        kept: list[Span] = []
        for trigger in triggers:
            found = arguments.find(trigger)
            if filtering:
                if not worth_suggesting(trigger, found):
                    continue
                label = disambiguate(trigger, found, triggers)
                if label != trigger.label_:
                    trigger = Span(doc, trigger.start, trigger.end, label=label)
            spec = self.lexicon.get(trigger.label_, {})
            trigger._.event_subtype = self._sub_type(doc, trigger, spec)
            negated, hypothetical, future = _flags(doc, trigger)
            mood = moods.get((trigger.start, trigger.end))
            trigger._.event_negated = negated
            trigger._.event_hypothetical = hypothetical or mood == "hypothetical"
            trigger._.event_future = future or mood == "future"
            trigger._.event_arguments_ref = [[role, s.start_char, s.end_char, s.label_] for role, s in found]
            kept.append(trigger)
        doc.spans[SPANS_KEY] = kept
        return doc

    def _triggers(self, doc: Doc) -> list[Span]:
        candidates = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=match_id)
            if _usable(span):
                candidates.append(span)
        triggers = sorted(filter_spans(candidates), key=lambda s: s.start)
        triggers = [t for t in triggers if not _complement_of_same(t, triggers)]
        return [t for t in triggers if not _consequence_only(doc, t, triggers)]

    def _sub_type(self, doc: Doc, trigger: Span, spec: dict[str, Any]) -> str:
        start, end = clause_bounds(doc, trigger.start)
        context = " " + doc[start:end].text.lower() + " "
        own = " " + trigger.text.lower() + " "
        for text in (own, context):
            for sub_type, cues in spec.get("sub_types", {}).items():
                if any(re.search(rf"(?<![\w-]){re.escape(cue.lower())}(?![\w-])", text) for cue in cues):
                    return str(sub_type)
        return str(spec.get("default", ""))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        if self.role_types is None:
            packed: bytes = srsly.msgpack_dumps(self.lexicon)
            return packed
        roles = {role: sorted(labels) for role, labels in self.role_types.items()}
        packed = srsly.msgpack_dumps({"lexicon": self.lexicon, "role_types": roles, "scheme_key": self.scheme_key})
        return packed

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> EventFinder:
        loaded = srsly.msgpack_loads(data)
        if set(loaded) == {"lexicon", "role_types", "scheme_key"}:
            self.role_types = {role: frozenset(labels) for role, labels in loaded["role_types"].items()}
            self.scheme_key = loaded["scheme_key"]
            loaded = loaded["lexicon"]
        self.set_lexicon(loaded)
        return self

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Scores:
        """The events against the gold Docs' `doc.spans["events"]` (see `span_scores`)."""
        return self.scorer(examples, **kwargs)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_json(folder / "lexicon.json", self.lexicon)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventFinder:
        self.set_lexicon(srsly.read_json(ensure_path(path) / "lexicon.json"))
        return self


def _usable(span: Span) -> bool:
    if all(t.ent_type_ in NON_EVENT_ENTITIES for t in span):
        return False
    if len(span) == 1 and span[0].pos_ in ("PROPN", "ADP", "DET", "PRON"):
        return False
    return not span[0].is_space


def _consequence_only(doc: Doc, trigger: Span, triggers: list[Span]) -> bool:
    """ "killed" is the outcome of another violent event in its sentence, not an event."""
    if trigger.label_ != "VIOLENCE_AGAINST_CIVILIANS" or trigger.text.lower() not in CONSEQUENCES:
        return False
    start, end = clause_bounds(doc, trigger.start)
    return any(
        other is not trigger
        and other.label_ in VIOLENT
        and start <= other.start < end
        and other.text.lower() not in CONSEQUENCES
        for other in triggers
    )


def _complement_of_same(trigger: Span, triggers: list[Span]) -> bool:
    """ "agree to a ceasefire": a noun trigger governed by a trigger of the same type is one
    event with it, anchored on the governing word."""
    if not trigger.doc.has_annotation("DEP") or trigger.root.pos_ not in ("NOUN", "PROPN"):
        return False
    head = trigger.root.head
    if head.dep_ == "prep":
        head = head.head
    return any(other is not trigger and other.label_ == trigger.label_ and other.root.i == head.i for other in triggers)


def _flags(doc: Doc, trigger: Span) -> tuple[bool, bool, bool]:
    """(negated, hypothetical, future) from the words that govern or modify the trigger."""
    context = _context(doc, trigger)
    words = [t.lower_ for t in context]
    lemmas = {t.lemma_.lower() or t.lower_ for t in context if t.dep_ != "amod"}
    negated = any(w in NEGATORS for w in words) or bool(lemmas & FAILURE_VERBS)
    hypothetical = any(w in HYPOTHETICAL for w in words)
    future = any(w in FUTURE for w in words)
    return negated, hypothetical, future


def _context(doc: Doc, trigger: Span) -> list[Token]:
    if not doc.has_annotation("DEP"):
        start, _ = clause_bounds(doc, trigger.start)
        return [doc[i] for i in range(max(start, trigger.start - 4), trigger.start)]
    tokens: list[Token] = []
    token = trigger.root
    for level in range(3):
        tokens.extend(
            c for c in token.children if c.dep_ in ("aux", "auxpass", "neg", "amod", "det", "mark", "advmod", "expl")
        )
        if level and token.pos_ in ("VERB", "AUX"):
            tokens.append(token)
        if token.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "conj") and token.pos_ in ("VERB", "AUX"):
            break
        if token.head is token:
            break
        token = token.head
    return tokens
