from __future__ import annotations

import json

from annotator.core.model import ArticleStatus, Layer, Origin, QuoteKind, Status
from annotator.ingest.prodigy import read_prodigy

TEXT = "Medinsky said “we agreed” after troops shelled Kharkiv."
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901234


def _span(start, end, label, token_start=None, token_end=None):
    span = {"start": start, "end": end, "label": label}
    if token_start is not None:
        span.update(token_start=token_start, token_end=token_end)
    return span


MEDINSKY = _span(0, 8, "PERSON", 0, 0)
SAID = _span(9, 13, "CUE", 1, 1)
QUOTE = _span(15, 24, "QUOTE", 3, 4)
SHELLED = _span(39, 46, "EXPLOSION_REMOTE", 8, 8)
TROOPS = _span(32, 38, "ARMED_GROUP", 7, 7)
KHARKIV = _span(47, 54, "GPE", 9, 9)


def _task(answer="accept", **extra):
    task = {
        "text": TEXT,
        "meta": {"title": "Talks", "url": "https://x.example/talks"},
        "spans": [MEDINSKY, SAID, QUOTE, SHELLED, TROOPS, KHARKIV],
        "relations": [
            {"head": 4, "child": 0, "head_span": QUOTE, "child_span": MEDINSKY, "label": "Speaker"},
            {"head": 4, "child": 1, "head_span": QUOTE, "child_span": SAID, "label": "Cue"},
            {"head": 8, "child": 7, "label": "ACTOR"},
            {"head": 8, "child": 9, "label": "LOCATION"},
            {"head": 0, "child": 9, "head_span": MEDINSKY, "child_span": KHARKIV, "label": "LIVES_IN"},
        ],
        "_input_hash": 1,
        "_task_hash": 2,
        "_annotator_id": "conflict-ann1",
        **extra,
    }
    if answer is not None:
        task["answer"] = answer
    return task


def _write(path, tasks):
    path.write_text("\n".join(t if isinstance(t, str) else json.dumps(t, ensure_ascii=False) for t in tasks) + "\n")
    return path


def test_accepted_task_becomes_decisions_with_quotes_and_events(tmp_path, split):
    path = _write(tmp_path / "tasks.jsonl", [_task()])
    [article], errors = split(read_prodigy(path))
    assert errors == []
    assert article.status == ArticleStatus.DONE
    assert article.annotator == "conflict-ann1"
    assert (article.title, article.url) == ("Talks", "https://x.example/talks")
    assert article.meta["prodigy"] == {
        "_annotator_id": "conflict-ann1",
        "_input_hash": 1,
        "_task_hash": 2,
        "answer": "accept",
    }
    spans = article.annotations.spans
    assert {(s.start, s.end, s.label, s.layer) for s in spans} == {
        (0, 8, "PERSON", Layer.ENTITY),
        (9, 13, "CUE", Layer.CUE),
        (15, 24, "QUOTE", Layer.QUOTE),
        (39, 46, "EXPLOSION_REMOTE", Layer.TRIGGER),
        (32, 38, "ARMED_GROUP", Layer.ENTITY),
        (47, 54, "GPE", Layer.ENTITY),
    }
    assert all(s.status == Status.ACCEPTED and s.origin == Origin.IMPORT for s in spans)
    [quote] = article.annotations.quotes
    assert TEXT[quote.content.start : quote.content.end] == "we agreed"
    assert quote.speaker.label == "PERSON" and quote.cue.label == "CUE"
    [event] = article.annotations.events
    assert event.event_type == "EXPLOSION_REMOTE"
    assert [(a.role, TEXT[a.span.start : a.span.end]) for a in event.arguments] == [
        ("ACTOR", "troops"),
        ("LOCATION", "Kharkiv"),
    ]
    assert article.meta["relations"] == [
        {
            "head": {"start": 0, "end": 8, "label": "PERSON"},
            "child": {"start": 47, "end": 54, "label": "GPE"},
            "label": "LIVES_IN",
        }
    ]


def test_answers_decide_span_and_article_status(tmp_path, split):
    path = _write(tmp_path / "tasks.jsonl", [_task("reject"), _task("ignore"), _task(None)])
    (reject, ignore, unanswered), errors = split(read_prodigy(path))
    assert errors == []
    assert reject.status == ArticleStatus.SKIPPED
    assert {s.status for s in reject.annotations.spans} == {Status.REJECTED}
    assert ignore.status == ArticleStatus.SKIPPED
    assert {s.status for s in ignore.annotations.spans} == {Status.SUGGESTED}
    assert unanswered.status is None
    assert {s.status for s in unanswered.annotations.spans} == {Status.SUGGESTED}


