"""Rules that make event suggestions worth correcting (they need a parse).

- Modal events: a verb of a type's `modal_verbs` under a commitment ("will support",
  "promised to release", "ready to host"), a threat ("would boycott", "vowed to fight") or
  an obligation ("must cooperate") is an event of that type, flagged future or
  hypothetical, instead of being missed; "must" + any verb is a DEMAND.
- Precision: an event needs a participant (ACTOR, TARGET, ASSOC_ACTOR) of its own; a noun
  trigger borrows one only from a support verb ("staged rallies"), not from any verb it
  hangs on ("confirmed the swap"). Violent events may instead have casualties, a weapon or
  an armed group in their sentence.
- PROTEST or DEMAND: a demand made by protesters, demonstrators or a crowd, or next to a
  protest action (blocked roads), is a protest; a protest by states or organisations only
  is an accusation (a diplomatic protest).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span, Token

from annotator.nlp.event_args import ACTOR_LABELS, ACTOR_NOUNS, clause_bounds
from annotator.nlp.lexicon import inflections

COMMITMENT_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "may", "might", "'d"})
OBLIGATION_AUX = frozenset({"must"})
INTENT_VERBS = {
    "promise": "future",
    "pledge": "future",
    "vow": "future",
    "swear|swore|sworn": "future",
    "plan": "future",
    "decide": "future",
    "agree": "future",
    "offer": "hypothetical",
    "threaten": "hypothetical",
    "intend": "future",
    "prepare": "future",
}
READY_WORDS = frozenset({"ready", "prepared", "willing", "set"})
PARTICIPANTS = frozenset({"ACTOR", "TARGET", "ASSOC_ACTOR"})
THIRD_PERSON = frozenset({"he", "she", "it", "they", "his", "her", "its", "their"})
"""Pronouns that stand for a participant; "I", "we" and "you" (mostly in quoted speech) do not."""
CONTEXT_ROLES = frozenset({"FATALITIES", "INJURED", "ARRESTED", "INSTRUMENT"})
VIOLENT = frozenset({"BATTLE", "EXPLOSION_REMOTE", "VIOLENCE_AGAINST_CIVILIANS", "RIOT"})
CONFLICT_ENTITIES = frozenset({"ARMED_GROUP", "WEAPON"})
CROWD_NOUNS = frozenset("protesters protestors demonstrators marchers strikers picketers rioters crowd crowds".split())
SUPPORT_VERBS = frozenset(
    "hold stage launch mount organise organize conduct carry begin start continue resume renew undertake issue make "
    "wage reach sign lead join reiterate call declare open have take deliver lodge file impose reimpose enforce "
    "arrive pay announce step escalate intensify".split()
)


def _forms(words: Iterable[str]) -> frozenset[str]:
    return frozenset(form for word in words for form in inflections(word))


def _is(token: Token, forms: frozenset[str]) -> bool:
    """Whether a token is one of the words, by lemma or by inflected form (the small
    models' lemmatizer is not always right: "staged" -> "stag")."""
    return token.lower_ in forms or (token.lemma_ or "").lower() in forms


def modal_triggers(doc: Doc, lexicon: dict[str, Any]) -> list[tuple[Span, str, str]]:
    """(trigger, event type, "future" | "hypothetical") for each modal event of the Doc."""
    if not doc.has_annotation("DEP"):
        return []
    verbs = {
        form: event_type
        for event_type, spec in lexicon.items()
        for word in spec.get("modal_verbs", [])
        for form in inflections(word)
    }
    found = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "aux":
            continue
        lemma = (token.lemma_ or token.lower_).lower()
        event_type = verbs.get(lemma) or verbs.get(token.lower_)
        mood = _mood(token)
        if mood is None:
            continue
        kind, flag = mood
        if kind == "obligation" and "DEMAND" in lexicon:
            if not _actor_subject(token):
                continue
            start = min([c.i for c in token.children if c.lower_ in OBLIGATION_AUX] + [token.i])
            found.append((doc[start : token.i + 1], "DEMAND", "hypothetical"))
        elif event_type is not None:
            found.append((doc[token.i : token.i + 1], event_type, flag))
    return found


def _actor_subject(verb: Token) -> bool:
    """Whether the one who "must" is an actor: a named party, a noun such as "government"
    or "forces", or a pronoun ("it must cooperate"); not "the border must stay open"."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.ent_type_ in ACTOR_LABELS or child.lower_ in THIRD_PERSON:
            return True
        if child.lower_ in ACTOR_NOUNS or (child.lemma_ or "").lower() in ACTOR_NOUNS:
            return True
    return False


def _mood(verb: Token) -> tuple[str, str] | None:
    """("commitment" | "obligation", flag) when a modal or an intent word governs the verb."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & OBLIGATION_AUX:
        return "obligation", "hypothetical"
    if aux & COMMITMENT_AUX:
        return "commitment", "future"
    if aux & CONDITIONAL_AUX:
        return "commitment", "hypothetical"
    infinitive = verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and any(c.lower_ == "to" for c in verb.children))
    if infinitive:
        head = verb.head
        for intent, flag in INTENT_VERBS.items():
            if _is(head, INTENT_FORMS[intent]):
                return "commitment", flag
        if head.lower_ in READY_WORDS:
            return "commitment", "hypothetical"
    return None


