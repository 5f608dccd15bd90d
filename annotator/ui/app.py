"""Start the desktop app: QApplication, settings, the annotator's name, theme, main window.

`run(db)` opens `db`, else the last project, else the welcome page. The spaCy model warms
up in a worker so the window appears before it is ready.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog

from annotator.core.resources import resource_path
from annotator.ui import jobs
from annotator.ui.error_dialog import install_excepthook
from annotator.ui.main_window import MainWindow
from annotator.ui.theme import apply_theme

ORGANISATION = "annotator"
APPLICATION = "annotator"


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        if not app.organizationName() or app.organizationName() == "":
            app.setOrganizationName(ORGANISATION)
        app.setApplicationName(
            app.applicationName() if app.applicationName() not in ("", "python", "python3") else APPLICATION
        )
    app.setApplicationDisplayName("annotator")
    app.setWindowIcon(QIcon(str(resource_path("icons", "annotator.svg"))))
    return app  # type: ignore[return-value]  # instance() is typed QCoreApplication; this process made a QApplication


def annotator_name(settings: QSettings, ask: bool = True) -> str:
    """The annotator's name from settings; asked once on first start."""
    name = str(settings.value("annotator", "") or os.environ.get("ANNOTATOR_NAME", ""))
    if not name and ask and not os.environ.get("ANNOTATOR_NO_DIALOGS"):
        default = getpass.getuser() or "annotator"
        name, ok = QInputDialog.getText(None, "Welcome", "Your name (kept with every decision you make):", text=default)
        name = name.strip() if ok and name.strip() else default
    name = name or getpass.getuser() or "annotator"
    settings.setValue("annotator", name)
    return name


def build_window(db: Path | None = None, ask: bool = True) -> MainWindow:
    """Create the window on `db`, the last project or the welcome page (no event loop)."""
    app = application()
    settings = QSettings()
    apply_theme(app, str(os.environ.get("ANNOTATOR_THEME") or settings.value("theme", "system")))
    window = MainWindow(annotator_name(settings, ask))
    target = db or settings.value("lastProject")
    if target and (db is not None or Path(str(target)).exists()):
        window.open_project(Path(str(target)))
    return window


def run(db: Path | None = None) -> int:
    """Show the window and run the event loop. RETURNS the exit code."""
    app = application()
    window = build_window(db)
    install_excepthook(lambda: window.project.path if window.project is not None else None)
    window.show()
    if not os.environ.get("ANNOTATOR_NO_MODEL"):
        window.run_job(
            "Loading the spaCy model",
            jobs.warm_model_job(window.model()),
            lambda message: message and window.status(str(message)),
            quiet=True,
        )
    return app.exec()
