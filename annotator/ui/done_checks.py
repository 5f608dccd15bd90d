"""Before "done": an article whose events break codebook rules gets them listed first.

The first Enter lists the warnings (status bar, and the first failing event selected so
the Events tab shows its details); Enter again, with nothing changed since, marks the
article done. Warnings never block.
"""

from __future__ import annotations

from annotator.services.session import AnnotationSession


class DoneGuard:
    """Remembers which state of which set was warned about."""

    def __init__(self) -> None:
        self._warned: tuple[int | None, str | None] | None = None

    def warning(self, session: AnnotationSession) -> tuple[str, int | None] | None:
        """(message, id of the first failing event) the first time an article with failing
        checks is marked done; None when it may be marked done now."""
        failures = session.checks()
        current = session.current
        if not failures or current is None:
            return None
        state = (session.set_id, current.updated_at)
        if self._warned == state:
            return None
        self._warned = state
        text = session.text
        listed = "; ".join(f"{text[f.trigger[0] : f.trigger[1]]!r}: {f.describe()}" for f in failures[:4]) + (
            "; …" if len(failures) > 4 else ""
        )
        return (
            f"{len(failures)} codebook warning(s) — {listed} — Enter again marks the article done",
            failures[0].event_id,
        )
