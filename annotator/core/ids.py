"""Store ids of the values an edit points at."""

from __future__ import annotations

from annotator.core.errors import ValidationError


def stored_id(value: int | None, what: str = "annotation") -> int:
    """The id of a value read from a project. Values are built with id None until the store
    assigns one; an edit that points at an event, a quote or an article needs the stored one."""
    if value is None:
        raise ValidationError(f"the {what} is not saved in the project yet")
    return value
