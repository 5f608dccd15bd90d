"""Quotes of the open article: content, speaker, cue, kind, status."""

from __future__ import annotations

from annotator.core.model import Annotations
from annotator.ui.entity_model import _short
from annotator.ui.table_base import RowsModel


class QuoteModel(RowsModel):
    columns = ("Content", "Speaker", "Cue", "Kind", "Status")

    def update(self, text: str, annotations: Annotations) -> None:
        quotes = list(annotations.quotes)
        cells = [
            (
                _short(q.content.text_in(text), 80),
                _speaker(q, text),
                q.cue.text_in(text) if q.cue else "—",
                str(q.kind),
                str(q.content.status),
            )
            for q in quotes
        ]
        self.set_items(quotes, cells)


def _speaker(quote, text: str) -> str:
    """The speaker as written and, when it names someone else, who: "he → Vladimir Medinsky"."""
    if quote.speaker is None:
        return quote.speaker_entity.text_in(text) if quote.speaker_entity else "—"
    written = quote.speaker.text_in(text)
    return f"{written} → {quote.speaker_entity.text_in(text)}" if quote.speaker_entity else written
