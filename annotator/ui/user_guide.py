"""Help › User guide: docs/user-guide.md shown in the app (Markdown, with its screenshots).

The guide lives next to the resources in a source checkout; a build without it shows
where to find it and the keyboard cheat sheet instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
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


class GuideBrowser(QTextBrowser):
    """Markdown with its screenshots scaled to the width of the view."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_images()

    def fit_images(self) -> None:
        width = max(200, self.viewport().width() - 40)
        document = self.document()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image = fmt.toImageFormat()
                    natural = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
                    size = natural.size() if natural is not None and hasattr(natural, "size") else None
                    if size is not None and size.width() > 0:
                        image.setWidth(min(width, size.width()))
                        image.setHeight(image.width() * size.height() / size.width())
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image)
                it += 1
            block = block.next()


class UserGuide(QDialog):
    def __init__(self, scheme: LabelScheme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("annotator — user guide")
        self.browser = GuideBrowser()
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        if path is not None:
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
            self.browser.fit_images()
        else:
            self.browser.setHtml(
                "<p>The user guide (docs/user-guide.md) is not part of this build; it is in the "
                "project's source. The keys:</p>" + cheat_sheet_html(scheme)
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 700)
