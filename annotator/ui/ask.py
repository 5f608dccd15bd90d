"""Questions with a few named answers, keyboard first (each answer has an accelerator).

With ANNOTATOR_NO_DIALOGS set (tests, screenshots) the default answer is taken without
asking, so scripted runs never block.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox, QWidget


def choose(
    parent: QWidget | None, title: str, text: str, answers: list[tuple[str, str]], default: str, escape: str = "cancel"
) -> str:
    """Ask `text`; RETURNS the key of the answer chosen (`escape` for Esc / closing).

    Args:
        answers (list[tuple[str, str]]): (key, button text with an &accelerator), in order.
        default (str): The key Enter chooses.
    """
    if os.environ.get("ANNOTATOR_NO_DIALOGS"):
        return default
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = {}
    for key, label in answers:
        role = QMessageBox.ButtonRole.RejectRole if key == escape else QMessageBox.ButtonRole.AcceptRole
        buttons[box.addButton(label, role)] = key
    default_button = next(b for b, k in buttons.items() if k == default)
    box.setDefaultButton(default_button)
    escape_button = next((b for b, k in buttons.items() if k == escape), None)
    if escape_button is not None:
        box.setEscapeButton(escape_button)
    box.exec()
    return buttons.get(box.clickedButton(), escape)  # type: ignore[arg-type]  # clickedButton() is one of the buttons added above
