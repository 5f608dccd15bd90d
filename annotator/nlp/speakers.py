"""Who a speaker mention refers to: the named entity behind "he", "she", "they", "it",
"who", "the ministry" or "the senator".

People are grouped by name ("Vladimir Putin", "Putin", "Mr. Putin" are one person; a
different first name makes another: Bill and Hillary Clinton; a person's surname tagged as
an organisation is still that person). Each person gets a gender
from given names (resources/lexicons/given_names.tsv), titles (Mr, Mrs, Ms), gendered
nouns next to the name ("spokeswoman", "chairman") and "he"/"she" in sentences where they
are the only person named.

A pronoun is resolved by walking back from it sentence by sentence. In each sentence the
subjects come first (a main clause before its subordinate clauses), then the other
mentions; the first of a compatible gender and number wins. A pronoun met as a subject on
the way stands for its own referent, so "X said ... he said ... he added" chains hold
across paragraphs. Mentions inside quotation marks never count: the people a speaker
talks about are not the speaker. Without a parser, the nearest compatible mention wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from annotator.nlp.lexicon import lexicon_path, read_word_list

MALE, FEMALE = "m", "f"
PRONOUN_GENDER = {
    "he": MALE,
    "him": MALE,
    "his": MALE,
    "himself": MALE,
    "she": FEMALE,
    "her": FEMALE,
    "hers": FEMALE,
    "herself": FEMALE,
}
PLURAL = frozenset({"they", "them", "their"})
NEUTER = frozenset({"it", "its"})
RELATIVE = frozenset({"who", "which"})
PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "ARMED_GROUP", "GPE", "NORP"})
TITLE_GENDER = {
    "mr": MALE,
    "mr.": MALE,
    "sir": MALE,
    "lord": MALE,
    "king": MALE,
    "prince": MALE,
    "mrs": FEMALE,
    "mrs.": FEMALE,
    "ms": FEMALE,
    "ms.": FEMALE,
    "miss": FEMALE,
    "madam": FEMALE,
    "dame": FEMALE,
    "lady": FEMALE,
    "queen": FEMALE,
    "princess": FEMALE,
}
NOUN_GENDER = {
    **{
        w: MALE
        for w in "spokesman chairman congressman businessman councilman husband father son brother widower "
        "grandfather uncle nephew boyfriend actor king".split()
    },
    **{
        w: FEMALE
        for w in "spokeswoman chairwoman congresswoman businesswoman councilwoman wife mother daughter sister "
        "widow grandmother aunt niece girlfriend actress queen".split()
    },
}
NAME_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir lady lord president vice prime minister pm chancellor secretary senator "
    "sen sen. rep rep. representative gov gov. governor gen gen. general col col. colonel lt lt. capt capt. "
    "sgt sgt. judge justice mayor king queen prince princess sheikh ayatollah pope rev rev. father former "
    "spokesman spokeswoman ambassador envoy commander chief".split()
)
DESCRIPTION_TITLES = {
    "president": {"president"},
    "senator": {"senator", "sen.", "sen"},
    "governor": {"governor", "gov.", "gov"},
    "congressman": {"rep.", "rep", "representative", "congressman"},
    "congresswoman": {"rep.", "rep", "representative", "congresswoman"},
    "minister": {"minister"},
    "secretary": {"secretary"},
    "mayor": {"mayor"},
    "general": {"general", "gen.", "gen"},
    "chancellor": {"chancellor"},
    "spokesman": {"spokesman"},
    "spokeswoman": {"spokeswoman"},
    "ambassador": {"ambassador"},
    "prime": {"prime", "pm"},
    "envoy": {"envoy"},
    "commander": {"commander"},
    "judge": {"judge"},
    "leader": {"leader"},
}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
SENTENCES_BACK = 8


@cache
def given_names() -> dict[str, str]:
    """Given name (lower case) -> "m" or "f", from resources/lexicons/given_names.tsv."""
    names = {}
    for line in read_word_list(lexicon_path("given_names.tsv")):
        name, gender = line.split("\t")
        names[name.strip().lower()] = gender.strip()
    return names


@dataclass
class Person:
    """One person of the document and every mention of them."""

    surname: str
    first: str | None = None
    mentions: list[Span] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=dict)

    @property
    def gender(self) -> str | None:
        if not self.votes:
            return None
        male, female = self.votes.get(MALE, 0), self.votes.get(FEMALE, 0)
        return MALE if male > female else FEMALE if female > male else None

    def vote(self, gender: str | None, weight: int = 1) -> None:
        if gender:
            self.votes[gender] = self.votes.get(gender, 0) + weight

    def best_mention(self, before: int) -> Span:
        """The fullest mention before token `before` (the latest of the longest), else the first."""
        earlier = [m for m in self.mentions if m.end <= before] or self.mentions[:1]
        return max(earlier, key=lambda m: (len(_name_words(m)), m.start))


class SpeakerResolver:
    """Resolves speaker mentions of one Doc to named entities.

    doc (Doc): processed; entities in `doc.ents`.
    inside (list[bool]): per token, whether it lies inside quotation marks.
    """

    def __init__(self, doc: Doc, inside: list[bool]):
        self.doc = doc
        self.inside = inside
        self.parsed = doc.has_annotation("DEP")
        self.sentenced = doc.has_annotation("SENT_START") or self.parsed
        self.entity_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self.people: list[Person] = []
        self.person_of: dict[int, Person] = {}
        self._cache: dict[int, Span | None] = {}
        self._group_people()
        self._gender_evidence()

    def resolve(self, mention: Span) -> Span | None:
        """The named entity a speaker mention stands for, or None when the mention is itself
        a name or cannot be resolved."""
        if any(t.i in self.entity_of and self.entity_of[t.i].label_ in PERSON_LABELS | GROUP_LABELS for t in mention):
            return None
        if len(mention) == 1:
            token = mention[0]
            lower = token.lower_
            if lower in PRONOUN_GENDER or lower in PLURAL or lower in NEUTER:
                return self.pronoun(token)
            if lower in RELATIVE:
                return self._relative(token)
        return self._description(mention)

    def pronoun(self, token: Token) -> Span | None:
        """The antecedent of a personal pronoun outside quotes, memoised per token."""
        if token.i not in self._cache:
            self._cache[token.i] = None
            self._cache[token.i] = self._walk_back(token)
        return self._cache[token.i]

    def gender_of(self, span: Span) -> str | None:
        person = self.person_of.get(span.start)
        return person.gender if person is not None else None

    def _walk_back(self, pronoun: Token) -> Span | None:
        lower = pronoun.lower_
        gender = PRONOUN_GENDER.get(lower)
        sentences = self._sentences_back(pronoun)
        for index, (start, end) in enumerate(sentences):
            limit = pronoun.i if index == 0 else end
            candidates = self._candidates(start, limit)
            if gender is not None:
                found = self._pick_person(candidates, gender, limit)
            else:
                found = self._pick_group(candidates, plural=lower in PLURAL, limit=limit)
            if found is not False:
                return found  # type: ignore[return-value]  # False (no answer) is ruled out above
        return None

    def _sentences_back(self, token: Token) -> list[tuple[int, int]]:
        if not self.sentenced:
            return [(max(0, token.i - 60), token.i + 1)]
        found = []
        sentence = token.sent
        start, end = sentence.start, sentence.end
        found.append((start, end))
        while start > 0 and len(found) < SENTENCES_BACK:
            previous = self.doc[start - 1].sent
            start, end = previous.start, previous.end
            found.append((start, end))
        return found

    def _candidates(self, start: int, end: int) -> list[Token]:
        """Mention heads of a stretch, outside quotes: subjects first (shallow before deep),
        then the rest, nearest first. Without a parser: nearest first."""
        heads: list[Token] = []
        seen: set[int] = set()
        for i in range(start, end):
            token = self.doc[i]
            if self.inside[i] or token.is_space:
                continue
            entity = self.entity_of.get(i)
            if entity is not None:
                if entity.start in seen:
                    continue
                seen.add(entity.start)
                heads.append(entity.root if self.parsed else token)
            elif (
                token.lower_ in PRONOUN_GENDER
                or token.lower_ in PLURAL
                or token.lower_ in NEUTER
                or self.parsed
                and token.dep_ in SUBJECTS
                and token.pos_ in ("NOUN", "PROPN")
            ):
                heads.append(token)
        if not self.parsed:
            return heads[::-1]
        subjects = [t for t in heads if t.dep_ in SUBJECTS]
        others = [t for t in heads if t.dep_ not in SUBJECTS]
        subjects.sort(key=lambda t: (_depth(t), t.i))
        return subjects + others[::-1]

    def _pick_person(self, candidates: list[Token], gender: str, limit: int) -> Span | None | bool:
        """The first person of that gender among the subjects, then among the others; a
        person of unknown gender only when no known one fits in the same group.
        RETURNS: a Span, or False to go on to the sentence before."""
        subjects = [t for t in candidates if t.dep_ in SUBJECTS]
        others = [t for t in candidates if t.dep_ not in SUBJECTS]
        for group in (subjects, others):
            unknown: Span | None = None
            for token in group:
                lower = token.lower_
                if lower in PRONOUN_GENDER:
                    if PRONOUN_GENDER[lower] == gender and token.dep_ in SUBJECTS | {""} and token.i < limit:
                        resolved = self.pronoun(token)
                        if resolved is not None:
                            return resolved
                    continue
                entity = self.entity_of.get(token.i)
                person = self.person_of.get(entity.start) if entity is not None else None
                if person is None:
                    continue
                if person.gender == gender:
                    return person.best_mention(limit)
                if person.gender is None and unknown is None:
                    unknown = person.best_mention(limit)
            if unknown is not None:
                return unknown
        return False

    def _pick_group(self, candidates: list[Token], *, plural: bool, limit: int) -> Span | None | bool:
        """ "they"/"it": the first group (organisation, country) or, for "they", people joined
        by "and"; an earlier "they"/"it" subject stands for its own referent. A subject that
        is a plain noun ends the search unresolved."""
        same = PLURAL if plural else NEUTER
        for token in candidates:
            if token.lower_ in same and token.dep_ in SUBJECTS and token.i < limit:
                resolved = self.pronoun(token)
                if resolved is not None:
                    return resolved
                continue
            entity = self.entity_of.get(token.i)
            if entity is not None and entity.label_ in GROUP_LABELS and entity.start not in self.person_of:
                return entity
            if (
                plural
                and entity is not None
                and entity.label_ in PERSON_LABELS
                and any(self.entity_of.get(c.i) is not None for c in token.conjuncts)
            ):
                return entity
            if self.parsed and token.dep_ in SUBJECTS and entity is None and token.pos_ == "NOUN":
                is_plural = token.tag_ in ("NNS", "NNPS")
                if is_plural == plural:
                    return None
        return False

    def _relative(self, token: Token) -> Span | None:
        """ "X, who said ...": the noun the relative clause hangs on."""
        if not self.parsed or token.head.dep_ != "relcl":
            return None
        antecedent = token.head.head
        while antecedent.dep_ == "appos" and antecedent.i not in self.entity_of and antecedent.head is not antecedent:
            antecedent = antecedent.head
        entity = self.entity_of.get(antecedent.i)
        if entity is None or entity.label_ not in PERSON_LABELS | GROUP_LABELS:
            return None
        person = self.person_of.get(entity.start)
        return person.best_mention(token.i) if person is not None else entity

    def _description(self, mention: Span) -> Span | None:
        """ "the ministry" -> the latest organisation named with that word; "the senator" ->
        the latest person written with that title."""
        head = mention.root if self.parsed else mention[-1]
        word = (head.lemma_ or head.lower_).lower()
        if head.pos_ not in ("NOUN", "PROPN", "") or mention[0].lower_ not in ("the", "this", "that"):
            return None
        titles = DESCRIPTION_TITLES.get(word)
        if titles is not None:
            for person in sorted(self.people, key=lambda p: -max(m.start for m in p.mentions)):
                for m in person.mentions:
                    if m.start < mention.start and _titled(self.doc, m, titles):
                        return person.best_mention(mention.start)
            return None
        for entity in reversed(self.doc.ents):
            if (
                entity.end <= mention.start
                and entity.label_ in GROUP_LABELS
                and not self.inside[entity.start]
                and (word in {t.lower_ for t in entity} or word in {(t.lemma_ or "").lower() for t in entity})
            ):
                return entity
        return None

    def _group_people(self) -> None:
        for entity in self.doc.ents:
            if entity.label_ not in PERSON_LABELS:
                continue
            words = _name_words(entity)
            if not words:
                continue
            person = self._person_for(words)
            person.mentions.append(entity)
            self.person_of[entity.start] = person
            for token in _title_tokens(self.doc, entity):
                person.vote(TITLE_GENDER.get(token.lower_), 3)
            if len(words) > 1:
                person.vote(given_names().get(words[0].lower()), 2)
            person.vote(self._noun_gender(entity), 2)
        for entity in self.doc.ents:
            if entity.label_ in PERSON_LABELS:
                continue
            words = _name_words(entity)
            known = self._known_person(words) if 0 < len(words) <= 2 else None
            if known is not None:
                known.mentions.append(entity)
                self.person_of[entity.start] = known

    def _known_person(self, words: list[str]) -> Person | None:
        """A person already named whose name this is ("Trump" tagged ORG in an article
        that names Donald Trump)."""
        surname = words[-1].lower()
        first = words[0].lower() if len(words) > 1 else None
        for person in reversed(self.people):
            if person.surname == surname and person.first is not None and first in (None, person.first):
                return person
        return None

    def _person_for(self, words: list[str]) -> Person:
        surname = words[-1].lower()
        first = words[0].lower() if len(words) > 1 else None
        for person in reversed(self.people):
            if person.surname == surname and (first is None or person.first in (None, first)):
                if first is not None and person.first is None:
                    person.first = first
                return person
        if first is None:
            for person in reversed(self.people):
                if person.first == surname:
                    return person
        person = Person(surname, first)
        self.people.append(person)
        return person

    def _noun_gender(self, entity: Span) -> str | None:
        """A gendered noun right before the name ("spokeswoman Jane Doe") or in the
        apposition after it ("Jane Doe, a spokeswoman")."""
        doc = self.doc
        for i in range(max(0, entity.start - 3), entity.start):
            if doc[i].lower_ in NOUN_GENDER:
                return NOUN_GENDER[doc[i].lower_]
        if entity.end < len(doc) and doc[entity.end].text == ",":
            for i in range(entity.end + 1, min(len(doc), entity.end + 6)):
                if doc[i].text in (",", ".") or doc[i].is_space:
                    break
                if doc[i].lower_ in NOUN_GENDER:
                    return NOUN_GENDER[doc[i].lower_]
        return None

    def _gender_evidence(self) -> None:
        """A sentence naming one person outside quotes, followed in it by "he"/"his" or
        "she"/"her": a vote for that gender."""
        if not self.sentenced:
            return
        for sentence in self.doc.sents:
            named: dict[int, Person] = {}
            pronouns: list[str] = []
            for token in sentence:
                if self.inside[token.i]:
                    continue
                entity = self.entity_of.get(token.i)
                if entity is not None and entity.start in self.person_of:
                    named[id(self.person_of[entity.start])] = self.person_of[entity.start]
                elif token.lower_ in PRONOUN_GENDER and named:
                    pronouns.append(PRONOUN_GENDER[token.lower_])
            if len(named) == 1 and pronouns and len(set(pronouns)) == 1:
                next(iter(named.values())).vote(pronouns[0])


def _name_words(entity: Span) -> list[str]:
    words: list[str] = []
    for token in entity:
        text = token.text
        if text in ("'s", "’s", "'", "’") or not any(c.isalpha() for c in text):
            continue
        if not words and text.lower() in NAME_TITLES:
            continue
        words.append(text.rstrip("’'"))
    return words


def _title_tokens(doc: Doc, entity: Span) -> Iterable[Token]:
    """Tokens that title a name: its own leading ones and the word just before it."""
    for token in entity:
        if token.lower_ in NAME_TITLES:
            yield token
        else:
            break
    if entity.start > 0:
        yield doc[entity.start - 1]


def _titled(doc: Doc, mention: Span, titles: set[str]) -> bool:
    window = [doc[i].lower_ for i in range(max(0, mention.start - 4), mention.end)]
    if any(word in titles for word in window):
        return True
    if mention.end < len(doc) and doc[mention.end].text == ",":
        after = [doc[i].lower_ for i in range(mention.end + 1, min(len(doc), mention.end + 8))]
        return any(word in titles for word in after)
    return False


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token = token.head
        depth += 1
    return depth
