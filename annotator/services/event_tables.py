"""Reading an event table back onto a project's articles (matched by article uid).

Each article in the table gets one annotation set of the chosen annotator holding its
events (triggers, arguments, dates, claims), status done. An article already annotated by
that annotator, an article the project lacks, or an event whose spans fall outside the
text or do not fit the scheme is reported and left out; the rest are stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError, ValidationError
from annotator.core.model import Annotations, ArticleStatus, Event
from annotator.ingest.events_csv import EventRow, read_events_csv
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import article_ids_by_uid


@dataclass
class EventTableReport:
    articles: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.events} event(s) read onto {self.articles} article(s)"
        return text + (f"; {len(self.problems)} problem(s)" if self.problems else "")


def import_event_table(project: Project, path: str | Path, annotator: str) -> EventTableReport:
    """Store the events of an event table as `annotator`'s decisions, one transaction.

    RETURNS (EventTableReport): counts and a message per row or article left out.
    """
    report = EventTableReport()
    by_article: dict[str, list[EventRow]] = {}
    for item in read_events_csv(Path(path)):
        if isinstance(item, InputError):
            report.problems.append(str(item))
        else:
            by_article.setdefault(item.article_uid, []).append(item)
    ids = article_ids_by_uid(project.db, list(by_article))
    with project.db.atomic():
        for uid, rows in by_article.items():
            article_id = ids.get(uid)
            if article_id is None:
                report.problems.append(f"{rows[0].where}: no article with uid {uid[:12]}… in this project")
                continue
            if sets.find_set(project.db, article_id, annotator) is not None:
                report.problems.append(f"{rows[0].where}: article {article_id} already has {annotator!r}'s annotations")
                continue
            text = project.article(article_id).text
            events = [row.event for row in rows if _fits(row, text, project, report)]
            set_id = sets.create_set(project.db, article_id, annotator, status=ArticleStatus.DONE)
            spans = tuple(dict.fromkeys(s for ev in events for s in (ev.trigger, *(a.span for a in ev.arguments))))
            sets.insert_annotations(project.db, set_id, Annotations(spans, (), tuple(events)))
            report.articles += 1
            report.events += len(events)
    return report


def _fits(row: EventRow, text: str, project: Project, report: EventTableReport) -> bool:
    event: Event = row.event
    try:
        project.scheme.validate_span(event.trigger, len(text))
        for argument in event.arguments:
            project.scheme.validate_span(argument.span, len(text))
            project.scheme.validate_role(event.event_type, argument.role)
    except ValidationError as error:
        report.problems.append(f"{row.where}: {error}; event left out")
        return False
    return True
