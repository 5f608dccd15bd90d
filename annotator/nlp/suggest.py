"""From a processed Doc to core `Annotations`: the model's suggestions for one article.

Every span is SUGGESTED with origin MODEL, snapped to token boundaries (no leading or
trailing whitespace), labelled with scheme labels only; quotes and events refer to Span
objects that are also in `Annotations.spans`, one object per (start, end, label, layer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annotator.core.errors import ModelError, ValidationError
from annotator.core.model import (
    Annotations,
    Argument,
    Event,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
    Tokenisation,
)
from annotator.core.scheme import LabelScheme
from annotator.nlp.events import SPANS_KEY as EVENTS_KEY
from annotator.nlp.quotes import FRAGMENTS_KEY
from annotator.nlp.quotes import SPANS_KEY as QUOTES_KEY
from annotator.nlp.scheme_lexicon import use_scheme
from annotator.nlp.tokens import doc_from_tokens

ErrorCallback = Callable[[int, ModelError], None]
CHUNK_BATCHES = 8


class _Spans:
    """Collects spans, one object per key, in a stable order."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[int, int, str, str], Span] = {}

    def add(self, span: SpacySpan | None, label: str, layer: Layer) -> Span | None:
        if span is None:
            return None
        bounds = _snap(span)
        if bounds is None:
            return None
        created = Span(bounds[0], bounds[1], label, layer, Status.SUGGESTED, Origin.MODEL)
        return self.by_key.setdefault(created.key, created)

    def all(self) -> tuple[Span, ...]:
        return tuple(sorted(self.by_key.values(), key=lambda s: (s.start, s.end, str(s.layer), s.label)))


def suggest(doc: Doc, scheme: LabelScheme | None = None) -> Annotations:
    """The suggestions of a processed Doc as core Annotations.

    doc (Doc): processed by a pipeline with our components (entities alone also work).
    scheme (Optional[LabelScheme]): labels allowed, and the event types triggers become
        (through the scheme's aliases); default: the bundled conflict scheme.
    RETURNS (Annotations): entity, quote, speaker, cue, trigger and argument spans, the
        quotes and the events.
    """
    scheme = scheme or _default_scheme()
    spans = _Spans()
    for entity in doc.ents:
        label = scheme.map_model_label(entity.label_)
        if label is not None:
            spans.add(entity, label, Layer.ENTITY)
    quotes = tuple(q for q in (_quote(s, spans, scheme) for s in _quote_spans(doc, scheme)) if q)
    events = tuple(e for e in (_event(s, spans, scheme) for s in doc.spans.get(EVENTS_KEY, ())) if e)
    return Annotations(spans.all(), quotes, events)


@cache
def _default_scheme() -> LabelScheme:
    return LabelScheme.default()


def _quote_spans(doc: Doc, scheme: LabelScheme) -> list[SpacySpan]:
    """The quotes the scheme's quote rule keeps: indirect quotes, quoted text of at least
    `min_words` words, and shorter fragments when the rule counts them."""
    rule = scheme.quote_rule
    found = []
    for span in [*doc.spans.get(QUOTES_KEY, ()), *doc.spans.get(FRAGMENTS_KEY, ())]:
        words = sum(1 for t in span if t.is_alpha or t.like_num)
        if span._.quote_kind == QuoteKind.INDIRECT or words >= rule.min_words or rule.fragments:
            found.append(span)
    return sorted(found, key=lambda s: (s.start, s.end))


def _quote(content: SpacySpan, spans: _Spans, scheme: LabelScheme) -> Quote | None:
    content_span = spans.add(content, "QUOTE", Layer.QUOTE)
    if content_span is None:
        return None
    speaker_span = _speaker_span(content._.speaker, spans, scheme)
    entity = content._.speaker_entity
    entity_span = _speaker_span(entity, spans, scheme) if entity is not None else None
    if entity_span is not None and speaker_span is not None and entity_span.key[:2] == speaker_span.key[:2]:
        entity_span = None
    cue_span = spans.add(content._.cue, "CUE", Layer.CUE)
    kind = QuoteKind(content._.quote_kind or QuoteKind.DIRECT)
    return Quote(content_span, speaker_span, cue_span, kind, speaker_entity=entity_span)


def _speaker_span(span: SpacySpan | None, spans: _Spans, scheme: LabelScheme) -> Span | None:
    """A speaker span labelled with its entity's scheme label, else SPEAKER."""
    if span is None:
        return None
    label = scheme.map_model_label(span.label_) if span.label_ else None
    return spans.add(span, label or "SPEAKER", Layer.SPEAKER)