def worth_suggesting(trigger: Span, arguments: Iterable[tuple[str, Span]]) -> bool:
    """Whether an event has a participant of its own, or (violent types) a conflict context.

    A verb's participants are its own, a pronoun subject included ("it will return the
    weapons"); a noun's are those inside its own phrase ("talks between A and B", "its
    demand") or, when it is the object of a support verb ("staged rallies", "mounted an
    invasion", "issued an ultimatum"), that verb's."""
    arguments = list(arguments)
    if any(role in PARTICIPANTS and _own(trigger, span) for role, span in arguments):
        return True
    if _pronoun_participant(trigger):
        return True
    if trigger.label_ in VIOLENT:
        if any(role in CONTEXT_ROLES for role, _ in arguments):
            return True
        start, end = clause_bounds(trigger.doc, trigger.start)
        return any(e.label_ in CONFLICT_ENTITIES and start <= e.start < end for e in trigger.doc.ents)
    return False


def _own(trigger: Span, argument: Span) -> bool:
    root = trigger.root
    if root.pos_ in ("VERB", "AUX") or _supported(root):
        return True
    return argument.root.i in {t.i for t in root.subtree}


def _supported(noun: Token) -> bool:
    """A noun that is the object of a support verb: the verb's subject is its actor."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return noun.dep_ in ("dobj", "pobj", "nsubjpass") and _is(head, SUPPORT_FORMS)


def _pronoun_participant(trigger: Span) -> bool:
    """A third-person pronoun as the subject of the trigger verb (or of the verb it depends
    on) or as the possessor of the trigger noun."""
    token = trigger.root
    if token.pos_ not in ("VERB", "AUX"):
        if any(c.dep_ == "poss" and c.lower_ in THIRD_PERSON for c in token.children):
            return True
        if not _supported(token):
            return False
        token = token.head if token.dep_ != "pobj" else token.head.head
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in THIRD_PERSON for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "conj", "advcl", "acomp") or token.head is token:
            break
        token = token.head
    return False


def disambiguate(trigger: Span, arguments: list[tuple[str, Span]], triggers: list[Span]) -> str:
    """PROTEST or DEMAND (and a diplomatic protest as ACCUSE): the label the event keeps."""
    label = trigger.label_
    actors = [span for role, span in arguments if role == "ACTOR"]
    if label == "DEMAND":
        start, end = clause_bounds(trigger.doc, trigger.start)
        protest_near = any(
            t.label_ in ("PROTEST", "RIOT") and start <= t.start < end for t in triggers if t is not trigger
        )
        if protest_near or any(_crowd(span) for span in actors):
            return "PROTEST"
    if label == "PROTEST" and actors and all(_institution(span) for span in actors):
        return "ACCUSE"
    return label


SUPPORT_FORMS = _forms(SUPPORT_VERBS)
INTENT_FORMS = {verb: _forms([verb]) for verb in INTENT_VERBS}


def _crowd(span: Span) -> bool:
    head = span.root
    return head.lower_ in CROWD_NOUNS or (head.lemma_ or "").lower() in CROWD_NOUNS


def _institution(span: Span) -> bool:
    return (
        span.label_ in ("GPE", "ORG") or span.root.ent_type_ in ("GPE", "ORG") and span.root.ent_type_ in ACTOR_LABELS
    )
