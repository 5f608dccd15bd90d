"""File › Team: pack work for an annotator, merge packages back, agreement, review.

`install_team_menu(window)` adds the menu to the main window; pack, merge and agreement
run as background jobs (each opens its own Project) with the window's progress bar and
cancel button; review opens the review window on the same project file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMenu

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def pack_job(db: Path, out: Path, annotator: str) -> Callable[[Progress, Cancelled], Any]:
    def job(progress: Progress, cancelled: Cancelled) -> Any:
        from annotator.services.packages import pack
        from annotator.services.project import Project

        with Project.open(db, create=False) as project:
            return pack(project, out, annotator, progress=progress)

    return job


def merge_job(db: Path, packages: list[Path]) -> Callable[[Progress, Cancelled], Any]:
    def job(progress: Progress, cancelled: Cancelled) -> Any:
        from annotator.services.merge import merge_packages
        from annotator.services.project import Project

        with Project.open(db, create=False) as project:
            return merge_packages(project, packages, progress=progress, cancelled=cancelled)

    return job


def agreement_job(db: Path, annotators: list[str] | None = None) -> Callable[[Progress, Cancelled], Any]:
    def job(progress: Progress, cancelled: Cancelled) -> Any:
        from annotator.services.agreement import measure
        from annotator.services.project import Project

        with Project.open(db, create=False, readonly=True) as project:
            return measure(project, annotators, progress=progress)

    return job


class TeamMenu(QMenu):
    """The Team submenu; `window` is the MainWindow (project, run_job, status, error)."""

    def __init__(self, window: QMainWindow):
        super().__init__("&Team", window)
        self.window_ = window
        self.review_window = None
        self.agreement_dialog = None
        for text, slot in (
            ("&Pack work for an annotator…", self.pack),
            ("&Merge work packages…", self.merge),
            ("&Agreement…", self.agreement),
            ("&Review (adjudicate to gold)…", self.review),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            self.addAction(action)

    def _project_path(self) -> Path | None:
        project = getattr(self.window_, "project", None)
        if project is None:
            self.window_.status("Open a project first")
            return None
        return project.path

    def pack(self) -> None:
        path = self._project_path()
        if path is None:
            return
        from annotator.services.assign import team

        names = list(team(self.window_.project)) or [self.window_.annotator]
        name, ok = QInputDialog.getItem(self.window_, "Pack work", "Annotator:", names, 0, True)
        if not ok or not name.strip():
            return
        out, _ = QFileDialog.getSaveFileName(
            self.window_, "Write the package", str(path.with_name(f"{name}.db")), "Projects (*.db)"
        )
        if out:
            self.window_.run_job(
                f"Packing {name}",
                pack_job(path, Path(out), name.strip()),
                lambda report: report and self.window_.status(report.summary()),
            )

    def merge(self, files: list[str] | None = None) -> None:
        path = self._project_path()
        if path is None:
            return
        if not files:
            files, _ = QFileDialog.getOpenFileNames(
                self.window_, "Merge work packages", str(path.parent), "Projects (*.db);;All files (*)"
            )
        if files:
            self.window_.run_job("Merging", merge_job(path, [Path(f) for f in files]), self._merged)

    def _merged(self, report) -> None:
        if report is None:
            return
        self.window_.status(f"Merge: {report.summary()}")
        if getattr(self.window_, "list_model", None) is not None:
            self.window_.list_model.reload()
        if report.conflicts:
            self.window_.error(
                "Merge: conflicts resolved by the later change",
                report.summary() + "\n\n" + "\n".join(report.conflicts[:20]),
            )

    def agreement(self) -> None:
        path = self._project_path()
        if path is None:
            return
        from annotator.ui.agreement_dialog import AgreementDialog

        self.agreement_dialog = AgreementDialog(self.window_)
        self.agreement_dialog.reviewArticle.connect(self.review)
        self.agreement_dialog.show()
        self.window_.run_job("Measuring agreement", agreement_job(path), self.agreement_dialog.show_report)

    def review(self, article_id: int | None = None) -> None:
        path = self._project_path()
        if path is None:
            return
        from annotator.ui.review_window import ReviewWindow

        if self.review_window is None or not self.review_window.isVisible():
            self.review_window = ReviewWindow(path, self.window_.annotator, self.window_)
        self.review_window.show()
        self.review_window.raise_()
        if article_id:
            self.review_window.open_article(int(article_id))


def install_team_menu(window: QMainWindow) -> TeamMenu:
    """Add File › Team to the window's File menu, above the line before Quit."""
    menu = TeamMenu(window)
    file_menu = window.menuBar().actions()[0].menu()
    anchor = next((a for a in file_menu.actions() if a.text().replace("&", "").startswith("Change annotator")), None)
    file_menu.insertMenu(anchor, menu) if anchor else file_menu.addMenu(menu)
    if anchor:
        file_menu.insertSeparator(anchor)
    window.team_menu = menu
    return menu