def _event(trigger: SpacySpan, spans: _Spans, scheme: LabelScheme) -> Event | None:
    resolved = scheme.event_type_for(trigger.label_, trigger._.event_subtype or "")
    if resolved is None:
        return None
    event_type, sub_type = resolved
    trigger_span = spans.add(trigger, event_type, Layer.TRIGGER)
    if trigger_span is None:
        return None
    arguments = []
    for role, span in trigger._.event_arguments:
        try:
            scheme.validate_role(event_type, role)
        except ValidationError:
            continue
        argument_span = spans.add(span, role, Layer.ARGUMENT)
        if argument_span is not None and argument_span.key != trigger_span.key:
            arguments.append(Argument(role, argument_span))
    return Event(
        trigger_span,
        event_type,
        sub_type=sub_type,
        negated=bool(trigger._.event_negated),
        hypothetical=bool(trigger._.event_hypothetical),
        future=bool(trigger._.event_future),
        arguments=tuple(arguments),
    )


def _snap(span: SpacySpan) -> tuple[int, int] | None:
    """Character bounds of the span's first and last non-whitespace tokens."""
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return None
    start = tokens[0].idx + (len(tokens[0].text) - len(tokens[0].text.lstrip()))
    end = tokens[-1].idx + len(tokens[-1].text.rstrip())
    return (start, end) if end > start else None


def annotate(
    nlp: Language,
    items: Iterable[tuple[str, Tokenisation]],
    batch_size: int = 64,
    *,
    scheme: LabelScheme | None = None,
    n_process: int = 1,
    on_error: ErrorCallback | None = None,
) -> Iterator[Annotations | None]:
    """Pre-annotate many articles with `nlp.pipe`, on Docs rebuilt from their stored tokens
    so offsets match the store.

    nlp (Language): from `load_pipeline`.
    items (Iterable[tuple[str, Tokenisation]]): (text, stored tokenisation) per article.
    batch_size (int): articles per `nlp.pipe` batch.
    scheme (Optional[LabelScheme]): the project's scheme; default: the bundled one.
    n_process (int): processes for `nlp.pipe` (measure before raising it: worker
        processes start per chunk of batch_size * n_process * 8 articles).
    on_error (Optional[Callable[[int, ModelError], None]]): told of each article that
        failed (its index in `items`, the error); the others go on.
    YIELDS (Annotations | None): one value per item, in order; None for a failed item.
    """
    scheme = scheme or _default_scheme()
    use_scheme(nlp, scheme)
    chunk = batch_size if n_process == 1 else batch_size * n_process * CHUNK_BATCHES
    batch: list[tuple[int, str, Tokenisation]] = []
    for index, (text, tokens) in enumerate(items):
        batch.append((index, text, tokens))
        if len(batch) >= chunk:
            yield from _annotate_batch(nlp, batch, batch_size, scheme, n_process, on_error)
            batch = []
    if batch:
        yield from _annotate_batch(nlp, batch, batch_size, scheme, n_process, on_error)


def _annotate_batch(
    nlp: Language,
    batch: list[tuple[int, str, Tokenisation]],
    batch_size: int,
    scheme: LabelScheme,
    n_process: int,
    on_error: ErrorCallback | None,
) -> Iterator[Annotations | None]:
    docs: list[Doc | None] = []
    for index, text, tokens in batch:
        docs.append(_rebuild(nlp, index, text, tokens, on_error))
    ready = [doc for doc in docs if doc is not None]
    try:
        processed = iter(list(nlp.pipe(ready, batch_size=batch_size, n_process=n_process)))
    except Exception:
        processed = None
    for (index, text, tokens), doc in zip(batch, docs):
        if doc is None:
            yield None
            continue
        done: Doc | None = next(processed) if processed is not None else _one(nlp, index, text, tokens, on_error)
        if done is None:
            yield None
            continue
        try:
            yield suggest(done, scheme)
        except Exception as error:
            _report(on_error, index, f"converting suggestions failed: {error}", error)
            yield None


def _rebuild(nlp: Language, index: int, text: str, tokens: Tokenisation, on_error: ErrorCallback | None) -> Doc | None:
    try:
        return doc_from_tokens(nlp.vocab, text, tokens)
    except Exception as error:
        _report(on_error, index, f"stored tokens do not match the text: {error}", error)
        return None


def _one(nlp: Language, index: int, text: str, tokens: Tokenisation, on_error: ErrorCallback | None) -> Doc | None:
    """Process one article alone, after its batch failed, to find which article broke it."""
    doc = _rebuild(nlp, index, text, tokens, on_error)
    if doc is None:
        return None
    try:
        return nlp(doc)
    except Exception as error:
        _report(on_error, index, f"the spaCy pipeline failed: {error}", error)
        return None


def _report(on_error: ErrorCallback | None, index: int, message: str, cause: Exception) -> None:
    if on_error is not None:
        error = ModelError(f"article {index}: {message}")
        error.__cause__ = cause
        on_error(index, error)
