"""New project: where its file goes and which codebook (label scheme) it codes with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.scheme import LabelScheme
from annotator.services.schemes import load_scheme

CHOICES = (
    ("conflict", "Conflict news (default): ACLED's event types and diplomatic interactions"),
    ("acled", "ACLED: event and sub-event types, actor types, interaction codes"),
    ("plover", "PLOVER: event types, modes and contexts"),
    ("ucdp", "UCDP-GED: state-based, non-state and one-sided violence"),
)
FROM_FILE = "A scheme file…"


class NewProjectDialog(QDialog):
    """Asks for the project file and the scheme; `scheme` holds the checked scheme."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.scheme: LabelScheme | None = None
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(str(folder / "project.db"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("Project file:", row)
        self.choice = QComboBox()
        for name, text in CHOICES:
            self.choice.addItem(text, name)
        self.choice.addItem(FROM_FILE, "")
        self.choice.activated.connect(self._chosen)
        form.addRow("Codebook:", self.choice)
        self.file = ""
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", self.path.text(), "Projects (*.db)")
        if path:
            self.path.setText(path)

    def _chosen(self, index: int) -> None:
        if self.choice.itemData(index):
            return
        path, _ = QFileDialog.getOpenFileName(self, "Scheme file", str(Path.home()), "Schemes (*.toml)")
        self.file = path
        self.choice.setItemText(index, f"{FROM_FILE} {Path(path).name}" if path else FROM_FILE)

    def accept(self) -> None:
        choice = self.choice.currentData() or self.file
        if not choice:
            self.problem.setText("Choose a scheme file, or a bundled codebook.")
            return
        if Path(self.path.text()).exists():
            self.problem.setText(f"{self.path.text()} already exists; open it instead, or choose another name.")
            return
        try:
            self.scheme = load_scheme(choice)
        except AnnotatorError as error:
            self.problem.setText(str(error))
            return
        super().accept()

    def chosen_path(self) -> Path:
        return Path(self.path.text())
