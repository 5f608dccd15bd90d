"""Entities of the open article: text, label (with its colour), status."""

from __future__ import annotations

from annotator.core.model import Annotations, Layer
from annotator.core.scheme import LabelScheme
from annotator.ui.table_base import RowsModel


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EntityModel(RowsModel):
    columns = ("Text", "Label", "Status")

    def __init__(self, scheme: LabelScheme, parent=None):
        super().__init__(parent)
        self.scheme = scheme

    def update(self, text: str, annotations: Annotations) -> None:
        spans = [s for s in annotations.spans if s.layer == Layer.ENTITY]
        self.set_items(
            spans,
            [(_short(s.text_in(text)), s.label, str(s.status)) for s in spans],
            [(None, self.scheme.colour(s.label), None) for s in spans],
        )
