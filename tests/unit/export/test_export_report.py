"""The export report says what a format had no place for, so nothing is lost unseen."""

from __future__ import annotations

import pytest

from annotator.core.model import Layer
from annotator.export import decisions_of, write_export


def test_conll_report_names_everything_but_the_entity_layer(tmp_path, scheme, rich_article, seed_article):
    report = write_export([rich_article, seed_article], tmp_path / "data.conll", "conll", scheme)
    items = [decisions_of(rich_article), decisions_of(seed_article)]
    quotes = sum(len(i.annotations.quotes) for i in items)
    events = sum(len(i.annotations.events) for i in items)
    arguments = sum(len(e.arguments) for i in items for e in i.annotations.events)
    sub_types = sum(bool(e.sub_type) for i in items for e in i.annotations.events)
    assert (quotes, events, arguments, sub_types) == (9, 8, 18, 2)
    assert report.left_out == {
        "quotes": quotes,
        "speakers": quotes,
        "cues": quotes,
        "events": events,
        "arguments": arguments,
        "sub-types": sub_types,
        "flags": 3,
    }
    summary = report.summary()
    assert "left out (conll has no place for them): 9 quotes, 9 speakers, 9 cues" in summary
    assert "8 events, 18 arguments, 2 sub-types, 3 flags" in summary


def test_events_csv_report_names_entities_and_quotes(tmp_path, scheme, rich_article, seed_article):
    report = write_export([rich_article, seed_article], tmp_path / "events.csv", "events-csv", scheme)
    entities = sum(
        s.layer == Layer.ENTITY for i in (rich_article, seed_article) for s in decisions_of(i).annotations.spans
    )
    assert report.left_out == {"entities": entities, "quotes": 9, "speakers": 9, "cues": 9}
    assert "the quote around a trigger is written as its text" in report.summary()


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "labelstudio", "brat", "jsonl", "spacy"])
def test_formats_that_hold_everything_leave_nothing_out(tmp_path, scheme, rich_article, seed_article, fmt):
    out = tmp_path / ("out" if fmt in ("brat", "spacy") else "out.file")
    report = write_export([rich_article, seed_article], out, fmt, scheme)
    assert report.parts["speakers"] == 9 and report.parts["flags"] == 3
    assert report.left_out == {} and "left out" not in report.summary()
