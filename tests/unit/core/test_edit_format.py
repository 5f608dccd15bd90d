"""The stored form of an edit: versioned JSON, type-tagged values, rows from before the
format had a version, and rows that cannot be read (docs/adr/0003)."""

import json

import pytest

from annotator.core import edits as e
from annotator.core.model import (
    Argument,
    ArticleStatus,
    Claim,
    ClaimKind,
    DatePrecision,
    Event,
    EventDate,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
)

A = Span(10, 17, "GPE", Layer.ENTITY, Status.SUGGESTED, Origin.MODEL, 4)
B = Span(0, 14, "ACTOR", Layer.ARGUMENT, Status.ACCEPTED, Origin.MANUAL, 5)
T = Span(20, 27, "EXPLOSION_REMOTE", Layer.TRIGGER, Status.SUGGESTED, Origin.MODEL, 6)
Q = Span(30, 60, "QUOTE", Layer.QUOTE, Status.ACCEPTED, Origin.MODEL, 7)
CUE = Span(61, 65, "CUE", Layer.CUE, Status.ACCEPTED, Origin.MODEL, 8)
QUOTE = Quote(Q, A, CUE, QuoteKind.INDIRECT, 3, None)
DATE = EventDate("2025-05-12", "2025-05-18", DatePrecision.WEEK, "last week", Origin.MODEL)
CLAIM = Claim(ClaimKind.KILLED, 3, None, "at least", "civilians", "the ministry", 40, 50, Origin.MODEL)
EVENT = Event(T, "EXPLOSION_REMOTE", "shelling", False, False, False, (Argument("ACTOR", B, 11),), 9, DATE, (CLAIM,))
IN_PROGRESS, DONE = ArticleStatus.IN_PROGRESS, ArticleStatus.DONE

EDITS: list[e.Edit] = [
    e.AddSpan(A),
    e.RemoveSpan(B),
    e.accept(A),
    e.relabel(A, "LOC"),
    e.AddQuote(QUOTE),
    e.RemoveQuote(QUOTE),
    e.ChangeQuote(QUOTE, Quote(Q, None, CUE, QuoteKind.DIRECT, 3, A)),
    e.AddEvent(EVENT),
    e.RemoveEvent(EVENT),
    e.ChangeEvent(EVENT, Event(T, "ATTACK", id=9)),
    e.AddArgument(9, Argument("LOCATION", A)),
    e.RemoveArgument(9, Argument("ACTOR", B, 11)),
    e.LinkActor(A, 2),
    e.UnlinkActor(A, 2),
    e.SetEventDate(9, None, DATE),
    e.SetEventDate(9, DATE, None),
    e.AddClaim(9, CLAIM),
    e.RemoveClaim(9, CLAIM),
    e.SetArticleStatus(IN_PROGRESS, DONE),
    e.Compound((e.accept(A), e.SetArticleStatus(IN_PROGRESS, DONE)), "mark done, accepting the rest (1)"),
    e.RefreshSuggestions(
        (e.RemoveSpan(A), e.AddSpan(Span(10, 17, "LOC"))), "refresh suggestions (m) 1 new, 1 gone", 12, 8
    ),
]

