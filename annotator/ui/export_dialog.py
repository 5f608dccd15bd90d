"""File › Export…: format, whose decisions, which articles, where. The export itself runs
as a job (`jobs.export_job`) through `services.exporting`, like `annotator export`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core.model import GOLD_ANNOTATOR, MODEL_ANNOTATOR
from annotator.services.exporting import FOLDER_FORMATS, FORMATS

DESCRIPTIONS = {
    "spacy": "spaCy DocBin (train/dev) + config.cfg",
    "jsonl": "our JSONL (everything, lossless)",
    "prodigy": "Prodigy tasks JSONL",
    "doccano": "doccano JSONL",
    "labelstudio": "Label Studio JSON",
    "conll": "CoNLL-2003 IOB",
    "brat": "brat standoff folder",
    "events-csv": "event table CSV",
}
SUFFIX = {
    "jsonl": ".jsonl",
    "prodigy": ".jsonl",
    "doccano": ".jsonl",
    "labelstudio": ".json",
    "conll": ".conll",
    "events-csv": ".csv",
}


class ExportDialog(QDialog):
    def __init__(self, project_path: Path, annotators: list[str], me: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.project_path = project_path
        self.format = QComboBox()
        for name in FORMATS:
            self.format.addItem(f"{name} — {DESCRIPTIONS.get(name, name)}", name)
        self.annotator = QComboBox()
        people = [a for a in annotators if a not in (MODEL_ANNOTATOR, GOLD_ANNOTATOR)]
        for name in ([GOLD_ANNOTATOR] if GOLD_ANNOTATOR in annotators else []) + people:
            self.annotator.addItem(name, name)
        if MODEL_ANNOTATOR in annotators:
            self.annotator.addItem("model (raw suggestions, to evaluate it)", MODEL_ANNOTATOR)
        if me in people:
            self.annotator.setCurrentIndex(self.annotator.findData(me))
        self.status = QComboBox()
        self.status.addItem("articles marked done", "done")
        self.status.addItem("every article opened", "any")
        self.dev = QDoubleSpinBox(minimum=0.0, maximum=0.9, singleStep=0.05, value=0.2)
        self.out = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.out, 1)
        where.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("&Format", self.format)
        form.addRow("&Decisions of", self.annotator)
        form.addRow("&Articles", self.status)
        form.addRow("De&v share (spacy)", self.dev)
        form.addRow("&Save to", where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._suggest_path)
        self._suggest_path()

    def _suggest_path(self) -> None:
        fmt = self.format.currentData()
        self.dev.setEnabled(fmt == "spacy")
        stem = self.project_path.with_suffix("")
        name = f"{stem.name}-{fmt}"
        self.out.setText(str(stem.parent / (name if fmt in FOLDER_FORMATS else name + SUFFIX.get(fmt, ""))))

    def _browse(self) -> None:
        if self.format.currentData() in FOLDER_FORMATS:
            path = QFileDialog.getExistingDirectory(self, "Export into folder", self.out.text())
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export to file", self.out.text())
        if path:
            self.out.setText(path)

    def choices(self) -> dict:
        """What `jobs.export_job` needs."""
        return {
            "out": Path(self.out.text()),
            "fmt": self.format.currentData(),
            "annotator": self.annotator.currentData(),
            "status": self.status.currentData(),
            "dev": self.dev.value(),
        }
