"""Events of the open article: trigger, type, sub-type, flags, arguments by role."""

from __future__ import annotations

from annotator.core.model import Annotations, Event
from annotator.ui.entity_model import _short
from annotator.ui.table_base import RowsModel


def flags_text(event: Event) -> str:
    names = [n for n, on in (("negated", event.negated), ("hypothetical", event.hypothetical), ("future", event.future)) if on]
    return ", ".join(names) or "—"


class EventModel(RowsModel):
    columns = ("Trigger", "Type", "Sub-type", "Flags", "Arguments", "Status")

    def update(self, text: str, annotations: Annotations) -> None:
        events = list(annotations.events)
        cells = [
            (
                ev.trigger.text_in(text),
                ev.event_type,
                ev.sub_type or "—",
                flags_text(ev),
                "; ".join(f"{a.role}: {_short(a.span.text_in(text), 30)}" for a in ev.arguments) or "—",
                str(ev.trigger.status),
            )
            for ev in events
        ]
        self.set_items(events, cells)
