"""The incident view: proposed and confirmed incidents, each with its reports side by side.

Each report is a card: source, date, title, the sentence of the event (trigger in bold),
place, time, actors, and its casualty figures as written, so diverging tolls show at a
glance. Confirm accepts a proposal; ticking reports and "Split off" takes them out (they
are never proposed with the rest again); "Open article" shows a report in the main view.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services import incidents as service
from annotator.services.incidents import Incident, Report
from annotator.services.project import Project


class ReportCard(QFrame):
    """One article's report of the incident."""

    def __init__(self, report: Report, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("reportCard")
        self.setMinimumWidth(260)
        self.setMaximumWidth(360)
        layout = QVBoxLayout(self)
        self.take_out = QCheckBox("take out of this incident")
        header = QLabel(f"<b>{html.escape(report.source or '(no source)')}</b> · {html.escape(report.published)}")
        title = QLabel(f"<i>{html.escape(report.title)}</i>", wordWrap=True)
        sentence = html.escape(report.sentence).replace(
            html.escape(report.trigger), f"<b><u>{html.escape(report.trigger)}</u></b>", 1
        )
        quote = QLabel(f"“{sentence}”", wordWrap=True)
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts = QLabel(wordWrap=True)
        facts.setText(
            "<br>".join(
                f"<b>{name}:</b> {html.escape(value) or '—'}"
                for name, value in (
                    ("Where", ", ".join(report.locations)),
                    ("When", ", ".join(report.times) or _period(report)),
                    ("Actors", ", ".join(report.actors)),
                )
            )
        )
        claims = QLabel(wordWrap=True, objectName="claims")
        claims.setText(
            "<br>".join(
                f"<span style='font-size:large'><b>{html.escape(figure)}</b></span> {role.lower()}"
                for role, figure in report.claims
            )
            or "no casualty figures"
        )
        for widget in (self.take_out, header, title, quote, facts, claims):
            layout.addWidget(widget)
        layout.addStretch()


def _period(report: Report) -> str:
    if report.period is None:
        return ""
    first, last = report.period.first, report.period.last
    return str(first) if first == last else f"{first} – {last}"


class IncidentsDialog(QDialog):
    openArticle = Signal(int)

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Incidents")
        self.setObjectName("incidents")
        self.project = project
        self.incidents: list[Incident] = []
        self.window_days = QSpinBox(minimum=0, maximum=60, value=3, suffix=" days")
        propose = QPushButton("Propose incidents")
        propose.clicked.connect(self.propose)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(propose)
        top.addWidget(QLabel("dates within"))
        top.addWidget(self.window_days)
        top.addWidget(self.summary, 1)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self.show_incident)
        self.cards_host = QWidget()
        self.cards = QHBoxLayout(self.cards_host)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.cards_host)
        self.heading = QLabel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(scroll, 1)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([280, 900])
        bottom = QHBoxLayout()
        for text, slot in (
            ("Confirm", self.confirm),
            ("Split off ticked reports", self.split),
            ("Open first ticked article", self.open_article),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bottom.addWidget(button)
        bottom.addStretch()
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1240, 640)
        self.reload()

    def _do(self, action, *args):
        try:
            return action(*args)
        except AnnotatorError as error:
            QMessageBox.warning(self, "Incidents", str(error))
            return None

    def reload(self, select: int | None = None) -> None:
        found = self._do(service.list_incidents, self.project)
        self.incidents = found or []
        self.list.clear()
        for incident in self.incidents:
            item = QListWidgetItem(
                f"#{incident.id} {incident.event_type} · {len(incident.reports)} reports · "
                f"{incident.status}\n{', '.join(incident.sources)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, incident.id)
            self.list.addItem(item)
        if not self.incidents:
            self.summary.setText("no incidents yet: Propose incidents")
            self.show_incident(-1)
            return
        ids = [i.id for i in self.incidents]
        self.list.setCurrentRow(ids.index(select) if select in ids else 0)

    def current(self) -> Incident | None:
        row = self.list.currentRow()
        return self.incidents[row] if 0 <= row < len(self.incidents) else None

    def show_incident(self, row: int) -> None:
        while self.cards.count():
            widget = self.cards.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        incident = self.current()
        if incident is None:
            self.heading.setText("")
            return
        period = incident.period
        when = (
            f"{period.first} – {period.last}"
            if period and period.first != period.last
            else str(period.first if period else "date unknown")
        )
        self.heading.setText(
            f"<b>Incident #{incident.id}</b> ({incident.status}) · {incident.event_type} · {when} · "
            f"{len(incident.reports)} reports from {html.escape(', '.join(incident.sources))}"
        )
        for report in incident.reports:
            self.cards.addWidget(ReportCard(report))
        self.cards.addStretch()

    def ticked(self) -> list[Report]:
        return [card.report for card in self.cards_host.findChildren(ReportCard) if card.take_out.isChecked()]

    def propose(self) -> None:
        report = self._do(service.propose_incidents, self.project, None, self.window_days.value())
        if report is not None:
            self.reload()
            self.summary.setText(report.summary())

    def confirm(self) -> None:
        incident = self.current()
        if incident is not None and self._do(service.confirm_incident, self.project, incident.id) is None:
            self.reload(select=incident.id)

    def split(self) -> None:
        incident, ticked = self.current(), self.ticked()
        if incident is None or not ticked:
            self.summary.setText("tick the reports to take out first")
            return
        self._do(service.split_incident, self.project, incident.id, [r.event_id for r in ticked])
        self.reload(select=incident.id)

    def open_article(self) -> None:
        ticked = self.ticked()
        incident = self.current()
        report = ticked[0] if ticked else (incident.reports[0] if incident and incident.reports else None)
        if report is not None:
            self.openArticle.emit(report.article_id)
