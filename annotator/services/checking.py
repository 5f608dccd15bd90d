"""Codebook checks over a project: which events break which of the scheme's rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.checks import CheckFailure, check_annotations
from annotator.core.model import MODEL_ANNOTATOR, ArticleStatus
from annotator.services.project import Project
from annotator.store import annotations as sets


@dataclass(frozen=True)
class ProjectFailure:
    """A failed check with the article and annotation set it was found in."""

    article_id: int
    title: str
    annotator: str
    status: ArticleStatus
    trigger_text: str
    failure: CheckFailure

    def to_json(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "annotator": self.annotator,
            "status": str(self.status),
            "event_id": self.failure.event_id,
            "event_type": self.failure.event_type,
            "trigger": self.trigger_text,
            "trigger_start": self.failure.trigger[0],
            "trigger_end": self.failure.trigger[1],
            "rule": self.failure.rule,
            "message": self.failure.message,
            "detail": self.failure.detail,
        }

    def describe(self) -> str:
        start, end = self.failure.trigger
        return (
            f"article {self.article_id} ({self.annotator}, {self.status}) {self.failure.event_type} "
            f"{self.trigger_text!r} [{start}-{end}]: {self.failure.describe()} [{self.failure.rule}]"
        )


def check_project(
    project: Project, annotator: str | None = None, statuses: Iterable[ArticleStatus] | None = None
) -> list[ProjectFailure]:
    """Every rule every event breaks, in every person's (or one annotator's) sets.

    project (Project): the open project (read-only is enough).
    annotator (str | None): one annotator (a name, "gold" or "model"); None: everyone but the model.
    statuses (Iterable[ArticleStatus] | None): only sets with these statuses.
    RETURNS (list[ProjectFailure]): by annotator, then article, then position.
    """
    names = [annotator] if annotator else sorted(n for n in sets.annotator_names(project.db) if n != MODEL_ANNOTATOR)
    found: list[ProjectFailure] = []
    for name in names:
        for info in sets.sets_for_annotator(project.db, name, statuses):
            annotations = sets.load_annotations(project.db, info.id)
            if not annotations.events:
                continue
            article = project.article(info.article_id)
            for failure in check_annotations(project.scheme, annotations, article.text):
                start, end = failure.trigger
                found.append(
                    ProjectFailure(info.article_id, article.title, name, info.status, article.text[start:end], failure)
                )
    return found
