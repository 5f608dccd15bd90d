"""The label scheme the readers read for: the project's, set by the import around reading.

Readers keep their one-argument signature; what depends on the scheme (which labels are
event types, which sub-types exist, which labels of other schemes are aliases of ours)
asks `current_scheme()`, which is the project's scheme while an import reads and the
bundled default otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache

from annotator.core.scheme import LabelScheme

_scheme: ContextVar[LabelScheme | None] = ContextVar("reading_scheme", default=None)


@cache
def _default() -> LabelScheme:
    return LabelScheme.default()


def current_scheme() -> LabelScheme:
    """The scheme being read for: the project's during an import, else the default."""
    return _scheme.get() or _default()


def use(scheme: LabelScheme) -> Token[LabelScheme | None]:
    """Read for `scheme` until `reset(token)` (the cheap form of `reading_for`)."""
    return _scheme.set(scheme)


def reset(token: Token[LabelScheme | None]) -> None:
    _scheme.reset(token)


@contextmanager
def reading_for(scheme: LabelScheme) -> Iterator[None]:
    """Read for `scheme` within the block."""
    token = _scheme.set(scheme)
    try:
        yield
    finally:
        _scheme.reset(token)


def event_type_names(scheme: LabelScheme | None = None) -> frozenset[str]:
    """Upper-cased labels that name an event type: the scheme's own and its aliases of them."""
    scheme = scheme or current_scheme()
    aliases = {
        alias.partition(":")[0]
        for alias, target in scheme.aliases.items()
        if target.partition(":")[0] in scheme.event_types
    }
    return frozenset(name.upper() for name in (*scheme.event_types, *aliases))


def known_sub_types(scheme: LabelScheme | None = None) -> dict[str, str]:
    """One-word encodings of the scheme's sub-types ("Air_drone_strike") -> the sub-type."""
    scheme = scheme or current_scheme()
    return {re.sub(r"\W+", "_", s).strip("_"): s for spec in scheme.event_types.values() for s in spec.sub_types}
