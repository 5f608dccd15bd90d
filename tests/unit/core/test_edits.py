from hypothesis import given
from hypothesis import strategies as st

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

span_strategy = st.builds(
    Span,
    start=st.integers(0, 100),
    end=st.integers(101, 200),
    label=st.sampled_from(["PERSON", "GPE", "QUOTE", "AGREE"]),
    layer=st.sampled_from(list(Layer)),
    status=st.sampled_from(list(Status)),
    origin=st.sampled_from(list(Origin)),
    id=st.one_of(st.none(), st.integers(1, 10_000)),
)


def _edits(span_a: Span, span_b: Span) -> list[e.Edit]:
    b = Span(span_b.start, span_b.end, span_b.label, span_b.layer, span_b.status, span_b.origin, span_a.id)
    quote = Quote(span_a, span_b, None, QuoteKind.INDIRECT, 7)
    event = Event(span_a, "AGREE", "Ceasefire", True, False, True, (Argument("ACTOR", span_b, 3),), 9)
    return [
        e.AddSpan(span_a),
        e.RemoveSpan(span_a),
        e.ChangeSpan(span_a, b),
        e.AddQuote(quote),
        e.RemoveQuote(quote),
        e.ChangeQuote(quote, Quote(span_a, None, span_b, QuoteKind.DIRECT, 7)),
        e.AddEvent(event),
        e.RemoveEvent(event),
        e.ChangeEvent(event, Event(span_a, "NEGOTIATE", id=9)),
        e.AddArgument(9, Argument("TARGET", span_b)),
        e.RemoveArgument(9, Argument("TARGET", span_b, 4)),
        e.SetArticleStatus(ArticleStatus.IN_PROGRESS, ArticleStatus.DONE),
        e.SetEventDate(9, None, EventDate("2025-05-16", "2025-05-16", DatePrecision.DAY, "today")),
        e.SetEventDate(
            9,
            EventDate("2025-05-12", "2025-05-18", DatePrecision.WEEK, "last week"),
            EventDate("2025-05-14", "2025-05-14", DatePrecision.DAY, "", Origin.MANUAL),
        ),
        e.AddClaim(9, Claim(ClaimKind.KILLED, 12, None, "at least", "civilians", "the ministry", 3, 14)),
        e.RemoveClaim(
            9, Claim(ClaimKind.EXCHANGED, 1000, None, "each side", "prisoners", "", None, None, Origin.MANUAL)
        ),
        e.AddEvent(
            Event(
                span_a,
                "AGREE",
                id=9,
                date=EventDate("2025-05-16", "2025-05-16"),
                claims=(Claim(ClaimKind.EXCHANGED, 1000, 1200),),
            )
        ),
    ]


@given(span_strategy, span_strategy)
def test_every_edit_inverts_exactly_and_round_trips_through_json(a: Span, b: Span) -> None:
    for edit in _edits(a, b):
        assert edit.inverse().inverse() == edit
        assert e.Edit.from_json(edit.to_json()) == edit
    compound = e.Compound(tuple(_edits(a, b)), "all")
    assert compound.inverse().inverse() == compound
    assert e.Edit.from_json(compound.inverse().to_json()) == compound.inverse()


def test_compound_inverse_reverses_order() -> None:
    a, b = Span(0, 1, "PERSON", id=1), Span(2, 3, "GPE", id=2)
    compound = e.Compound((e.AddSpan(a), e.AddSpan(b)))
    assert compound.inverse().edits == (e.RemoveSpan(b), e.RemoveSpan(a))  # type: ignore[attr-defined]


def test_helpers_describe_the_gesture() -> None:
    span = Span(0, 5, "PERSON", id=1)
    assert e.accept(span).after.status == Status.ACCEPTED
    assert e.reject(span).describe() == "rejected PERSON"
    assert e.relabel(span, "ORG").describe() == "relabel PERSON → ORG"
    assert e.resize(span, 0, 9).after.end == 9
    assert e.manual_span(1, 2, "GPE").origin == Origin.MANUAL
