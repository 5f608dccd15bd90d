"""The menus hold what a newcomer looks for: File › Export… and Project set-up…, Help ›
User guide (docs/user-guide.md), Keyboard and About (issue 10, item 13)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog

from annotator.ui.export_dialog import ExportDialog
from annotator.ui.project_setup import ProjectSetup
from annotator.ui.user_guide import UserGuide, guide_path

pytestmark = pytest.mark.gui


def items(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()]


def test_file_and_help_menus(qtbot, window):
    assert {"Export…", "Project set-up… (name, model, labels)", "Import articles…"} <= set(items(window, "File"))
    assert {"User guide", "Keyboard (F1, ?)", "About annotator"} <= set(items(window, "Help"))
    assert "Skip and next" in items(window, "Edit")


def test_file_export_writes_the_chosen_format(qtbot, window, view, project_path, monkeypatch):
    out = project_path.parent / "alice.jsonl"

    def accept(dialog: ExportDialog) -> int:
        dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
        dialog.status.setCurrentIndex(dialog.status.findData("any"))
        dialog.out.setText(str(out))
        assert dialog.annotator.currentData() == "alice"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept)
    window.gestures.accept_all()
    window.export()
    qtbot.waitUntil(lambda: window.worker is None, timeout=30_000)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and "Exported to" in window.statusBar().currentMessage()


def test_project_set_up_changes_the_name_and_the_model(qtbot, window, monkeypatch):
    def accept(dialog: ProjectSetup) -> int:
        dialog.name.setText("bob")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ProjectSetup, "exec", accept)
    window.project_setup()
    assert window.annotator == "bob" and "(bob)" in window.windowTitle()
    assert window.session.annotator == "bob"


def test_help_user_guide_shows_docs_user_guide(qtbot, window):
    assert guide_path() is not None and guide_path().name == "user-guide.md"
    guide = UserGuide(window.project.scheme, window)
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert text.startswith("User guide") and "Enter" in text
