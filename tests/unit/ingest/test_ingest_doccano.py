from __future__ import annotations

import json

from annotator.core.model import ArticleStatus, Layer, Status
from annotator.ingest.doccano import read_doccano

TEXT = "Rubio said “progress was made” in Istanbul."


def _write(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def test_label_triples(tmp_path, split):
    path = _write(tmp_path / "d.jsonl", [
        {"id": 7, "text": TEXT, "label": [[0, 5, "PERSON"], [34, 42, "GPE"]], "Comments": []},
    ])
    [article], errors = split(read_doccano(path))
    assert errors == []
    assert [(s.start, s.end, s.label, s.layer, s.status) for s in article.annotations.spans] == [
        (0, 5, "PERSON", Layer.ENTITY, Status.ACCEPTED), (34, 42, "GPE", Layer.ENTITY, Status.ACCEPTED)]
    assert article.status == ArticleStatus.DONE
    assert article.meta == {"id": 7, "Comments": []}


def test_entities_and_relations(tmp_path, split):
    record = {
        "text": TEXT,
        "entities": [
            {"id": 1, "start_offset": 0, "end_offset": 5, "label": "PERSON"},
            {"id": 2, "start_offset": 6, "end_offset": 10, "label": "CUE"},
            {"id": 3, "start_offset": 12, "end_offset": 29, "label": "QUOTE"},
            {"id": 4, "start_offset": 34, "end_offset": 42, "label": "GPE"},
        ],
        "relations": [
            {"id": 1, "from_id": 3, "to_id": 1, "type": "Speaker"},
            {"id": 2, "from_id": 3, "to_id": 2, "type": "Cue"},
            {"id": 3, "from_id": 1, "to_id": 4, "type": "VISITED"},
        ],
        "title": "Rubio in Istanbul",
    }
    path = _write(tmp_path / "d.jsonl", [record])
    [article], errors = split(read_doccano(path))
    assert errors == []
    assert article.title == "Rubio in Istanbul"
    [quote] = article.annotations.quotes
    assert TEXT[quote.content.start:quote.content.end] == "progress was made"
    assert (quote.speaker.label, quote.cue.label) == ("PERSON", "CUE")
    assert quote.cue.layer == Layer.CUE
    assert article.meta["relations"][0]["label"] == "VISITED"


def test_span_outside_text_and_dangling_relation_are_reported(tmp_path, split):
    record = {
        "text": TEXT,
        "entities": [
            {"id": 1, "start_offset": 0, "end_offset": 5, "label": "PERSON"},
            {"id": 2, "start_offset": 30, "end_offset": 400, "label": "GPE"},
        ],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "VISITED"}],
    }
    path = _write(tmp_path / "d.jsonl", [{"text": "Fine."}, record])
    (plain, article), errors = split(read_doccano(path))
    assert plain.annotations.spans == () and plain.status is None
    assert [s.label for s in article.annotations.spans] == ["PERSON"]
    assert [(e.location.line, "outside" in e.reason) for e in errors] == [(2, True), (2, False)]
    assert "relation 1" in errors[1].reason


def test_classification_labels_go_to_meta(tmp_path, split):
    path = _write(tmp_path / "d.jsonl", [{"text": TEXT, "label": ["diplomacy"]}])
    [article], errors = split(read_doccano(path))
    assert errors == [] and article.meta["labels"] == ["diplomacy"]
    assert article.annotations.spans == ()
