"""What the File menu and the welcome page do: create, open, import, pre-annotate, export,
set up. A mixin of `MainWindow` (it uses the window's project, list and job runner); the
jobs themselves are in `jobs` and run off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from annotator.core.errors import AnnotatorError, ProjectCorruptError
from annotator.core.resources import resource_path
from annotator.core.scheme import LabelScheme
from annotator.services.backups import is_large
from annotator.services.project import Project
from annotator.ui import jobs
from annotator.ui.backups import offer_restore
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.new_project_dialog import NewProjectDialog
from annotator.ui.project_setup import ProjectSetup

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

SAMPLE = ("samples", "ukraine-russia-pow-exchange.txt")


class ProjectActions:
    def new_project(self: MainWindow) -> None:
        """Where, and with which codebook (label scheme)."""
        from annotator.ui.main_window import data_dir

        dialog = NewProjectDialog(data_dir(), self)
        if dialog.exec() and dialog.scheme is not None:
            self.open_project(dialog.chosen_path(), dialog.scheme)

    def choose_project(self: MainWindow) -> None:
        from annotator.ui.main_window import data_dir

        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(data_dir()), "Projects (*.db);;All files (*)")
        if path:
            self.open_project(path)

    def open_sample(self: MainWindow) -> None:
        """The bundled sample, pre-highlighted: imported and pre-annotated the first time."""
        from annotator.ui.main_window import data_dir

        path = data_dir() / "sample.db"
        if path.exists():
            self.open_project(path)
            if self.project is not None and not self.project.stats()["models"]:
                self.preannotate()
            return
        self.run_job(
            "Importing and pre-annotating the sample",
            jobs.sample_job(path, resource_path(*SAMPLE), self.annotator, self.model()),
            lambda _report: self.open_project(path),
        )

    def import_articles(self: MainWindow) -> None:
        if self.project is None:
            self.new_project()
            if self.project is None:
                return
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Import articles",
            str(Path.home()),
            "Articles (*.txt *.html *.htm *.jsonl *.json *.ann);;All files (*)",
        )
        if files:
            path = self.project.path
            self.run_job(
                "Importing", jobs.import_job(path, [Path(f) for f in files], self.annotator), self._after_import
            )

    def _after_import(self: MainWindow, report) -> None:
        if report is not None:
            self.status(f"Import: {report.summary()}")
            if report.problems:
                self.inform("Import", report.summary() + "\n\n" + "\n".join(report.problems[:20]))
        if self.list_model is not None:
            self.list_model.reload()

    def preannotate(self: MainWindow) -> None:
        if self.project is None:
            self.status("Open a project first")
            return
        self.run_job("Pre-annotating", jobs.preannotate_job(self.project.path, self.model()), self._after_preannotate)

    def _after_preannotate(self: MainWindow, report) -> None:
        """The job wrote new suggestions (and refreshed people's sets): show them."""
        if self.list_model is not None:
            self.list_model.reload()
        if self.gestures is not None and self.session is not None and self.session.current is not None:
            self.gestures.reload()
            if self.list_model is not None and self.session.current.article.id is not None:
                self.list_panel.show_article(self.session.current.article.id)  # type: ignore[union-attr]  # built with list_model
        if report is not None:
            self.status(f"Pre-annotation: {report.summary()}")

    def export(self: MainWindow) -> None:
        if self.project is None:
            self.status("Open a project first")
            return
        stats = self.project.stats()
        names = sorted(stats["by_annotator"]) + (["model"] if stats["models"] else [])
        dialog = ExportDialog(self.project.path, names, self.annotator, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dialog.choices()
        self.run_job(
            f"Exporting {choice['fmt']}",
            jobs.export_job(self.project.path, **choice),
            lambda report: report is not None and self._after_export(report, choice["out"]),
        )

    def _after_export(self: MainWindow, report, out: Path) -> None:
        self.status(f"Exported to {out}: {report.summary()}")
        self.inform("Export", f"{report.summary()}\n\nWritten to {out}")

    def project_setup(self: MainWindow) -> None:
        if self.project is None:
            self.status("Open or create a project first (File › New project)")
            return
        from annotator.services.preannotate import available_models

        dialog = ProjectSetup(
            str(self.project.path),
            self.project.stats(),
            self.project.scheme,
            self.annotator,
            self.model(),
            available_models(),
            self,
        )
        dialog.importRequested.connect(self.import_articles)
        dialog.preannotateRequested.connect(self.preannotate)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.settings.setValue("model", dialog.chosen_model())
        name = dialog.name.text().strip()
        if name and name != self.annotator:
            self.set_annotator(name)

    def model(self: MainWindow) -> str | None:
        """The spaCy pipeline chosen in the set-up; None: the best installed."""
        return str(self.settings.value("model", "") or "") or None

    def change_name(self: MainWindow) -> None:
        name, ok = QInputDialog.getText(self, "Annotator", "Your name (kept with every decision):", text=self.annotator)
        if ok and name.strip():
            self.set_annotator(name.strip())

    def set_annotator(self: MainWindow, name: str) -> None:
        self.annotator = name
        self.settings.setValue("annotator", name)
        if self.project is not None:
            self.open_project(self.project.path)

    def _open(self: MainWindow, path: str | Path, scheme: LabelScheme | None = None) -> Project | None:
        """The project at `path` (created with `scheme` when new); a damaged one offers its
        last good backup (ui.backups)."""
        try:
            deferred = is_large(path)  # checked and backed up in the background (ui.backups)
            project = Project.open(path, scheme=scheme, full_check=not deferred)
            if deferred:
                self.backups.check_in_background(path)
            return project
        except ProjectCorruptError as error:
            if offer_restore(self, path, error):
                return self._open(path)
            self.error(f"Cannot open {path}", str(error))
        except AnnotatorError as error:
            self.error(f"Cannot open {path}", str(error))
        return None
