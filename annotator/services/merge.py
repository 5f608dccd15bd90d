"""Bringing work back: `annotator merge DB IN.db...`.

Each package is merged in one transaction (all of it or nothing). Articles are matched by
uid (never duplicated); missing articles, tokens and suggestions are copied. For each
annotation set (an article and a person, or `gold`), the two versions are compared by
their histories, row by row, by fingerprint (ids differ between files):

- the package holds nothing new: the project keeps its version;
- the package holds everything the project has and more: the project takes its version;
- both changed since they parted: a conflict; the version changed later wins and the
  conflict is reported.

Taking a version is one undoable `merge` edit; the package's own edits are appended to
the history as `record` rows, so nothing is lost and merging again finds them all there
and changes nothing. Any order of merging gives the same result (see
docs/adr/0008-merge-by-history.md).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from annotator.core import edits as e
from annotator.core.errors import ProjectError
from annotator.core.model import MODEL_ANNOTATOR, Annotations
from annotator.core.set_diff import canonical, content_hash, diff, fingerprint
from annotator.services.project import TOKENIZER_ID, Project
from annotator.store import annotations as sets
from annotator.store import assignments
from annotator.store import merge as store
from annotator.store.actors import insert_links, merge_dictionary, with_actor_ids
from annotator.store.apply import apply_edit
from annotator.store.articles import get_article, get_tokenisation, insert_articles, save_tokenisations
from annotator.store.database import open_database

Progress = Callable[[int, int, str], None]


@dataclass
class MergeReport:
    """What merging did, in counts and in messages a person can act on."""

    files: int = 0
    articles_added: int = 0
    sets_added: int = 0
    sets_taken: int = 0
    sets_kept: int = 0
    unchanged: int = 0
    records: int = 0
    assignments: int = 0
    conflicts: list[str] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        parts = [
            f"{self.files} package(s) merged",
            f"{self.articles_added} new article(s)",
            f"{self.sets_added} new annotation set(s)",
            f"{self.sets_taken} updated",
            f"{self.sets_kept} kept (older in the package)" if self.sets_kept else "",
            f"{self.unchanged} unchanged",
            f"{self.records} history row(s) added",
            f"{len(self.conflicts)} conflict(s) resolved by the later change" if self.conflicts else "",
            "cancelled" if self.cancelled else "",
        ]
        return ", ".join(p for p in parts if p)


def merge_packages(
    project: Project,
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MergeReport:
    """Merge project files (work packages) into `project`, one transaction each.

    Raises:
        ProjectError: A file is not a project, is newer than this annotator, uses another
            label scheme, or is the project itself. Files merged before it stay merged.
    """
    report = MergeReport()
    for path in paths:
        if cancelled and cancelled():
            report.cancelled = True
            break
        _merge_file(project, Path(path), report, progress, cancelled)
        report.files += 1
    return report


def _merge_file(
    project: Project, path: Path, report: MergeReport, progress: Progress | None, cancelled: Callable[[], bool] | None
) -> None:
    if not path.is_file():
        raise ProjectError(f"{path}: no such project file")
    if path.resolve() == project.path.resolve():
        raise ProjectError(f"{path}: is the project itself; merge another file into it")
    open_database(path, create=False, readonly=True).close()  # not ours, or newer: a clear error, untouched
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as folder:
        copy = Path(folder) / "package.db"
        store.snapshot(path, copy)
        with Project.open(copy, create=False) as package:  # an older package is migrated in the copy
            _check_scheme(project, package, path)
            with project.db.atomic():
                _merge(project, package, path.name, report, progress, cancelled)


def _check_scheme(project: Project, package: Project, path: Path) -> None:
    ours, theirs = store.scheme_identity(project.db), store.scheme_identity(package.db)
    if ours != theirs:

        def name(identity: tuple[str, int] | None) -> str:
            return f"{identity[0]!r} version {identity[1]}" if identity else "no label scheme"

        raise ProjectError(
            f"{path}: was made with label scheme {name(theirs)}, this project uses {name(ours)}; "
            "nothing was merged. Merge only packages made from this project (annotator pack)."
        )


def _merge(
    project: Project,
    package: Project,
    label: str,
    report: MergeReport,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    article_ids = _merge_articles(project, package, report)
    actor_ids = merge_dictionary(project.db, package.db)
    items = store.all_sets(package.db)
    for done, (info, uid, kind) in enumerate(items, 1):
        article_id = article_ids[uid]
        if kind == MODEL_ANNOTATOR:
            _merge_suggestions(project, package, info, article_id)
        else:
            _merge_set(project, package, info, article_id, label, report, actor_ids)
        if progress:
            progress(done, len(items), f"{label}: {done}/{len(items)} annotation sets")
    report.assignments += assignments.add_by_uid(project.db, assignments.assignments_by_uid(package.db))


def _merge_articles(project: Project, package: Project, report: MergeReport) -> dict[str, int]:
    """Package article uid -> project article id, copying articles (and tokens) we lack."""
    ours = store.article_ids_by_uid(project.db)
    theirs = store.article_ids_by_uid(package.db)
    missing = [get_article(package.db, theirs[uid]) for uid in theirs if uid not in ours]
    if missing:
        inserted = insert_articles(project.db, missing).inserted
        ours.update(inserted)
        report.articles_added += len(inserted)
    tokens = []
    for uid, package_id in theirs.items():
        if get_tokenisation(project.db, ours[uid]) is None:
            found = get_tokenisation(package.db, package_id)
            if found is not None:
                tokens.append((ours[uid], found))
    if tokens:
        save_tokenisations(project.db, tokens, TOKENIZER_ID)
    return {uid: ours[uid] for uid in theirs}


def _merge_suggestions(project: Project, package: Project, info: sets.SetInfo, article_id: int) -> None:
    """Suggestions are never edited: copy a model's set when this project lacks it."""
    if store.has_model_set(project.db, article_id, info.model):
        return
    set_id = sets.create_set(project.db, article_id, info.annotator, info.model, info.status, info.updated_at)
    sets.insert_annotations(project.db, set_id, sets.load_annotations(package.db, info.id).without_ids())


