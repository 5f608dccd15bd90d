"""Help › User guide: docs/user-guide.md shown in the app (Markdown, with its screenshots).

The guide lives next to the resources in a source checkout; a build without it shows
where to find it and the keyboard cheat sheet instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from annotator.core.resources import resources_root
from annotator.core.scheme import LabelScheme
from annotator.ui.cheat_sheet import cheat_sheet_html

GUIDE = Path("docs") / "user-guide.md"


def guide_path() -> Path | None:
    """docs/user-guide.md beside the resources (a checkout or a build that ships it)."""
    for base in (resources_root().parent, resources_root()):
        if (base / GUIDE).is_file():
            return base / GUIDE
    return None


class UserGuide(QDialog):
    def __init__(self, scheme: LabelScheme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("annotator — user guide")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        if path is not None:
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        else:
            self.browser.setHtml("<p>The user guide (docs/user-guide.md) is not part of this build; it is in the "
                                 "project's source. The keys:</p>" + cheat_sheet_html(scheme))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 700)
