"""Spreading a project's articles over a team (`annotator assign`).

Articles not yet assigned are shuffled with a seed; a share of them (`overlap`) goes to
`copies` annotators each, for agreement; the rest to one annotator each. Every article
goes to whoever has the fewest so far (ties by the order given), so loads stay even.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_ANNOTATOR, MODEL_ANNOTATOR
from annotator.services.project import Project
from annotator.store import assignments as store


@dataclass
class AssignReport:
    """What `assign` did: articles per annotator and how many are shared."""

    articles: int = 0
    shared: int = 0
    per_annotator: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.articles:
            return "no unassigned articles; nothing to do"
        each = ", ".join(f"{name} {count}" for name, count in self.per_annotator.items())
        return f"{self.articles} articles assigned ({self.shared} to several annotators for agreement): {each}"


def plan(
    article_ids: Sequence[int], annotators: Sequence[str], overlap: float, seed: int = 0, copies: int = 2
) -> list[tuple[int, str]]:
    """Who gets which article: (article id, annotator) pairs, deterministic for a seed.

    Args:
        article_ids (Sequence[int]): Articles to spread.
        annotators (Sequence[str]): Names, in order (the order breaks ties).
        overlap (float): Share of articles given to `copies` annotators (0 to 1).
        seed (int): Seed of the shuffle.
        copies (int): Annotators per shared article (at least 2, at most all).
    RETURNS (list[tuple[int, str]]): Pairs, by article id then name order.
    """
    names = check_names(annotators)
    if not 0.0 <= overlap <= 1.0:
        raise ValidationError(f"overlap must be between 0 and 1, not {overlap}")
    copies = min(max(copies, 2), len(names))
    order = list(article_ids)
    random.Random(seed).shuffle(order)
    shared = set(order[: round(overlap * len(order))]) if len(names) > 1 else set()
    load = {name: 0 for name in names}
    rank = {name: i for i, name in enumerate(names)}
    pairs: list[tuple[int, str]] = []
    for article_id in order:
        chosen = sorted(names, key=lambda n: (load[n], rank[n]))[: copies if article_id in shared else 1]
        for name in chosen:
            load[name] += 1
            pairs.append((article_id, name))
    return sorted(pairs, key=lambda p: (p[0], rank[p[1]]))


def check_names(annotators: Sequence[str]) -> list[str]:
    """Stripped, de-duplicated names; reserved names (model, gold) and empty lists refused."""
    names = list(dict.fromkeys(n.strip() for n in annotators if n.strip()))
    if not names:
        raise ValidationError("name at least one annotator, e.g. --annotators alice,bob")
    reserved = [n for n in names if n in (MODEL_ANNOTATOR, GOLD_ANNOTATOR)]
    if reserved:
        raise ValidationError(f"{', '.join(reserved)} is a reserved name, not a person")
    return names


def assign_articles(
    project: Project, annotators: Sequence[str], overlap: float = 0.2, seed: int = 0, copies: int = 2
) -> AssignReport:
    """Assign every article that has no annotator yet (one transaction).

    Running it again after importing more articles assigns only the new ones.
    """
    names = check_names(annotators)
    article_ids = store.unassigned_article_ids(project.db)
    pairs = plan(article_ids, names, overlap, seed, copies)
    store.assign(project.db, pairs)
    report = AssignReport(articles=len(article_ids))
    per_article: dict[int, int] = {}
    for article_id, name in pairs:
        per_article[article_id] = per_article.get(article_id, 0) + 1
        report.per_annotator[name] = report.per_annotator.get(name, 0) + 1
    report.shared = sum(1 for n in per_article.values() if n > 1)
    report.per_annotator = {n: report.per_annotator.get(n, 0) for n in names}
    return report


def assigned_ids(project: Project, annotator: str) -> list[int]:
    """The articles assigned to `annotator` (their queue), by id."""
    return store.assigned_article_ids(project.db, annotator)


def queue_first(project: Project, annotator: str, ids: Sequence[int]) -> list[int]:
    """`ids` with the annotator's own assigned articles first, each part in the given order."""
    mine = set(store.assigned_article_ids(project.db, annotator))
    if not mine:
        return list(ids)
    return [i for i in ids if i in mine] + [i for i in ids if i not in mine]


def assignees(project: Project, article_ids: Sequence[int] | None = None) -> dict[int, list[str]]:
    """Article id -> the names it is assigned to."""
    return store.assignees(project.db, article_ids)


def team(project: Project) -> dict[str, int]:
    """Annotator -> number of assigned articles (for menus and filters)."""
    return store.assignment_counts(project.db)
