"""Incident linking: propose events of different articles as one incident, confirm, split,
and show an incident's reports side by side.

Facts per event come from one annotator's decided sets (the model's suggestions when
nobody has annotated): the event type, a date period (the article's publication date and
the event's TIME arguments, `annotator.core.incidents.event_period`; the event's own
normalised date where event coding has given it one), its LOCATION arguments and its
actors (a person's link, else the actor dictionary's aliases, else the name as written).
Casualty figures are the event's coded claims where it has them, else the FATALITIES and
INJURED arguments as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from annotator.core.actors import normalise
from annotator.core.errors import ValidationError
from annotator.core.ids import stored_id
from annotator.core.incidents import DEFAULT_WINDOW_DAYS, EventFacts, Period, event_period, propose
from annotator.core.model import MODEL_ANNOTATOR, Annotations, Article, Event, Span
from annotator.services.actors import AliasMatcher, dictionary, whose
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store import incidents as store

ACTOR_ROLES = ("ACTOR", "TARGET", "ASSOC_ACTOR")
CLAIM_ROLES = ("FATALITIES", "INJURED")


@dataclass(frozen=True)
class Report:
    """One article's account of an event, as the incident view shows it."""

    event_id: int
    article_id: int
    title: str
    source: str
    published: str
    event_type: str
    sub_type: str
    trigger: str
    sentence: str
    period: Period | None
    locations: tuple[str, ...]
    actors: tuple[str, ...]
    times: tuple[str, ...]
    claims: tuple[tuple[str, str], ...]
    """(role, figure as written), e.g. ("FATALITIES", "at least 12 civilians")."""


@dataclass
class Incident:
    """An incident with its reports, earliest first."""

    id: int
    status: str
    event_type: str
    reports: list[Report] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({r.source or "(no source)" for r in self.reports})

    @property
    def period(self) -> Period | None:
        """The days the reports' periods cover together."""
        known = [r.period for r in self.reports if r.period]
        if not known:
            return None
        return Period(min(p.first for p in known), max(p.last for p in known))


@dataclass
class ProposalReport:
    annotator: str
    events: int
    proposed: int
    kept: int
    added: int
    confirmed: int

    def summary(self) -> str:
        return (
            f"{self.proposed} incident(s) proposed from {self.events} events of {self.annotator} "
            f"({self.added} new, {self.kept} unchanged); {self.confirmed} confirmed incident(s) kept"
        )


def _articles_events(project: Project, annotator: str, model: str) -> Iterator[tuple[Article, Annotations]]:
    """(article, decided annotations) of every set of the annotator, by article id."""
    for info in sets.sets_for_annotator(project.db, annotator, model=model):
        annotations = sets.load_annotations(project.db, info.id)
        if annotator != MODEL_ANNOTATOR:
            annotations = annotations.decided()
        if annotations.events:
            yield project.article(info.article_id), annotations


def _reports(project: Project, annotator: str, model: str) -> list[tuple[EventFacts, Report]]:
    chosen = dictionary(project)
    matcher, names = chosen.matcher(), {a.id: a.name for a in chosen.actors}
    found = []
    for article, decided in _articles_events(project, annotator, model):
        for event in decided.events:
            if event.id is not None:
                found.append(_report(article, decided, event, matcher, names))
    return found


def _report(
    article: Article, annotations: Annotations, event: Event, matcher: AliasMatcher, names: dict[int | None, str]
) -> tuple[EventFacts, Report]:
    text = article.text

    def role_texts(*roles: str) -> list[tuple[str, Span]]:
        return [(a.role.rstrip("0123456789"), a.span) for a in event.arguments if a.role.rstrip("0123456789") in roles]

    times = tuple(" ".join(s.text_in(text).split()) for _, s in role_texts("TIME"))
    locations = tuple(" ".join(s.text_in(text).split()) for _, s in role_texts("LOCATION"))
    actor_keys: list[str] = []
    actor_names: list[str] = []
    for _, span in role_texts(*ACTOR_ROLES):
        key, name = _actor_key(span, text, annotations, matcher, names)
        actor_keys.append(key)
        actor_names.append(name)
    period = _coded_period(event) or event_period(article.published, times)
    event_id, article_id = stored_id(event.id, "event"), stored_id(article.id, "article")
    facts = EventFacts(
        event_id,
        article_id,
        event.event_type,
        period,
        frozenset(normalise(x) for x in locations if normalise(x)),
        frozenset(actor_keys),
    )
    report = Report(
        event_id,
        article_id,
        article.title,
        article.source,
        article.published or "",
        event.event_type,
        event.sub_type,
        event.trigger.text_in(text),
        _sentence(text, event.trigger),
        period,
        locations,
        tuple(dict.fromkeys(actor_names)),
        times,
        _coded_claims(event)
        or tuple((role, " ".join(span.text_in(text).split())) for role, span in role_texts(*CLAIM_ROLES)),
    )
    return facts, report


