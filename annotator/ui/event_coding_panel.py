"""The selected event's coding: its date (correctable), its casualty claims (conflicts
marked, claims added and removed), the codebook rules it breaks, and the article's
publication date the dates are read against. Every change goes through the session
(saved at once, undoable)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.checks import conflicting_claims
from annotator.core.model import Claim, ClaimKind, DatePrecision, Event, EventDate, Origin
from annotator.ui.gestures import Gestures

QUALIFIERS = ("", "at least", "more than", "about", "up to", "nearly", "each side")
_PERIOD = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:(?:/|\.\.|to|–|-{2})\s*(\d{4}-\d{2}-\d{2}))?\s*$")
WARNING_COLOUR = "#c0392b"


class EventCodingPanel(QWidget):
    """Date, claims and check warnings of the selected event; the article's publication date."""

    def __init__(self, gestures: Gestures, parent: QWidget | None = None):
        super().__init__(parent)
        self.gestures = gestures
        self.shown_event: Event | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        layout.addWidget(self._date_box())
        layout.addWidget(self._claims_box())
        self.warnings = QLabel()
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        published = QHBoxLayout()
        published.addWidget(QLabel("Published:"))
        self.published = QLineEdit()
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.published.setToolTip("The article's publication date; the events' dates are read against it")
        self.published.returnPressed.connect(self._set_published)
        published.addWidget(self.published, 1)
        layout.addLayout(published)
        gestures.changed.connect(self.refresh)

    def _date_box(self) -> QGroupBox:
        box = QGroupBox("Date")
        form = QVBoxLayout(box)
        self.date_label = QLabel()
        self.date_label.setTextFormat(Qt.TextFormat.RichText)
        form.addWidget(self.date_label)
        row = QHBoxLayout()
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("YYYY-MM-DD or first/last")
        self.date_edit.setToolTip("Correct the date: one day, or a period as 2025-05-12/2025-05-18")
        self.date_edit.returnPressed.connect(self._set_date)
        self.precision = QComboBox()
        self.precision.addItems([p.value for p in DatePrecision])
        self.precision.setToolTip(
            "How exactly the date is known (ACLED time_precision: day 1, week 2, month or year 3)"
        )
        set_date = QPushButton("Set")
        set_date.clicked.connect(self._set_date)
        clear = QPushButton("Clear")
        clear.clicked.connect(self._clear_date)
        for widget, stretch in ((self.date_edit, 1), (self.precision, 0), (set_date, 0), (clear, 0)):
            row.addWidget(widget, stretch)
        form.addLayout(row)
        return box

    def _claims_box(self) -> QGroupBox:
        box = QGroupBox("Claims (figures and who gives them)")
        column = QVBoxLayout(box)
        self.claims = QListWidget()
        self.claims.setMaximumHeight(110)
        column.addWidget(self.claims)
        form = QFormLayout()
        entry = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItems([k.value for k in ClaimKind])
        self.qualifier = QComboBox()
        self.qualifier.addItems(QUALIFIERS)
        self.figure = QSpinBox()
        self.figure.setRange(0, 10_000_000)
        for widget in (self.kind, self.qualifier, self.figure):
            entry.addWidget(widget)
        form.addRow("Figure:", entry)
        self.counts = QLineEdit()
        self.counts.setPlaceholderText("civilians, prisoners of war…")
        form.addRow("Counts:", self.counts)
        self.claimant = QLineEdit()
        self.claimant.setPlaceholderText("who says so (empty: the article)")
        form.addRow("Claimed by:", self.claimant)
        column.addLayout(form)
        buttons = QHBoxLayout()
        add = QPushButton("Add claim")
        add.clicked.connect(self._add_claim)
        remove = QPushButton("Remove selected")
        remove.clicked.connect(self._remove_claim)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        column.addLayout(buttons)
        return box

    # Showing ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.gestures.session
        if session.current is None:
            return
        self.published.setText(session.current.article.published or "")
        selected = self.gestures.selected
        self.shown_event = session.event_of(selected) if selected is not None else None
        event = self.shown_event
        for widget in (
            self.date_edit,
            self.precision,
            self.claims,
            self.kind,
            self.qualifier,
            self.figure,
            self.counts,
            self.claimant,
        ):
            widget.setEnabled(event is not None)
        if event is None:
            self.heading.setText("<i>Select an event trigger to see its date, claims and checks.</i>")
            self.date_label.setText("")
            self.claims.clear()
            self.warnings.setText(self._done_warnings())
            return
        text = session.text
        title = session.project.scheme.title_of(event.event_type)
        self.heading.setText(
            f"<b>{html.escape(title)}</b> “{html.escape(event.trigger.text_in(text))}”"
            + (f" · {html.escape(event.sub_type)}" if event.sub_type else "")
        )
        self.date_label.setText(describe_date(event.date))
        spec = session.project.scheme.event_types.get(event.event_type)
        kinds = list(spec.claims) if spec and spec.claims else [k.value for k in ClaimKind]
        if [self.kind.itemText(i) for i in range(self.kind.count())] != kinds:
            self.kind.clear()
            self.kind.addItems(kinds)
        if event.date is not None:
            self.precision.setCurrentText(str(event.date.precision))
        self._show_claims(event)
        failures = [f for f in session.checks() if f.event_id == event.id]
        lines = [f"⚠ {html.escape(f.describe())}" for f in failures]
        self.warnings.setText(
            f"<span style='color:{WARNING_COLOUR}'>" + "<br>".join(lines) + "</span>"
            if lines
            else "<span>✓ meets the codebook's rules</span>"
        )

    def _show_claims(self, event: Event) -> None:
        self.claims.clear()
        clashing = {id(c) for pair in conflicting_claims(event.claims) for c in pair}
        for claim in event.claims:
            item = QListWidgetItem(("⚠ " if id(claim) in clashing else "") + describe_claim(claim))
            item.setData(Qt.ItemDataRole.UserRole, claim)
            if id(claim) in clashing:
                item.setForeground(Qt.GlobalColor.red)
                item.setToolTip("conflicts with another figure of this event")
            self.claims.addItem(item)
        if not event.claims:
            self.claims.addItem(QListWidgetItem("(no figures)"))

    def _done_warnings(self) -> str:
        failures = self.gestures.session.checks()
        if not failures:
            return ""
        return (
            f"<span style='color:{WARNING_COLOUR}'>This article's events break {len(failures)} codebook "
            "rule(s); select an event to see which.</span>"
        )

    # Editing ---------------------------------------------------------------------------------

    def _set_date(self) -> None:
        if self.shown_event is None:
            return
        match = _PERIOD.match(self.date_edit.text())
        if match is None:
            self.gestures.message.emit("not done: write the date as YYYY-MM-DD, or a period as first/last")
            return
        first, last = match.group(1), match.group(2) or match.group(1)
        corrected = EventDate(
            first,
            last,
            DatePrecision(self.precision.currentText()),
            self.shown_event.date.text if self.shown_event.date else "",
            Origin.MANUAL,
        )
        if self.gestures.run(self.gestures.session.set_event_date, self.shown_event, corrected) is not None:
            self.date_edit.clear()

    def _clear_date(self) -> None:
        if self.shown_event is not None and self.shown_event.date is not None:
            self.gestures.run(self.gestures.session.set_event_date, self.shown_event, None)

    def _add_claim(self) -> None:
        if self.shown_event is None:
            return
        claim = Claim(
            ClaimKind(self.kind.currentText()),
            self.figure.value(),
            None,
            self.qualifier.currentText(),
            self.counts.text().strip(),
            self.claimant.text().strip(),
            origin=Origin.MANUAL,
        )
        if self.gestures.run(self.gestures.session.add_claim, self.shown_event, claim) is not None:
            self.counts.clear()
            self.claimant.clear()

    def _remove_claim(self) -> None:
        item = self.claims.currentItem()
        claim = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self.shown_event is not None and isinstance(claim, Claim):
            self.gestures.run(self.gestures.session.remove_claim, self.shown_event, claim)

    def _set_published(self) -> None:
        self.gestures.run(self.gestures.session.set_published, self.published.text())


def describe_date(value: EventDate | None) -> str:
    """ "<b>2025-05-16</b> · day (ACLED 1) · from “today”" for a label."""
    if value is None:
        return "<i>no date — add a TIME argument (key 5) or set it below</i>"
    period = value.first if value.first == value.last else f"{value.first} – {value.last}"
    source = {Origin.MANUAL: "set by hand", Origin.IMPORT: "from the file"}.get(Origin(value.origin), "")
    written = f"from “{html.escape(value.text)}”" if value.text else ""
    details = " · ".join(p for p in (f"{value.precision} (ACLED {value.time_precision})", written, source) if p)
    return f"<b>{period}</b> · {details}"


def describe_claim(claim: Claim) -> str:
    counted = f" {claim.counts}" if claim.counts else ""
    return f"{claim.kind}: {claim.figure_text}{counted} — {claim.claimant or 'the article'}"
