"""The article list's assignee filter: everyone's articles, my queue, or one annotator's."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from annotator.services.assign import team
from annotator.services.project import Project


def install_assignee_filter(panel, project: Project, annotator: str) -> QComboBox | None:
    """Add the filter next to the status filter of an ArticleListPanel (only when the
    project has assignments). RETURNS the combo box, or None."""
    names = team(project)
    if not names:
        return None
    combo = QComboBox(panel)
    combo.setToolTip("Whose articles: assigned by `annotator assign`")
    combo.addItem("Everyone's", None)
    if annotator in names:
        combo.addItem(f"My queue ({names[annotator]})", annotator)
    for name, count in names.items():
        if name != annotator:
            combo.addItem(f"{name} ({count})", name)

    def chosen(_index: int) -> None:
        panel.model.assignee = combo.currentData()
        panel.model.reload()

    combo.currentIndexChanged.connect(chosen)
    panel.filter.parentWidget().layout().itemAt(0).layout().addWidget(combo)
    panel.assignee_filter = combo
    return combo
