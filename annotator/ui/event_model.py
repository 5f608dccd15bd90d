"""Events of the open article: trigger, type (with its colour), status. The
selected event is read and edited in full in the `EventEditor` above the table."""

from __future__ import annotations

from annotator.core.model import Annotations
from annotator.core.scheme import LabelScheme
from annotator.ui.entity_model import _short
from annotator.ui.table_base import RowsModel


class EventModel(RowsModel):
    columns = ("Trigger", "Type", "Status")

    def __init__(self, scheme: LabelScheme, parent=None):
        super().__init__(parent)
        self.scheme = scheme

    def update(self, text: str, annotations: Annotations) -> None:
        events = list(annotations.events)
        cells = [
            (
                _short(ev.trigger.text_in(text), 30),
                ev.event_type + (f" · {ev.sub_type}" if ev.sub_type else ""),
                str(ev.trigger.status),
            )
            for ev in events
        ]
        self.set_items(events, cells, [(None, self.scheme.colour(ev.event_type)) for ev in events])