def _coded_period(event: Event) -> Period | None:
    """The event's normalised date (event coding), when it has one."""
    if event.date is None:
        return None
    return Period(date.fromisoformat(event.date.first), date.fromisoformat(event.date.last))


def _coded_claims(event: Event) -> tuple[tuple[str, str], ...]:
    """The event's casualty claims as (KIND, "figure counts (claimant)"), when it has some."""
    found = []
    for claim in event.claims:
        words = " ".join(part for part in (claim.figure_text, claim.counts) if part)
        found.append((str(claim.kind).upper(), words + (f" ({claim.claimant})" if claim.claimant else "")))
    return tuple(found)


def _actor_key(
    span: Span, text: str, annotations: Annotations, matcher: AliasMatcher, names: dict[int | None, str]
) -> tuple[str, str]:
    """The actor an argument names: a person's link (on the span, or on an entity span of
    the same extent), else the dictionary's aliases, else the name as written."""
    for link in annotations.actor_links:
        if (link.span.start, link.span.end) == (span.start, span.end) and link.actor_id in names:
            return f"actor:{link.actor_id}", names[link.actor_id]
    written = " ".join(span.text_in(text).split())
    match = matcher.match(written)
    if match is not None and match.actor_id in names:
        return f"actor:{match.actor_id}", names[match.actor_id]
    return f"name:{normalise(written)}", written


def _sentence(text: str, span: Span, reach: int = 160) -> str:
    start = max(text.rfind(".", 0, span.start), text.rfind("\n", 0, span.start), span.start - reach) + 1
    ends = [i for i in (text.find(".", span.end), text.find("\n", span.end)) if i != -1]
    end = min(ends + [span.end + reach, len(text)])
    return " ".join(text[start : end + 1].split())


def propose_incidents(
    project: Project, annotator: str | None = None, window_days: int = DEFAULT_WINDOW_DAYS
) -> ProposalReport:
    """Propose incidents among the annotator's events not already in a confirmed incident;
    stored proposals with the same events keep their ids, stale ones go.

    annotator (str | None): whose events (see `annotator.services.actors.whose`).
    window_days (int): how many days apart two reports' dates may be.
    RETURNS (ProposalReport): counts.
    """
    annotator, model = whose(project, annotator)
    facts = [f for f, _ in _reports(project, annotator, model)]
    confirmed = store.confirmed_event_ids(project.db, annotator)
    proposals = propose([f for f in facts if f.event_id not in confirmed], window_days, store.apart_pairs(project.db))
    kept, added = store.replace_proposals(project.db, annotator, [(p.event_type, p.event_ids) for p in proposals])
    confirmed_count = sum(1 for row in store.list_incidents(project.db, annotator) if row.status == store.CONFIRMED)
    return ProposalReport(annotator, len(facts), len(proposals), kept, added, confirmed_count)


def list_incidents(project: Project, annotator: str | None = None) -> list[Incident]:
    """The annotator's incidents with their reports (events since removed are left out)."""
    annotator, model = whose(project, annotator)
    reports = {report.event_id: report for _, report in _reports(project, annotator, model)}
    found = []
    for row in store.list_incidents(project.db, annotator):
        members = sorted((reports[e] for e in row.event_ids if e in reports), key=lambda r: (r.published, r.article_id))
        found.append(Incident(row.id, row.status, row.event_type, members))
    return found


def get_incident(project: Project, incident_id: int) -> Incident:
    """One incident with its reports."""
    row = store.get_incident(project.db, incident_id)
    matches = [i for i in list_incidents(project, row.annotator) if i.id == incident_id]
    if not matches:
        raise ValidationError(f"no incident {incident_id}")
    return matches[0]


def confirm_incident(project: Project, incident_id: int) -> None:
    """Confirm a proposed incident."""
    store.confirm(project.db, incident_id)


def split_incident(project: Project, incident_id: int, event_ids: list[int]) -> int | None:
    """Take events out of an incident (see `annotator.store.incidents.split`)."""
    return store.split(project.db, incident_id, event_ids)


def incident_ids(project: Project) -> dict[int, int]:
    """Event id → incident id, for exports."""
    return store.incident_of_events(project.db)
