"""The event component set up for a project's scheme.

The bundled trigger lexicon is written in the default scheme's types; a scheme's
`[aliases]` say what each becomes in it (BATTLE → BATTLES in ACLED, FIGHT in PLOVER), and
its `[triggers]` add words for types the lexicon lacks (PLOVER's AID, SANCTION...).
`use_scheme` gives the pipeline's event component the lexicon entries that lead to one of
the scheme's types, the scheme's own trigger words, and which of those labels take the
casualty and instrument roles; `annotator.nlp.suggest` then names each event in the
scheme's types.
"""

from __future__ import annotations

import hashlib
from typing import Any

from spacy.language import Language

from annotator.core.scheme import LabelScheme
from annotator.nlp.event_args import role_types_for
from annotator.nlp.events import FACTORY as EVENTS_FACTORY
from annotator.nlp.events import EventFinder, default_lexicon


def lexicon_for(scheme: LabelScheme) -> dict[str, Any]:
    """The trigger lexicon for `scheme`: the bundled entries that lead to one of its types,
    then its own `[triggers]` (words and phrases added to an entry of the same name)."""
    lexicon = {label: dict(spec) for label, spec in default_lexicon().items() if scheme.event_type_for(label)}
    for name, spec in scheme.triggers.items():
        entry = lexicon.setdefault(name, {})
        for key in ("words", "phrases"):
            entry[key] = [*entry.get(key, []), *spec.get(key, [])]  # type: ignore[misc]  # TOML: lists of strings
        if "sub_types" in spec:
            entry["sub_types"] = {**entry.get("sub_types", {}), **spec["sub_types"]}  # type: ignore[dict-item]  # TOML: a table of strings
        if "default" in spec:
            entry["default"] = spec["default"]
    return lexicon


def event_finder(nlp: Language) -> EventFinder | None:
    """The pipeline's event component, if it has one."""
    for name in nlp.pipe_names:
        if nlp.get_pipe_meta(name).factory == EVENTS_FACTORY:
            return nlp.get_pipe(name)  # type: ignore[return-value]  # the factory checked above makes an EventFinder
    return None


def use_scheme(nlp: Language, scheme: LabelScheme) -> None:
    """Set the pipeline's event component up for `scheme` (once per scheme)."""
    finder = event_finder(nlp)
    if finder is None:
        return
    key = hashlib.sha1(scheme.source.encode("utf-8")).hexdigest()
    if getattr(finder, "scheme_key", None) == key:
        return
    lexicon = lexicon_for(scheme)
    finder.set_lexicon(lexicon)
    finder.role_types = role_types_for(scheme, lexicon)
    finder.scheme_key = key
