"""Event coding over a project: dates and claims filled in where they are missing, the
publication date an article is read against, and what a person corrects.

Suggestions are coded before they are stored (pre-annotation) and imported annotations
as they are imported; `code_project` fills in what is missing later (after a publication
date was typed, or in a project made before event coding existed), through recorded
edits, so every change is in the history and undoable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from annotator.core import edits as e
from annotator.core.errors import ValidationError
from annotator.core.model import MODEL_ANNOTATOR, Annotations, Article, Event, Origin
from annotator.core.scheme import LabelScheme
from annotator.nlp.coding import code_events, event_date
from annotator.nlp.dates import Anchor, publication_anchor
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.apply import apply_edit
from annotator.store.coding import set_published as store_published

CODER = "annotator-coding"
"""Who the history names for coding filled in by `code_project`."""


def anchor_of(article: Article) -> Anchor | None:
    """The publication date an article's dates are read against (its `published` field,
    else a date in its URL)."""
    return publication_anchor(article.published, article.url)


def code_article(annotations: Annotations, article: Article, scheme: LabelScheme) -> Annotations:
    """`annotations` with missing event dates and claims filled in (nothing stored)."""
    if not annotations.events:
        return annotations
    return code_events(annotations, article.text, anchor_of(article), scheme)


def coding_edits(annotations: Annotations, article: Article, scheme: LabelScheme) -> list[e.Edit]:
    """The edits that fill in what `code_article` would add to a stored set (events with ids)."""
    coded = code_article(annotations, article, scheme)
    changes: list[e.Edit] = []
    for before, after in zip(annotations.events, coded.events):
        if before.id is None:
            continue
        if before.date is None and after.date is not None:
            changes.append(e.SetEventDate(before.id, None, after.date))
        if not before.claims:
            changes += [e.AddClaim(before.id, claim) for claim in after.claims]
    return changes


def redated(annotations: Annotations, article: Article) -> list[e.Edit]:
    """Date edits for events dated from a TIME argument (not by a person, not by a file)
    whose date reads differently against the article's (new) publication date."""
    anchor = anchor_of(article)
    changes: list[e.Edit] = []
    for event in annotations.events:
        if event.id is None or (event.date is not None and event.date.origin != Origin.MODEL):
            continue
        found = event_date(event, article.text, anchor)
        if found != event.date:
            changes.append(e.SetEventDate(event.id, event.date, found))
    return changes


@dataclass
class CodingReport:
    sets: int = 0
    dates: int = 0
    claims: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.sets} annotation sets coded: {self.dates} dates and {self.claims} claims filled in"


def code_project(project: Project, annotator: str | None = None) -> CodingReport:
    """Fill in missing event dates and claims in every set (or one annotator's sets), one
    recorded edit per set. The model's sets are coded in place like any other."""
    report = CodingReport()
    names = [annotator] if annotator else sorted(sets.annotator_names(project.db))
    for name in names:
        for info in sets.sets_for_annotator(project.db, name):
            annotations = sets.load_annotations(project.db, info.id)
            changes = coding_edits(annotations, project.article(info.article_id), project.scheme)
            if not changes:
                continue
            apply_edit(
                project.db,
                info.id,
                name if name != MODEL_ANNOTATOR else CODER,
                e.Compound(tuple(changes), "code events"),
            )
            report.sets += 1
            report.dates += sum(isinstance(c, e.SetEventDate) for c in changes)
            report.claims += sum(isinstance(c, e.AddClaim) for c in changes)
    return report


_PARTIAL_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def normalise_published(value: str) -> str | None:
    """A publication date as typed, as ISO (YYYY, YYYY-MM or YYYY-MM-DD); "" clears it.

    RAISES (ValidationError): not a date of that shape, or not a real day.
    """
    value = value.strip()
    if not value:
        return None
    if not _PARTIAL_ISO.match(value):
        raise ValidationError(f"publication date {value!r}: write it as YYYY-MM-DD (or YYYY-MM, YYYY)")
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise ValidationError(f"publication date {value!r}: {error}") from error
    return value


def set_published(project: Project, article_id: int, value: str) -> str | None:
    """Type an article's publication date (the dates of its events are read against it).

    RETURNS (str | None): the stored value.
    """
    normalised = normalise_published(value)
    store_published(project.db, article_id, normalised)
    return normalised


def validate_coding(
    edit: e.SetEventDate | e.AddClaim | e.RemoveClaim, event: Event | None, scheme: LabelScheme
) -> None:
    """Refuse a date or claim that cannot be right: on no event, a period that ends before
    it starts, a claim kind the event type does not take, a negative figure or a range
    whose top is not above its figure."""
    if event is None:
        raise ValidationError("that event is not in this article")
    if isinstance(edit, e.SetEventDate):
        if edit.after is not None:
            try:
                first, last = date.fromisoformat(edit.after.first), date.fromisoformat(edit.after.last)
            except ValueError as error:
                raise ValidationError(f"event date: {error}") from error
            if last < first:
                raise ValidationError(f"event date: {edit.after.last} is before {edit.after.first}")
        return
    claim = edit.claim
    if isinstance(edit, e.AddClaim):
        spec = scheme.event_types.get(event.event_type)
        if spec is not None and str(claim.kind) not in spec.claims:
            raise ValidationError(
                f"{event.event_type} events take no {claim.kind} figures ({', '.join(spec.claims) or 'none'})"
            )
        if claim.figure < 0 or (claim.high is not None and claim.high <= claim.figure):
            raise ValidationError(f"figure {claim.figure_text}: not a count")
