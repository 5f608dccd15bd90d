from annotator.core.model import Layer, Origin, QuoteKind, Status, Tokenisation
from annotator.core.scheme import LabelScheme
from annotator.nlp.suggest import annotate, suggest
from annotator.nlp.tokens import tokenize

TEXT = "“We agreed on a ceasefire in Kyiv today,” Jones said.\n\nRebels clashed with Russian forces near Aleppo, killing 4."


def test_suggest_layers_status_and_shared_spans(blank_nlp):
    annotations = suggest(blank_nlp(TEXT), LabelScheme.default())
    layers = {span.layer for span in annotations.spans}
    assert {Layer.ENTITY, Layer.QUOTE, Layer.SPEAKER, Layer.CUE, Layer.TRIGGER, Layer.ARGUMENT} <= layers
    assert all(s.status == Status.SUGGESTED and s.origin == Origin.MODEL for s in annotations.spans)
    ids = {id(s) for s in annotations.spans}
    [quote] = annotations.quotes
    assert {id(quote.content), id(quote.speaker), id(quote.cue)} <= ids
    assert quote.kind == QuoteKind.DIRECT
    assert quote.speaker.text_in(TEXT) == "Jones" and quote.speaker.label == "PERSON"
    for event in annotations.events:
        assert id(event.trigger) in ids and all(id(a.span) in ids for a in event.arguments)
    assert len({s.key for s in annotations.spans}) == len(annotations.spans)


def test_suggest_uses_scheme_labels_and_roles(blank_nlp):
    scheme = LabelScheme.default()
    annotations = suggest(blank_nlp(TEXT), scheme)
    for span in annotations.on_layer(Layer.ENTITY):
        assert span.label in scheme.entities
    battle = next(e for e in annotations.events if e.event_type == "BATTLE")
    arguments = {(a.role, a.span.text_in(TEXT)) for a in battle.arguments}
    assert {("FATALITIES", "4"), ("TARGET", "Russian forces"), ("LOCATION", "Aleppo")} <= arguments
    assert all(a.span.layer == Layer.ARGUMENT and a.span.label == a.role for a in battle.arguments)
    for event in annotations.events:
        for argument in event.arguments:
            scheme.validate_role(event.event_type, argument.role)


def test_suggest_drops_unmapped_model_labels(blank_nlp):
    doc = blank_nlp.make_doc("He came first in 2020.")
    from spacy.tokens import Span as SpacySpan

    doc.ents = [SpacySpan(doc, 2, 3, label="ORDINAL"), SpacySpan(doc, 4, 5, label="DATE")]
    annotations = suggest(doc, LabelScheme.default())
    assert [(s.label, s.text_in(doc.text)) for s in annotations.spans] == [("DATE", "2020")]


def test_spans_snap_to_stored_tokens(blank_nlp):
    tokens = next(tokenize([TEXT]))
    [annotations] = list(annotate(blank_nlp, [(TEXT, tokens)]))
    starts, ends = set(tokens.starts), set(tokens.ends)
    assert annotations.spans
    for span in annotations.spans:
        assert span.start in starts and span.end in ends, span


def test_annotate_reports_a_broken_item_and_goes_on(blank_nlp):
    good = next(tokenize([TEXT]))
    broken = Tokenisation(((0, 3), (2, 9)))
    errors = []
    results = list(
        annotate(
            blank_nlp,
            [(TEXT, good), ("short text", broken), (TEXT, good)],
            batch_size=2,
            on_error=lambda i, e: errors.append((i, str(e))),
        )
    )
    assert results[1] is None and results[0] is not None and results[2] is not None
    assert results[0] == results[2]
    assert [i for i, _ in errors] == [1]


def test_annotate_isolates_a_component_failure(blank_nlp, monkeypatch):
    quotes = blank_nlp.get_pipe("annotator_quotes")
    original = type(quotes).__call__

    def flaky(self, doc):
        if "explode" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(quotes), "__call__", flaky)
    texts = ["“We are ready to talk now,” Jones said.", "this will explode", "Rebels clashed with the army."]
    items = [(t, tok) for t, tok in zip(texts, tokenize(texts))]
    errors = []
    results = list(annotate(blank_nlp, items, batch_size=8, on_error=lambda i, e: errors.append(i)))
    assert [r is None for r in results] == [False, True, False]
    assert errors == [1]
    assert results[0].quotes and results[2].events