# The same edits as annotator wrote them before the format had a version (copied from
# history rows of that version; not produced by the code under test).
_S4 = '"start": 10, "end": 17, "label": "GPE", "layer": "entity", "status": "suggested", "origin": "model", "id": 4'
_A4 = _S4.replace('"suggested"', '"accepted"')
_B5 = '"start": 0, "end": 14, "label": "ACTOR", "layer": "argument", "status": "accepted", "origin": "manual", "id": 5'
_T6 = (
    '"start": 20, "end": 27, "label": "EXPLOSION_REMOTE", "layer": "trigger", "status": "suggested",'
    ' "origin": "model", "id": 6'
)
_Q7 = '"start": 30, "end": 60, "label": "QUOTE", "layer": "quote", "status": "accepted", "origin": "model", "id": 7'
_C8 = '"start": 61, "end": 65, "label": "CUE", "layer": "cue", "status": "accepted", "origin": "model", "id": 8'
_QUOTE = (
    f'{{"content": {{{_Q7}}}, "speaker": {{{_S4}}}, "cue": {{{_C8}}}, "kind": "indirect", "id": 3,'
    ' "speaker_entity": null}'
)
_DATE = '{"first": "2025-05-12", "last": "2025-05-18", "precision": "week", "text": "last week", "origin": "model"}'
_CLAIM = (
    '{"kind": "killed", "figure": 3, "high": null, "qualifier": "at least", "counts": "civilians",'
    ' "claimant": "the ministry", "start": 40, "end": 50, "origin": "model"}'
)
_EVENT = (
    f'{{"trigger": {{{_T6}}}, "event_type": "EXPLOSION_REMOTE", "sub_type": "shelling", "negated": false,'
    f' "hypothetical": false, "future": false, "arguments": [{{"role": "ACTOR", "span": {{{_B5}}}, "id": 11}}],'
    f' "id": 9, "date": {_DATE}, "claims": [{_CLAIM}]}}'
)
VERSION_1 = [
    f'{{"kind": "add_span", "span": {{{_S4}}}}}',
    f'{{"kind": "remove_span", "span": {{{_B5}}}}}',
    f'{{"kind": "change_span", "before": {{{_S4}}}, "after": {{{_A4}}}}}',
    f'{{"kind": "change_span", "before": {{{_S4}}}, "after": {{{_A4.replace("GPE", "LOC")}}}}}',
    f'{{"kind": "add_quote", "quote": {_QUOTE}}}',
    f'{{"kind": "remove_quote", "quote": {_QUOTE}}}',
    f'{{"kind": "change_quote", "before": {_QUOTE}, "after": {{"content": {{{_Q7}}}, "speaker": null,'
    f' "cue": {{{_C8}}}, "kind": "direct", "id": 3, "speaker_entity": {{{_S4}}}}}}}',
    f'{{"kind": "add_event", "event": {_EVENT}}}',
    f'{{"kind": "remove_event", "event": {_EVENT}}}',
    f'{{"kind": "change_event", "before": {_EVENT}, "after": {{"trigger": {{{_T6}}}, "event_type": "ATTACK",'
    ' "sub_type": "", "negated": false, "hypothetical": false, "future": false, "arguments": [], "id": 9,'
    ' "date": null, "claims": []}}',
    '{"kind": "add_argument", "event_id": 9, "argument": {"role": "LOCATION", "span": {' + _S4 + '}, "id": null}}',
    '{"kind": "remove_argument", "event_id": 9, "argument": {"role": "ACTOR", "span": {' + _B5 + '}, "id": 11}}',
    f'{{"kind": "link_actor", "span": {{{_S4}}}, "actor_id": 2}}',
    f'{{"kind": "unlink_actor", "span": {{{_S4}}}, "actor_id": 2}}',
    f'{{"kind": "set_event_date", "event_id": 9, "before": null, "after": {_DATE}}}',
    f'{{"kind": "set_event_date", "event_id": 9, "before": {_DATE}, "after": null}}',
    f'{{"kind": "add_claim", "event_id": 9, "claim": {_CLAIM}}}',
    f'{{"kind": "remove_claim", "event_id": 9, "claim": {_CLAIM}}}',
    '{"kind": "set_article_status", "before": "in_progress", "after": "done"}',
    f'{{"kind": "compound", "edits": [{{"kind": "change_span", "before": {{{_S4}}}, "after": {{{_A4}}}}},'
    ' {"kind": "set_article_status", "before": "in_progress", "after": "done"}],'
    ' "description": "mark done, accepting the rest (1)"}',
    f'{{"kind": "refresh_suggestions", "edits": [{{"kind": "remove_span", "span": {{{_S4}}}}},'
    ' {"kind": "add_span", "span": {"start": 10, "end": 17, "label": "LOC", "layer": "entity",'
    ' "status": "suggested", "origin": "model", "id": null}}],'
    ' "description": "refresh suggestions (m) 1 new, 1 gone", "model_set": 12, "previous_set": 8}',
]


@pytest.mark.parametrize("row, expected", list(zip(VERSION_1, EDITS)), ids=[type(x).__name__ for x in EDITS])
def test_rows_written_before_the_format_had_a_version_still_read(row: str, expected: e.Edit) -> None:
    assert e.Edit.from_json(json.loads(row)) == expected


@pytest.mark.parametrize("edit", EDITS, ids=[type(x).__name__ for x in EDITS])
def test_the_current_format_round_trips_every_edit(edit: e.Edit) -> None:
    data = json.loads(json.dumps(edit.to_json()))
    assert data["version"] == e.FORMAT_VERSION == 2
    assert e.Edit.from_json(data) == edit


def test_values_carry_their_type_and_are_read_by_it() -> None:
    data = e.ChangeEvent(EVENT, Event(T, "ATTACK", id=9)).to_json()
    assert (data["kind"], data["before"]["type"], data["after"]["type"]) == ("change_event", "event", "event")
    assert e.SetArticleStatus(IN_PROGRESS, DONE).to_json()["after"] == {"type": "article_status", "value": "done"}
    assert e.SetEventDate(9, None, DATE).to_json()["after"]["type"] == "event_date"
    # a version-1 reader would take this `before` for a span (it has a "layer"); the tag says event date
    date = {**e.SetEventDate(9, None, DATE).to_json()["after"], "layer": "entity"}
    read = e.Edit.from_json({"version": 2, "kind": "set_event_date", "event_id": 9, "before": date, "after": None})
    assert read == e.SetEventDate(9, DATE, None)


@pytest.mark.parametrize(
    "data, reason",
    [
        ({"version": 3, "kind": "add_span"}, "version 3"),
        ({"version": 2, "kind": "split_span", "span": {}}, "unknown edit kind 'split_span'"),
        ({"kind": "add_span"}, "add_span: no 'span'"),
        ({"version": 2, "kind": "add_span", "span": {"type": "span", "start": 1}}, "add_span.span: cannot be read"),
        ({"version": 2, "kind": "add_span", "span": {"start": 1, "end": 2}}, "unknown value type None"),
        (
            {
                "version": 2,
                "kind": "set_article_status",
                "before": {"type": "span", **json.loads("{" + _S4 + "}")},
                "after": {"type": "article_status", "value": "done"},
            },
            "set_article_status.before: a ArticleStatus was expected",
        ),
        ({"kind": "set_article_status", "before": "in_progress", "after": "finished"}, "set_article_status.after"),
        ({"kind": "compound", "edits": [{"kind": "nonsense"}], "description": ""}, "unknown edit kind 'nonsense'"),
        ({"kind": "compound", "edits": ["add_span"], "description": ""}, "compound.edits: cannot be read"),
        ([1, 2], "a JSON object, not list"),
    ],
)
def test_a_row_that_cannot_be_read_says_why(data: object, reason: str) -> None:
    with pytest.raises(e.EditFormatError, match=reason.replace("(", r"\(")):
        e.Edit.from_json(data)
