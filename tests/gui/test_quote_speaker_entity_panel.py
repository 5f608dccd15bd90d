"""The Quotes panel shows a pronoun speaker with the named entity it refers to."""

from __future__ import annotations

import pytest

from annotator.core.model import Annotations, Layer, Quote, Span
from annotator.ui.quote_model import QuoteModel

pytestmark = pytest.mark.gui

TEXT = "Vladimir Medinsky spoke.\n\n“There will be an exchange,” he said."


def span(word: str, label: str, layer: Layer) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word), label, layer)


def test_speaker_column_shows_mention_and_entity(qtmodeltester):
    content, he = span("There will be an exchange,", "QUOTE", Layer.QUOTE), span("he", "SPEAKER", Layer.SPEAKER)
    medinsky, said = span("Vladimir Medinsky", "PERSON", Layer.SPEAKER), span("said", "CUE", Layer.CUE)
    model = QuoteModel()
    model.update(
        TEXT,
        Annotations(
            (medinsky, content, he, said),
            (Quote(content, he, said, speaker_entity=medinsky), Quote(content, medinsky, said), Quote(content)),
        ),
    )
    qtmodeltester.check(model)
    assert [model.index(row, 1).data() for row in range(3)] == ["he → Vladimir Medinsky", "Vladimir Medinsky", "—"]