def _merge_set(
    project: Project,
    package: Project,
    info: sets.SetInfo,
    article_id: int,
    label: str,
    report: MergeReport,
    actor_ids: dict[int, int],
) -> None:
    db = project.db
    theirs = with_actor_ids(sets.load_annotations(package.db, info.id), actor_ids)
    their_rows = [r for r in store.history_rows(package.db, info.id) if r.kind != "merge"]
    ours_info = sets.find_set(db, article_id, info.annotator)
    if ours_info is None:
        set_id = sets.create_set(db, article_id, info.annotator, status=info.status, updated_at=info.updated_at)
        latest = sets.latest_model_set(db, article_id)
        sets.insert_annotations(
            db, set_id, theirs.without_ids(), sets.span_ids_by_key(db, latest.id) if latest else None
        )
        insert_links(db, set_id, theirs.actor_links)
        report.records += _add_records(db, set_id, their_rows, [], label)
        report.sets_added += 1
        return
    ours = sets.load_annotations(db, ours_info.id)
    our_rows = store.history_rows(db, ours_info.id)
    our_prints = {_print(r) for r in our_rows if r.kind != "merge"}
    their_prints = {_print(r) for r in their_rows}
    news, olds = bool(their_prints - our_prints), bool(our_prints - their_prints)
    same = canonical(ours, ours_info.status) == canonical(theirs, info.status)
    take = False
    if same:
        pass
    elif news and not olds:
        take = True
    elif olds and not news:
        report.sets_kept += 1
    else:
        take = (info.updated_at, content_hash(theirs, info.status)) > (
            ours_info.updated_at,
            content_hash(ours, ours_info.status),
        )
        title = get_article(db, article_id).title or f"article {article_id}"
        report.conflicts.append(
            f"{title!r} ({info.annotator}): changed both here (last {ours_info.updated_at}) and in {label} "
            f"(last {info.updated_at}); kept the later one, {'from ' + label if take else 'the one here'}"
        )
    if take:
        _take_version(db, ours_info, ours, theirs, info, label)
        report.sets_taken += 1
    elif same and not news:
        report.unchanged += 1
    report.records += _add_records(db, ours_info.id, their_rows, our_rows, label)


def _take_version(
    db: Database, ours_info: sets.SetInfo, ours: Annotations, theirs: Annotations, info: sets.SetInfo, label: str
) -> None:
    """One undoable `merge` edit that turns our version into theirs, keeping their time."""
    change = diff(ours, theirs, f"merge: {info.annotator}'s version from {label}")
    if ours_info.status != info.status:
        change = e.Compound(change.edits + (e.SetArticleStatus(ours_info.status, info.status),), change.description)
    apply_edit(db, ours_info.id, info.annotator, change, kind="merge", origin=label)
    store.set_updated_at(db, ours_info.id, info.updated_at)


def _add_records(
    db: Database, set_id: int, their_rows: list[store.HistoryRow], our_rows: list[store.HistoryRow], label: str
) -> int:
    """Append their history rows that we lack, as records; `reverts` links follow along."""
    known = {_print(r): r.id for r in our_rows if r.kind != "merge"}
    ids: dict[int, int] = {}
    added = 0
    for row in their_rows:
        mark = _print(row)
        if mark in known:
            ids[row.id] = known[mark]
            continue
        reverts = ids.get(row.reverts) if row.reverts is not None else None
        ids[row.id] = known[mark] = store.insert_record(db, set_id, row, row.origin or label, reverts)
        added += 1
    return added


def _print(row: store.HistoryRow) -> str:
    return fingerprint(row.annotator, row.at, row.action, row.edit)
