"""The incident view: reports side by side with their casualty figures; confirm and split."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from annotator.services.project import Project
from annotator.ui.incident_view import IncidentsDialog, ReportCard
from tests.unit.services.incident_corpus import build

pytestmark = pytest.mark.gui


def test_propose_show_reports_side_by_side_confirm_and_split(qtbot, tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.db") as project:
        build(project)
        dialog = IncidentsDialog(project)
        qtbot.addWidget(dialog)
        assert dialog.list.count() == 0 and "no incidents yet" in dialog.summary.text()
        dialog.propose()
        assert dialog.list.count() == 1 and "1 incident(s) proposed" in dialog.summary.text()
        cards = dialog.cards_host.findChildren(ReportCard)
        assert [c.report.source for c in cards] == ["AFP", "Reuters", "US State Department"]
        texts = [card.findChild(QLabel, "claims").text() for card in cards]
        assert "at least 15 people" in texts[0] and "12 civilians" in texts[1] and "nine Da’esh terrorists" in texts[2]
        dialog.confirm()
        assert "(confirmed)" in dialog.heading.text()
        cards = dialog.cards_host.findChildren(ReportCard)
        cards[2].take_out.setChecked(True)
        opened = []
        dialog.openArticle.connect(opened.append)
        dialog.open_article()
        assert opened == [cards[2].report.article_id]
        dialog.split()
        assert len(dialog.cards_host.findChildren(ReportCard)) == 2
