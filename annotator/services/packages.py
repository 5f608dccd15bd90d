"""Work packages: one annotator's share of a project, as a project file of its own.

`pack` writes the annotator's articles (assigned to them, or already begun by them), the
latest suggestions for each, the annotator's own sets with their history, and the
scheme. The annotator opens it in the app like any project; `annotator merge` brings
the work back (services/merge.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_ANNOTATOR, MODEL_ANNOTATOR
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store import assignments
from annotator.store.packages import copy_subset, mark_package, package_info, package_set_ids

Progress = Callable[[int, int, str], None]


@dataclass
class PackReport:
    """What a package holds."""

    path: Path
    annotator: str
    articles: int
    sets: int
    history: int

    def summary(self) -> str:
        return (
            f"{self.path}: {self.articles} articles for {self.annotator} "
            f"({self.sets} annotation sets, {self.history} history rows)"
        )


def pack(project: Project, out: str | Path, annotator: str, progress: Progress | None = None) -> PackReport:
    """Write `annotator`'s work package to `out` (a new file; never written over).

    Raises:
        ValidationError: `out` exists, or the annotator has nothing to pack.
    """
    out = Path(out)
    name = annotator.strip()
    if name in (MODEL_ANNOTATOR, ""):
        raise ValidationError("pack needs a person's name (or gold), e.g. --annotator alice")
    if out.exists():
        raise ValidationError(f"{out}: already exists; a package is never written over, choose a new name")
    if out.resolve() == project.path.resolve():
        raise ValidationError(f"{out}: is the project itself")
    article_ids = sorted(
        set(assignments.assigned_article_ids(project.db, name))
        | {info.article_id for info in sets.sets_for_annotator(project.db, name)}
    )
    if not article_ids:
        raise ValidationError(
            f"{name!r} has no articles in {project.path}: assign some first (annotator assign DB --annotators {name},...)"
            if name != GOLD_ANNOTATOR
            else f"there is no gold set in {project.path} to pack"
        )
    if progress:
        progress(0, len(article_ids), "tokenising")
    project.ensure_tokens(article_ids)
    set_ids = package_set_ids(project.db, name, article_ids)
    partial = out.with_name(out.name + ".partial")
    _remove(partial)
    try:
        with Project.open(partial, scheme=project.scheme) as package:
            counts = copy_subset(project.db, package.db, article_ids, set_ids, name)
            mark_package(package.db, name, project.path.name)
        os.replace(partial, out)
    finally:
        _remove(partial)
    if progress:
        progress(len(article_ids), len(article_ids), "written")
    return PackReport(out, name, counts["articles"], counts["annotation_sets"], counts["history"])


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)


def describe_package(project: Project) -> dict[str, str]:
    """Whose package a project file is (empty for an ordinary project)."""
    return package_info(project.db)
