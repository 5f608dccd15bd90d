"""Backups in the app: a timer that backs up the open project every so often (in a worker
thread, on its own connection), and the offer to restore the last good backup when a
project file turns out damaged at open."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.errors import AnnotatorError, ProjectCorruptError
from annotator.services.backups import BACKUP_EVERY_MINUTES, backup_now, check_and_backup, read_backup, restore_backup
from annotator.ui.workers import Worker


class BackupTimer(QObject):
    """Backs up the watched project every `BACKUP_EVERY_MINUTES` while the app runs."""

    message = Signal(str)
    damaged = Signal(str)  # the background check of a large project found damage

    def __init__(self, parent: QObject | None = None, minutes: float = BACKUP_EVERY_MINUTES):
        super().__init__(parent)
        self.path: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.backup)

    def watch(self, path: str | Path) -> None:
        self.path = Path(path)
        self.timer.start()

    def backup(self) -> Worker | None:
        if self.path is None:
            return None
        path = self.path
        worker = Worker(lambda progress, cancelled: backup_now(path))
        worker.signals.errored.connect(lambda text: self.message.emit(f"No backup was made: {text}"))
        worker.signals.finished.connect(lambda made: made and self.message.emit(f"Backed up to {made.path.name}"))
        return worker.start()

    def check_in_background(self, path: str | Path) -> Worker:
        """The whole-file check and due backup of a large project, which the app opened
        without them so the window is usable at once (services.backups.check_and_backup)."""
        path = Path(path)
        worker = Worker(lambda progress, cancelled: check_and_backup(path))
        worker.signals.errored.connect(self.damaged.emit)
        worker.signals.finished.connect(
            lambda made: made and self.message.emit(f"Checked; backed up to {made.path.name}")
        )
        return worker.start()


class RestoreOffer(QMessageBox):
    """'The project file is damaged; restore the last good backup?'"""

    def __init__(self, path: str | Path, error: ProjectCorruptError, parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("The project file is damaged")
        self.setText(f"<b>{Path(path).name}</b> is damaged and was not changed.")
        self.setInformativeText(
            f"The last good backup is from {_backup_time(error)}. Restore it? The damaged file is kept "
            "beside the project; work done after that backup is not in it."
        )
        self.setDetailedText(str(error))
        self.restore_button = self.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.restore_button)


def offer_restore(parent: QWidget | None, path: str | Path, error: ProjectCorruptError) -> bool:
    """Ask, and restore the backup if the person agrees. RETURNS True when it was restored."""
    if error.backup is None or os.environ.get("ANNOTATOR_NO_DIALOGS"):
        return False
    dialog = RestoreOffer(path, error, parent)
    dialog.exec()
    if dialog.clickedButton() is not dialog.restore_button:
        return False
    try:
        restore_backup(path, error.backup)
    except AnnotatorError as failure:
        QMessageBox.warning(parent, "The backup was not restored", str(failure))
        return False
    return True


def _backup_time(error: ProjectCorruptError) -> str:
    backup = read_backup(error.backup) if error.backup else None
    return f"{backup.taken_at:%Y-%m-%d %H:%M} UTC" if backup else str(error.backup)
