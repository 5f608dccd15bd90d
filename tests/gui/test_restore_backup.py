"""Issue 9.11 in the app: a damaged project is not opened; the last good backup is offered
and, when accepted, restored and opened. The open project is backed up on a timer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.services.project import Project
from annotator.store import backup as backups
from annotator.ui.backups import RestoreOffer

pytestmark = pytest.mark.gui


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xde\xad" * 4096
    path.write_bytes(bytes(data))


def answer(qtbot, restore: bool) -> list[str]:
    """Click the offer's button as soon as it shows; RETURNS the texts it showed."""
    seen: list[str] = []

    def click() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, RestoreOffer) and w.isVisible()), None
        )
        if dialog is None:
            QTimer.singleShot(20, click)
            return
        seen.append(dialog.text() + " " + dialog.informativeText())
        (dialog.restore_button if restore else dialog.button(QMessageBox.StandardButton.Cancel)).click()

    QTimer.singleShot(0, click)
    return seen


@pytest.fixture
def damaged_project(project_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(backups, "BACKUP_EVERY_MINUTES", 0)
    with Project.open(project_path) as project:  # opening an existing project backs it up
        project.db.execute("UPDATE articles SET title = 'after the backup'")
        project.db.conn.commit()
        for _ in range(30):
            project.db.execute("INSERT INTO project (key, value) VALUES (?, ?)", [f"pad{_}", "x" * 3000])
        project.db.conn.commit()
    assert len(backups.list_backups(project_path)) == 1
    damage(project_path)
    return project_path


def test_the_last_good_backup_is_offered_and_restored(qtbot, damaged_project: Path, monkeypatch) -> None:
    from annotator.ui.main_window import MainWindow

    monkeypatch.delenv("ANNOTATOR_NO_DIALOGS", raising=False)
    monkeypatch.setattr(MainWindow, "error", lambda self, title, message: self.status(f"{title}: {message}"))
    window = MainWindow("alice")
    qtbot.addWidget(window)
    seen = answer(qtbot, restore=True)
    assert window.open_project(damaged_project)
    assert seen and "is damaged and was not changed" in seen[0] and "last good backup is from" in seen[0]
    assert window.project is not None
    titles = {row[0] for row in window.project.db.execute("SELECT title FROM articles")}
    assert "after the backup" not in titles, "the backup from before the change is what opened"
    kept = list(damaged_project.parent.glob(f"{damaged_project.name}.replaced-*"))
    assert len(kept) == 1, "the damaged file is kept beside the project"
    window.close()


def test_declining_leaves_everything_as_it_was(qtbot, damaged_project: Path, monkeypatch) -> None:
    from annotator.ui.main_window import MainWindow

    monkeypatch.delenv("ANNOTATOR_NO_DIALOGS", raising=False)
    errors: list[str] = []
    monkeypatch.setattr(MainWindow, "error", lambda self, title, message: errors.append(message))
    before = damaged_project.read_bytes()
    window = MainWindow("alice")
    qtbot.addWidget(window)
    answer(qtbot, restore=False)
    assert not window.open_project(damaged_project)
    assert window.project is None
    assert errors and "damaged" in errors[0] and "annotator restore" in errors[0]
    assert damaged_project.read_bytes() == before
    window.close()


def test_the_open_project_is_backed_up_on_a_timer(qtbot, window, project_path: Path) -> None:
    before = len(backups.list_backups(project_path))
    assert window.backups.timer.isActive()
    window.backups.backup()
    qtbot.waitUntil(lambda: "Backed up to" in window.statusBar().currentMessage(), timeout=10000)
    assert len(backups.list_backups(project_path)) == before + 1


def test_a_large_project_opens_at_once_and_is_checked_and_backed_up_in_the_background(
    qtbot, project_path: Path, monkeypatch
) -> None:
    from annotator.services import backups as service
    from annotator.ui.main_window import MainWindow

    monkeypatch.setattr(backups, "BACKUP_EVERY_MINUTES", 0)
    monkeypatch.setattr(service, "LARGE_PROJECT_BYTES", 0)  # every project counts as large
    before = len(backups.list_backups(project_path))
    window = MainWindow("alice")
    qtbot.addWidget(window)
    assert window.open_project(project_path)
    qtbot.waitUntil(lambda: "Checked; backed up to" in window.statusBar().currentMessage(), timeout=10000)
    assert len(backups.list_backups(project_path)) == before + 1
    window.close()


def test_damage_found_by_the_background_check_is_reported(qtbot, damaged_project: Path, monkeypatch) -> None:
    from annotator.services import backups as service
    from annotator.ui.main_window import MainWindow

    monkeypatch.setattr(service, "LARGE_PROJECT_BYTES", 0)
    errors: list[str] = []
    monkeypatch.setattr(MainWindow, "error", lambda self, title, message: errors.append(f"{title}: {message}"))
    good = backups.list_backups(damaged_project)
    window = MainWindow("alice")
    qtbot.addWidget(window)
    window.open_project(damaged_project)  # opens, or fails on a damaged page it reads first
    qtbot.waitUntil(lambda: any("damaged" in e for e in errors), timeout=10000)
    assert any("annotator restore" in e for e in errors)
    assert [b.path for b in backups.list_backups(damaged_project)] == [b.path for b in good]
    window.close()
