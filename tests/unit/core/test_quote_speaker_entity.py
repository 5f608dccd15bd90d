"""A quote's speaker as written ("he") and the named entity it refers to, in the core."""

from annotator.core import edits as e
from annotator.core.model import Annotations, Layer, Origin, Quote, QuoteKind, Span, Status
from annotator.core.replay import replay

TEXT = "Vladimir Medinsky spoke.\n\n“There will be an exchange,” he said."


def span(word: str, label: str, layer: Layer, id_: int, status: Status = Status.SUGGESTED) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word), label, layer, status, Origin.MODEL, id_)


CONTENT = span("There will be an exchange,", "QUOTE", Layer.QUOTE, 1)
HE = span("he", "SPEAKER", Layer.SPEAKER, 2)
MEDINSKY = span("Vladimir Medinsky", "PERSON", Layer.SPEAKER, 3)
SAID = span("said", "CUE", Layer.CUE, 4)


def test_named_speaker_is_the_entity_else_the_mention() -> None:
    assert Quote(CONTENT, HE, SAID, speaker_entity=MEDINSKY).named_speaker == MEDINSKY
    assert Quote(CONTENT, MEDINSKY, SAID).named_speaker == MEDINSKY
    assert Quote(CONTENT).named_speaker is None


def test_linking_the_entity_is_an_edit_that_inverts_and_round_trips_through_json() -> None:
    before = Quote(CONTENT, HE, SAID, QuoteKind.DIRECT, 5)
    after = Quote(CONTENT, HE, SAID, QuoteKind.DIRECT, 5, MEDINSKY)
    edit = e.ChangeQuote(before, after)
    assert edit.describe() == "link speaker entity"
    assert edit.inverse().describe() == "unlink speaker entity"
    assert e.Edit.from_json(edit.to_json()) == edit
    assert e.Edit.from_json(e.AddQuote(after).to_json()) == e.AddQuote(after)


def test_history_written_before_the_field_existed_still_reads() -> None:
    data = e.AddQuote(Quote(CONTENT, HE, SAID, id=5)).to_json()
    del data["quote"]["speaker_entity"]
    assert e.Edit.from_json(data) == e.AddQuote(Quote(CONTENT, HE, SAID, id=5))


def test_replay_points_the_quote_at_the_entity_span_as_it_now_is() -> None:
    quote = Quote(CONTENT, HE, SAID, QuoteKind.DIRECT, 5, MEDINSKY)
    annotations = Annotations((CONTENT, HE, MEDINSKY, SAID), (quote,))
    accepted = MEDINSKY.with_(status=Status.ACCEPTED)
    after = replay(annotations, e.ChangeSpan(MEDINSKY, accepted))
    assert after.quotes[0].speaker_entity == accepted


def test_decisions_keep_the_entity_only_when_it_was_kept() -> None:
    kept = [s.with_(status=Status.ACCEPTED) for s in (CONTENT, HE, MEDINSKY, SAID)]
    quote = Quote(kept[0], kept[1], kept[3], speaker_entity=kept[2])
    assert Annotations(tuple(kept), (quote,)).decided().quotes[0].speaker_entity == kept[2]
    rejected = kept[2].with_(status=Status.REJECTED)
    quote = Quote(kept[0], kept[1], kept[3], speaker_entity=rejected)
    decided = Annotations((kept[0], kept[1], rejected, kept[3]), (quote,)).decided()
    assert decided.quotes[0].speaker_entity is None and decided.quotes[0].speaker == kept[1]
    assert Annotations(tuple(kept), (quote,)).without_ids().quotes[0].speaker_entity.id is None


def test_versions_that_differ_only_in_the_speaker_entity_differ():
    from annotator.core.set_diff import diff, quote_signature

    without = Quote(CONTENT, HE, SAID, QuoteKind.DIRECT, 5)
    with_entity = Quote(CONTENT, HE, SAID, QuoteKind.DIRECT, 5, MEDINSKY)
    assert quote_signature(without) != quote_signature(with_entity)
    edit = diff(
        Annotations((CONTENT, HE, MEDINSKY, SAID), (without,)),
        Annotations((CONTENT, HE, MEDINSKY, SAID), (with_entity,)),
    )
    added = [x.quote for x in edit.edits if isinstance(x, e.AddQuote)]
    assert [q.speaker_entity.key for q in added] == [MEDINSKY.key]
