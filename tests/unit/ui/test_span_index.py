from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import Annotations, Layer, Span, Status
from annotator.ui.span_index import SpanIndex

TEXT = "Russian forces shelled 😀 Kharkiv.\n\nTalks in Istanbul\nended 中 today.\n\nNothing else."


@st.composite
def span_lists(draw):
    spans = []
    for i in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(TEXT) - 2))
        end = draw(st.integers(start + 1, min(len(TEXT), start + 30)))
        spans.append(
            Span(
                start,
                end,
                draw(st.sampled_from(["PERSON", "GPE", "AGREE"])),
                draw(st.sampled_from([Layer.ENTITY, Layer.TRIGGER, Layer.QUOTE])),
                draw(st.sampled_from(list(Status))),
                id=i + 1,
            )
        )
    return spans


@given(span_lists(), st.data())
def test_incremental_update_paints_exactly_what_a_rebuild_paints(spans, data) -> None:
    index = SpanIndex.build(TEXT, Annotations(tuple(spans)))
    kept = [s for s in spans if data.draw(st.booleans())]
    changed = [replace(s, status=Status.ACCEPTED) if data.draw(st.booleans()) else s for s in kept]
    added = data.draw(span_lists())
    new = Annotations(tuple(changed + [replace(s, id=100 + i) for i, s in enumerate(added)]))
    updated = index.updated(new)
    rebuilt = SpanIndex.build(TEXT, new)
    assert {b: r for b, r in updated.runs.items() if r} == {b: r for b, r in rebuilt.runs.items() if r}
    assert updated.changed_blocks(index) == rebuilt.changed_blocks(index)
