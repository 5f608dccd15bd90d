"""Rules that make event suggestions worth correcting (they need a parse).

- Modal events: a verb of a type's `modal_verbs` under a commitment ("will support",
  "promised to release", "ready to host"), a threat ("would boycott", "vowed to fight") or
  an obligation ("must cooperate") is an event of that type, flagged future or
  hypothetical, instead of being missed; "must" + any verb is a DEMAND.
- Precision: an event needs a participant (ACTOR, TARGET, ASSOC_ACTOR) of its own; a noun
  trigger does not borrow one from the verb it hangs on ("confirmed the swap"). Violent
  events may instead have casualties, a weapon or an armed group in their sentence.
- PROTEST or DEMAND: a demand made by a crowd (protesters, supporters, workers, "Young
  Algerians") or next to a protest action (blocked roads) is a protest; a protest lodged
  by a state or an organisation is an accusation.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from spacy.tokens import Doc, Span, Token

from annotator.nlp.event_args import ACTOR_LABELS, clause_bounds

COMMITMENT_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "may", "might", "'d"})
OBLIGATION_AUX = frozenset({"must"})
INTENT_VERBS = {
    "promise": "future", "pledge": "future", "vow": "future", "swear": "future", "plan": "future",
    "decide": "future", "agree": "future", "offer": "hypothetical", "threaten": "hypothetical",
    "intend": "future", "prepare": "future",
}
READY_WORDS = frozenset({"ready", "prepared", "willing", "set"})
PARTICIPANTS = frozenset({"ACTOR", "TARGET", "ASSOC_ACTOR"})
CONTEXT_ROLES = frozenset({"FATALITIES", "INJURED", "ARRESTED", "INSTRUMENT"})
VIOLENT = frozenset({"BATTLE", "EXPLOSION_REMOTE", "VIOLENCE_AGAINST_CIVILIANS", "RIOT"})
CONFLICT_ENTITIES = frozenset({"ARMED_GROUP", "WEAPON"})
CROWD_NOUNS = frozenset(
    "protesters protestors demonstrators supporters workers students people crowds crowd marchers farmers "
    "residents villagers activists youths thousands hundreds dozens unionists strikers opponents".split()
)


def modal_triggers(doc: Doc, lexicon: dict[str, Any]) -> list[tuple[Span, str, str]]:
    """(trigger, event type, "future" | "hypothetical") for each modal event of the Doc."""
    if not doc.has_annotation("DEP"):
        return []
    verbs = {word.lower(): event_type for event_type, spec in lexicon.items() for word in spec.get("modal_verbs", [])}
    found = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux":
            continue
        lemma = (token.lemma_ or token.lower_).lower()
        mood = _mood(token)
        if mood is None:
            continue
        kind, flag = mood
        if kind == "obligation" and "DEMAND" in lexicon:
            start = min([c.i for c in token.children if c.lower_ in OBLIGATION_AUX] + [token.i])
            found.append((doc[start : token.i + 1], "DEMAND", "hypothetical"))
        elif lemma in verbs:
            found.append((doc[token.i : token.i + 1], verbs[lemma], flag))
    return found


def _mood(verb: Token) -> Optional[tuple[str, str]]:
    """("commitment" | "obligation", flag) when a modal or an intent word governs the verb."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & OBLIGATION_AUX:
        return "obligation", "hypothetical"
    if aux & COMMITMENT_AUX:
        return "commitment", "future"
    if aux & CONDITIONAL_AUX:
        return "commitment", "hypothetical"
    if verb.dep_ == "xcomp":
        head = verb.head
        lemma = (head.lemma_ or head.lower_).lower()
        if lemma in INTENT_VERBS:
            return "commitment", INTENT_VERBS[lemma]
        if head.lower_ in READY_WORDS:
            return "commitment", "hypothetical"
    return None


def worth_suggesting(trigger: Span, arguments: Iterable[tuple[str, Span]]) -> bool:
    """Whether an event has a participant of its own, or (violent types) a conflict context."""
    own = [(role, span) for role, span in arguments if role in PARTICIPANTS and _own(trigger, span)]
    if own:
        return True
    if trigger.label_ in VIOLENT:
        if any(role in CONTEXT_ROLES for role, _ in arguments):
            return True
        start, end = clause_bounds(trigger.doc, trigger.start)
        return any(e.label_ in CONFLICT_ENTITIES and start <= e.start < end for e in trigger.doc.ents)
    return False


def _own(trigger: Span, argument: Span) -> bool:
    """A verb's participants are its own; a noun's only inside its own phrase."""
    root = trigger.root
    if root.pos_ in ("VERB", "AUX"):
        return True
    subtree = {t.i for t in root.subtree}
    return argument.root.i in subtree


def disambiguate(trigger: Span, arguments: list[tuple[str, Span]], triggers: list[Span]) -> str:
    """PROTEST or DEMAND (and a diplomatic protest as ACCUSE): the label the event keeps."""
    label = trigger.label_
    actors = [span for role, span in arguments if role == "ACTOR"]
    if label == "DEMAND":
        start, end = clause_bounds(trigger.doc, trigger.start)
        protest_near = any(t.label_ in ("PROTEST", "RIOT") and start <= t.start < end for t in triggers if t is not trigger)
        if protest_near or any(_crowd(span) for span in actors):
            return "PROTEST"
    if label == "PROTEST" and actors and all(_institution(span) for span in actors):
        return "ACCUSE"
    return label


def _crowd(span: Span) -> bool:
    head = span.root
    if head.lower_ in CROWD_NOUNS or (head.lemma_ or "").lower() in CROWD_NOUNS:
        return True
    return head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS")


def _institution(span: Span) -> bool:
    return span.label_ in ("GPE", "ORG") or span.root.ent_type_ in ("GPE", "ORG") and span.root.ent_type_ in ACTOR_LABELS
