"""Attribution of one quote: its cue (the reporting verb) and its speaker as written.

Looked for, in order: a dash and a name after the quote (“...” ― Jane Doe); a reporting
verb in the words after or before the quote, within its sentence, or in the last sentence
of the paragraph before when that ends with a colon (He said: + “...” in the next
paragraph); "according to"; a name right before a colon (Peskov: “...”); for a quote
inside a sentence, the verb that governs it (Obama called the holiday “a celebration”);
for a quote right after a sentence that ends with an attribution (..., Schiff said.
“...”), that attribution. The speaker is the cue's subject when there is a parse (a name,
a pronoun or a noun phrase such as "the ministry"); without one, the nearest name or
pronoun next to the cue. Short quoted fragments (Trump called it “a con”) take the subject
of the verb that governs them.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from annotator.nlp.lexicon import inflections

SPEAKER_LABELS = ("PERSON", "ORG", "ARMED_GROUP", "GPE", "NORP")
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "who"})
SENTENCE_END = frozenset({".", "!", "?"})
DASHES = frozenset({"―", "—", "–", "-", "--"})
FRAMING_VERBS = frozenset(
    "call describe label dub brand term characterize characterise dismiss hail praise blast slam attack accuse "
    "criticize criticise denounce condemn laud decry mock ridicule".split()
)
FRAMING_FORMS = frozenset(form for verb in FRAMING_VERBS for form in inflections(verb))
WINDOW = 20


class Attributor:
    """Finds cue and speaker mention around quotes of one Doc.

    doc (Doc): the processed Doc.
    inside (list[bool]): per token, whether it lies inside the marks of a quote.
    marks (list[tuple[int, int]]): (opening, closing) token of each quote, in order.
    is_cue (Callable[[Token], bool]): whether a token is a reporting verb.
    """

    def __init__(self, doc: Doc, inside: list[bool], marks: list[tuple[int, int]], is_cue: Callable[[Token], bool]):
        self.doc = doc
        self.inside = inside
        self.marks = marks
        self.is_cue = is_cue
        self.parsed = doc.has_annotation("DEP")
        self.entity_of = {i: entity for entity in doc.ents for i in range(entity.start, entity.end)}

    def direct(self, span: Span, index: int) -> tuple[Span | None, Span | None]:
        """(cue, speaker mention) of the `index`-th quote; either may be None."""
        open_token, close_token = self.marks[index]
        after = self._after_window(close_token, index)
        before = self._before_window(open_token, index) or self._lead_in(open_token, index)
        dashed = self._dash_speaker(close_token, after)
        if dashed is not None:
            return None, dashed
        last = span[-1].text if len(span) else ""
        if last == "." and span._.quote_kind == "mixed":
            after = []
        windows = (
            [(after, True), (before, False)]
            if last in (",", "?", "!", "—", "–", "-")
            else [(before, False), (after, True)]
        )
        for window, forward in windows:
            cue = self.find_cue(window, forward)
            if cue is not None:
                return cue, self.speaker(cue, window)
        colon = self._colon_speaker(before)
        if colon is not None:
            return None, colon
        if before and before[-1].text != ":" and self.parsed:
            return self.fragment(span)
        return self._previous_sentence(open_token, index)

    def fragment(self, span: Span) -> tuple[Span | None, Span | None]:
        """(cue, speaker mention) of a short quoted fragment: the subject of the verb that
        governs it, a reporting or framing verb first."""
        if not self.parsed:
            return self._sentence_cue(span)
        token = span.root
        fallback: Token | None = None
        for _ in range(8):
            if token.head is token:
                break
            token = token.head
            if token.pos_ not in ("VERB", "AUX"):
                continue
            if self.is_cue(token) or token.lower_ in FRAMING_FORMS or (token.lemma_ or "").lower() in FRAMING_FORMS:
                subject = self._parsed_subject(token)
                if subject is not None:
                    return self.doc[token.i : token.i + 1], self._mention(subject)
            if fallback is None and self._parsed_subject(token) is not None:
                fallback = token
        if fallback is not None:
            subject = self._parsed_subject(fallback)
            return None, self._mention(subject) if subject is not None else None
        return self._sentence_cue(span)

    def find_cue(self, window: list[Token], forward: bool) -> Span | None:
        tokens = window if forward else window[::-1]
        for token in tokens:
            nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            if token.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
                return self.doc[token.i : token.i + 2]
            if self.is_cue(token):
                return self.doc[token.i : token.i + 1]
        return None

    def speaker(self, cue: Span, window: list[Token]) -> Span | None:
        """The speaker mention of a cue: its subject with a parse, else the nearest name."""
        if cue[0].lower_ == "according":
            return self.according_speaker(cue)
        subject = self._parsed_subject(cue[0]) if self.parsed else None
        if subject is not None:
            return self._mention(subject)
        return self._surface_speaker(cue, window)

    def according_speaker(self, cue: Span) -> Span | None:
        following = [self.doc[i] for i in range(cue.end, min(len(self.doc), cue.end + 8))]
        for token in following:
            if breaks(token) or token.text in SENTENCE_END or token.text == ",":
                break
            if token.ent_type_ in SPEAKER_LABELS:
                return self._entity(token)
        run = title_run(self.doc, following, from_end=False)
        if run is not None:
            return run
        nouns = [t for t in following[:4] if t.pos_ in ("NOUN", "PROPN")]
        return self.doc[cue.end : nouns[0].i + 1] if nouns and nouns[0].i >= cue.end else None

    def clause_window(self, verb: Token) -> list[Token]:
        window: list[Token] = []
        i = verb.i - 1
        while i >= 0 and len(window) < WINDOW and not breaks(self.doc[i]) and self.doc[i].text not in SENTENCE_END:
            window.append(self.doc[i])
            i -= 1
        window.reverse()
        window.append(verb)
        return window

    def _mention(self, subject: Token) -> Span | None:
        """A subject as the speaker is written: the name it is or has in apposition, the
        pronoun, a proper name the recogniser missed, else its noun phrase ("the ministry",
        "Clinton's campaign")."""
        if subject.ent_type_ in SPEAKER_LABELS:
            return self._entity(subject)
        if subject.lower_ in SPEAKER_PRONOUNS and subject.pos_ == "PRON":
            return self.doc[subject.i : subject.i + 1]
        for child in subject.children:
            if child.dep_ == "appos" and child.ent_type_ in SPEAKER_LABELS[:3] and not self.inside[child.i]:
                return self._entity(child)
        if subject.pos_ == "PROPN":
            start = subject.i
            while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].head.i == subject.i:
                start -= 1
            return self.doc[start : subject.i + 1]
        return self._noun_phrase(subject)

    def _noun_phrase(self, token: Token) -> Span | None:
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        start = token.left_edge.i
        while start < token.i and (self.doc[start].is_punct or self.inside[start]):
            start += 1
        return self.doc[start : token.i + 1]

    def _parsed_subject(self, verb: Token) -> Token | None:
        token = verb
        for _ in range(4):
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and not self.inside[child.i]:
                    return child
            if token.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and token.head is not token:
                token = token.head
            else:
                break
        return None

    def _entity(self, token: Token) -> Span:
        return self.entity_of.get(token.i) or self.doc[token.i : token.i + 1]

    def _surface_speaker(self, cue: Span, window: list[Token]) -> Span | None:
        before = [t for t in window if t.i < cue.start]
        after = [t for t in window if t.i >= cue.end]
        for label in SPEAKER_LABELS:
            named = [t for t in before if t.ent_type_ == label]
            if named:
                return self._entity(named[-1])
        for token in reversed(before[-2:]):
            if token.lower_ in SPEAKER_PRONOUNS:
                return self.doc[token.i : token.i + 1]
        for label in SPEAKER_LABELS:
            named = [t for t in after[:6] if t.ent_type_ == label]
            if named:
                return self._entity(named[0])
        if after and after[0].lower_ in SPEAKER_PRONOUNS:
            return self.doc[after[0].i : after[0].i + 1]
        return title_run(self.doc, before, from_end=True) or title_run(self.doc, after[:4], from_end=False)

    def _dash_speaker(self, close_token: int, after: list[Token]) -> Span | None:
        """“...” ― Jane Doe: a name right after a dash that follows the quote."""
        glued = self.doc[close_token].text[-1:] in "―—–"
        words = [t for t in after if not t.is_space]
        if not glued and (not words or words[0].text not in DASHES):
            return None
        names = words if glued else words[1:]
        if not names:
            return None
        if names[0].ent_type_ in SPEAKER_LABELS[:3]:
            entity = self._entity(names[0])
            return self.doc[names[0].i : entity.end] if entity.start < names[0].i else entity
        return title_run(self.doc, names[:4], from_end=False) if names[0].is_title else None

    def _colon_speaker(self, before: list[Token]) -> Span | None:
        """Peskov: “...”: a name right before the colon that introduces the quote."""
        if len(before) < 2 or before[-1].text != ":":
            return None
        last = before[-2]
        if last.ent_type_ in SPEAKER_LABELS:
            entity = self._entity(last)
            return entity if entity.start >= before[0].i else None
        return title_run(self.doc, before[:-1], from_end=True) if last.is_title else None

    def _after_window(self, close_token: int, index: int) -> list[Token]:
        window: list[Token] = []
        next_open = self.marks[index + 1][0] if index + 1 < len(self.marks) else len(self.doc)
        for i in range(close_token + 1, min(len(self.doc), close_token + 1 + WINDOW, next_open)):
            token = self.doc[i]
            if breaks(token) or self.inside[i] or token.text in SENTENCE_END:
                break
            window.append(token)
        return window

    def _before_window(self, open_token: int, index: int) -> list[Token]:
        window: list[Token] = []
        stop = self.marks[index - 1][1] if index > 0 else -1
        i = open_token - 1
        while i > stop and len(window) < WINDOW * 2:
            token = self.doc[i]
            if breaks(token) or token.text in SENTENCE_END or self.inside[i]:
                break
            window.append(token)
            i -= 1
        return window[::-1]

    def _lead_in(self, open_token: int, index: int) -> list[Token]:
        """A quote opening its paragraph after a paragraph that ends with a colon: the
        colon's sentence (The minister said:\\n\\n“...”)."""
        i = open_token - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        stop = self.marks[index - 1][1] if index > 0 else -1
        if i <= stop or i == open_token - 1 or self.doc[i].text != ":":
            return []
        window = [self.doc[i]]
        i -= 1
        while i > stop and len(window) < WINDOW * 2:
            token = self.doc[i]
            if breaks(token) or token.text in SENTENCE_END or self.inside[i]:
                break
            window.append(token)
            i -= 1
        return window[::-1]

    def _previous_sentence(self, open_token: int, index: int) -> tuple[Span | None, Span | None]:
        """A quote after a sentence of its paragraph that ends with an attribution
        (..., Schiff said. “The other factor ...”): that sentence's cue and speaker."""
        i = open_token - 1
        while i >= 0 and self.doc[i].is_space and not breaks(self.doc[i]):
            i -= 1
        stop = self.marks[index - 1][1] if index > 0 else -1
        if i <= stop or self.doc[i].text not in SENTENCE_END:
            return None, None
        window: list[Token] = []
        i -= 1
        while i > stop and len(window) < WINDOW * 2:
            token = self.doc[i]
            if breaks(token) or token.text in SENTENCE_END or self.inside[i]:
                break
            window.append(token)
            i -= 1
        window.reverse()
        cue = self.find_cue(window[-4:], forward=False)
        return (cue, self.speaker(cue, window)) if cue is not None else (None, None)

    def _sentence_cue(self, span: Span) -> tuple[Span | None, Span | None]:
        """Without a parse: a reporting verb before the fragment in its sentence."""
        window: list[Token] = []
        i = span.start - 1
        while i >= 0 and len(window) < WINDOW and not breaks(self.doc[i]) and self.doc[i].text not in SENTENCE_END:
            window.append(self.doc[i])
            i -= 1
        window.reverse()
        cue = self.find_cue(window, forward=False)
        return (cue, self.speaker(cue, window)) if cue is not None else (None, None)


def breaks(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def title_run(doc: Doc, tokens: list[Token], *, from_end: bool) -> Span | None:
    """A run of capitalised words next to the cue (a name the entity recogniser missed)."""
    ordered = tokens[::-1] if from_end else tokens
    run: list[Token] = []
    for token in ordered:
        if token.is_title and token.is_alpha and not token.is_stop:
            run.append(token)
        else:
            break
    if not run:
        return None
    run.sort(key=lambda t: t.i)
    return doc[run[0].i : run[-1].i + 1]