def test_bad_spans_are_reported_and_the_rest_of_the_task_imports(tmp_path, split):
    task = _task(relations=[])
    task["spans"] = [
        MEDINSKY,
        _span(50, 80, "GPE"),
        _span(10, 10, "ORG"),
        {"start": 1, "end": 3},
        _span("0", 4, "ORG"),
        "junk",
    ]
    path = _write(tmp_path / "tasks.jsonl", ['{"text": "not closed', task])
    [article], errors = split(read_prodigy(path))
    assert [s.label for s in article.annotations.spans] == ["PERSON"]
    assert [(e.location.path, e.location.line) for e in errors] == [(str(path), 1)] + [(str(path), 2)] * 5
    assert "outside the text" in str(errors[1]) and "span 2" in str(errors[1])
    assert "no label" in str(errors[3])


def test_relation_to_unknown_token_is_reported(tmp_path, split):
    task = _task(relations=[{"head": 8, "child": 5, "label": "TARGET"}])
    path = _write(tmp_path / "tasks.jsonl", [task])
    [article], [error] = split(read_prodigy(path))
    assert "relation 1" in str(error) and "child token 5" in str(error)
    assert article.annotations.events[0].arguments == ()


def test_unknown_answer_is_reported_and_read_as_unanswered(tmp_path, split):
    path = _write(tmp_path / "tasks.jsonl", [_task("maybe")])
    [article], [error] = split(read_prodigy(path))
    assert "unknown answer" in str(error) and article.status is None


def test_layers_and_attributes_our_export_writes_are_read_back(tmp_path, split):
    speaker = {**MEDINSKY, "layer": "speaker"}
    troops = {**TROOPS, "label": "ACTOR", "layer": "argument"}
    kharkiv_argument = {**KHARKIV, "layer": "argument"}
    task = _task(
        spans=[
            MEDINSKY,
            speaker,
            SAID,
            {**QUOTE, "layer": "quote", "attributes": {"kind": "indirect"}},
            {
                **SHELLED,
                "layer": "trigger",
                "attributes": {
                    "sub_type": "Shelling/artillery/missile attack",
                    "negated": False,
                    "hypothetical": True,
                    "future": False,
                },
            },
            troops,
            KHARKIV,
            kharkiv_argument,
        ],
        relations=[
            {"head": 4, "child": 0, "head_span": QUOTE, "child_span": speaker, "label": "Speaker"},
            {"head": 4, "child": 1, "head_span": QUOTE, "child_span": SAID, "label": "Cue"},
            {"head": 8, "child": 7, "head_span": SHELLED, "child_span": troops, "label": "ACTOR"},
            {"head": 8, "child": 9, "head_span": SHELLED, "child_span": kharkiv_argument, "label": "LOCATION"},
        ],
    )
    [article], errors = split(read_prodigy(_write(tmp_path / "tasks.jsonl", [task])))
    assert errors == []
    layers = [(s.label, s.layer) for s in article.annotations.spans]
    assert ("PERSON", Layer.ENTITY) in layers and ("PERSON", Layer.SPEAKER) in layers
    assert ("ACTOR", Layer.ARGUMENT) in layers and ("GPE", Layer.ARGUMENT) in layers
    [quote] = article.annotations.quotes
    assert quote.speaker.layer == Layer.SPEAKER and quote.kind == QuoteKind.INDIRECT
    [event] = article.annotations.events
    assert (event.sub_type, event.negated, event.hypothetical, event.future) == (
        "Shelling/artillery/missile attack",
        False,
        True,
        False,
    )
    assert [(a.role, a.span.label, a.span.layer) for a in event.arguments] == [
        ("ACTOR", "ACTOR", Layer.ARGUMENT),
        ("LOCATION", "GPE", Layer.ARGUMENT),
    ]


def test_unknown_layer_and_misplaced_attributes_are_reported(tmp_path, split):
    task = _task(
        relations=[],
        spans=[
            {**MEDINSKY, "layer": "heading"},
            {**KHARKIV, "attributes": {"kind": "direct"}},
            {**QUOTE, "attributes": {"kind": "sarcastic", "future": True}},
        ],
    )
    [article], errors = split(read_prodigy(_write(tmp_path / "tasks.jsonl", [task])))
    assert [s.label for s in article.annotations.spans] == ["GPE", "QUOTE"]
    assert "span 1" in errors[0].reason and "'heading'" in errors[0].reason
    assert "span 2" in errors[1].reason and "kind" in errors[1].reason
    assert ["sarcastic" in e.reason or "future" in e.reason for e in errors[2:]] == [True, True]
    assert article.annotations.quotes[0].kind == QuoteKind.DIRECT
