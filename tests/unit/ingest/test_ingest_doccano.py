from __future__ import annotations

import json

from annotator.core.model import ArticleStatus, Layer, Status
from annotator.ingest.doccano import read_doccano

TEXT = "Rubio said “progress was made” in Istanbul."


def _write(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def test_label_triples(tmp_path, split):
    path = _write(
        tmp_path / "d.jsonl",
        [
            {"id": 7, "text": TEXT, "label": [[0, 5, "PERSON"], [34, 42, "GPE"]], "Comments": []},
        ],
    )
    [article], errors = split(read_doccano(path))
    assert errors == []
    assert [(s.start, s.end, s.label, s.layer, s.status) for s in article.annotations.spans] == [
        (0, 5, "PERSON", Layer.ENTITY, Status.ACCEPTED),
        (34, 42, "GPE", Layer.ENTITY, Status.ACCEPTED),
    ]
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
    assert TEXT[quote.content.start : quote.content.end] == "progress was made"
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


def test_structure_gives_layers_sub_types_flags_and_kinds(tmp_path, split):
    record = {
        "text": "Rubio said talks in Istanbul.",
        "entities": [
            {"id": 1, "start_offset": 0, "end_offset": 5, "label": "PERSON"},
            {"id": 2, "start_offset": 0, "end_offset": 5, "label": "PERSON"},
            {"id": 3, "start_offset": 11, "end_offset": 16, "label": "NEGOTIATE"},
            {"id": 4, "start_offset": 20, "end_offset": 28, "label": "GPE"},
            {"id": 5, "start_offset": 20, "end_offset": 28, "label": "GPE"},
            {"id": 6, "start_offset": 0, "end_offset": 5, "label": "ACTOR"},
        ],
        "relations": [
            {"id": 1, "from_id": 3, "to_id": 5, "type": "LOCATION"},
            {"id": 2, "from_id": 3, "to_id": 6, "type": "ACTOR"},
        ],
        "structure": {
            "layers": [
                {"start_offset": 0, "end_offset": 5, "label": "PERSON", "layers": ["entity", "speaker"]},
                {"start_offset": 11, "end_offset": 16, "label": "NEGOTIATE", "layers": ["trigger"]},
                {"start_offset": 20, "end_offset": 28, "label": "GPE", "layers": ["entity", "argument"]},
                {"start_offset": 0, "end_offset": 5, "label": "ACTOR", "layers": ["argument"]},
            ],
            "events": [
                {
                    "start_offset": 11,
                    "end_offset": 16,
                    "label": "NEGOTIATE",
                    "sub_type": "Talks",
                    "negated": True,
                    "hypothetical": False,
                    "future": True,
                }
            ],
            "quotes": [],
        },
    }
    [article], errors = split(read_doccano(_write(tmp_path / "d.jsonl", [record])))
    assert errors == []
    assert [(s.label, s.layer) for s in article.annotations.spans] == [
        ("PERSON", Layer.ENTITY),
        ("PERSON", Layer.SPEAKER),
        ("NEGOTIATE", Layer.TRIGGER),
        ("GPE", Layer.ENTITY),
        ("GPE", Layer.ARGUMENT),
        ("ACTOR", Layer.ARGUMENT),
    ]
    [event] = article.annotations.events
    assert (event.sub_type, event.negated, event.future) == ("Talks", True, True)
    assert [(a.role, a.span.layer) for a in event.arguments] == [
        ("LOCATION", Layer.ARGUMENT),
        ("ACTOR", Layer.ARGUMENT),
    ]
    assert "structure" not in article.meta


def test_bad_structure_is_reported_and_the_record_imports(tmp_path, split):
    bad_shape = {
        "text": TEXT,
        "entities": [{"id": 1, "start_offset": 0, "end_offset": 5, "label": "PERSON"}],
        "structure": ["not", "an", "object"],
    }
    bad_value = {
        "text": TEXT,
        "entities": [{"id": 1, "start_offset": 12, "end_offset": 29, "label": "QUOTE"}],
        "structure": {"quotes": [{"start_offset": 12, "end_offset": 29, "label": "QUOTE", "kind": "loud"}]},
    }
    (first, second), errors = split(read_doccano(_write(tmp_path / "d.jsonl", [bad_shape, bad_value])))
    assert [s.label for s in first.annotations.spans] == ["PERSON"]
    assert second.annotations.quotes[0].kind == "direct"
    assert [(e.location.line, "structure" in e.reason) for e in errors] == [(1, True), (2, True)]
    assert "'loud'" in errors[1].reason


def test_unusable_structure_layers_are_reported(tmp_path, split):
    record = {
        "text": TEXT,
        "entities": [{"id": 1, "start_offset": 0, "end_offset": 5, "label": "PERSON"}],
        "structure": {
            "layers": ["junk", {"start_offset": 0, "end_offset": 5, "label": "PERSON", "layers": ["headline"]}]
        },
    }
    [article], errors = split(read_doccano(_write(tmp_path / "d.jsonl", [record])))
    assert article.annotations.spans[0].layer == Layer.ENTITY
    assert ["layers 1" in e.reason for e in errors] == [True, False]
    assert "'headline'" in errors[1].reason
