"""The welcome page shown when no project is open."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    newProject = Signal()
    openProject = Signal()
    importArticles = Signal()
    openSample = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("<h2>annotator</h2><p>Entities, quotes and events in conflict news.</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        for text, signal in (
            ("&New project…  (Ctrl+N)", self.newProject),
            ("&Open project…  (Ctrl+O)", self.openProject),
            ("&Import articles…  (Ctrl+I)", self.importArticles),
            ("Open the bundled &sample", self.openSample),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(200)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
        hint = QLabel("F1 shows every key.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
