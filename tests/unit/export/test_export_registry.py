from __future__ import annotations

from dataclasses import replace

import pytest
import srsly

from annotator.core.model import MODEL_ANNOTATOR, Annotations, Span, Status
from annotator.export import FORMATS, write_export
from annotator.export.overlaps import resolve_overlaps
from annotator.export.structure import numbered_roles


def test_longest_entity_wins_and_ties_go_to_the_earliest():
    spans = [
        Span(0, 5, "A"),
        Span(3, 12, "B"),
        Span(10, 14, "C"),
        Span(20, 24, "D"),
        Span(22, 26, "E"),
        Span(3, 12, "F"),
    ]
    kept, dropped = resolve_overlaps(spans)
    assert [(s.start, s.label) for s in kept] == [(3, "B"), (20, "D")]
    assert sorted(s.label for s in dropped) == ["A", "C", "E", "F"]


def test_repeated_roles_are_numbered():
    assert numbered_roles(["ACTOR", "TARGET", "ACTOR", "ACTOR"]) == ["ACTOR", "TARGET", "ACTOR2", "ACTOR3"]


def test_every_format_writes_and_reports(tmp_path, scheme, rich_article):
    for fmt in FORMATS:
        report = write_export([rich_article], tmp_path / fmt, fmt, scheme)
        assert report.articles == 1 and report.files and all(path.exists() for path in report.files)
        assert report.spans["entity"] == 6, "the rejected NORP span is left out"
        assert not list(tmp_path.rglob("*.part"))
    assert fmt in report.summary()


def test_model_set_exports_its_suggestions(tmp_path, scheme, rich_article):
    suggested = Annotations(tuple(replace(s, status=Status.SUGGESTED) for s in rich_article.annotations.spans[:3]))
    item = replace(rich_article, annotations=suggested)
    for annotator, expected in ((MODEL_ANNOTATOR, 3), ("alice", 2)):
        write_export([replace(item, annotator=annotator)], tmp_path / "out.jsonl", "jsonl", scheme)
        (line,) = srsly.read_jsonl(tmp_path / "out.jsonl")
        assert len(line["spans"]) == expected, annotator


def test_unknown_format_and_bad_dev_share_are_refused(tmp_path, scheme):
    with pytest.raises(ValueError, match="unknown export format"):
        write_export([], tmp_path / "x", "xml", scheme)
    with pytest.raises(ValueError, match="dev share"):
        write_export([], tmp_path / "x", "spacy", scheme, dev=1.5)
