"""spaCy training data: ``train.spacy`` and ``dev.spacy`` DocBins plus a ``config.cfg``.

Docs are rebuilt on the stored tokens, so every span lands on the tokens it was made on.
Entities go to ``doc.ents`` (overlaps: longest wins, ties to the earliest; see
`overlaps.resolve_overlaps`) and, all of them, to ``doc.spans["entities"]``. Quote contents
go to ``doc.spans["quotes"]`` (label QUOTE), event triggers to ``doc.spans["events"]``
(label = event type). ``doc.user_data`` holds what a span group cannot: ``"article"``
(uid, title, url, published), ``"quotes"`` (content, speaker as written, speaker_entity:
the named entity a pronoun speaker refers to, cue, kind) and ``"events"``, with spans as
``[start, end, label]`` character offsets.

The split is seeded and per article (a hash of seed and article uid), so an article keeps
its split when others are added; when one split would be empty, one article moves over.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from spacy.cli.init_config import init_config
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from annotator.core.model import AnnotatedArticle, Layer, Span
from annotator.export.docbin_stream import DocBinWriter
from annotator.export.files import replacing, write_text
from annotator.export.overlaps import resolve_overlaps
from annotator.export.report import ExportOptions, ExportReport
from annotator.nlp.tokens import doc_from_tokens

SPLITS = ("train", "dev")
FINETUNE_STEPS = 300  # DESIGN: a fixed ~300 updates, keeping the last checkpoint


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write train.spacy, dev.spacy and config.cfg into the folder `out`. Docs are
    spooled as they come (`DocBinWriter`): memory stays flat however many articles."""
    out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    bins = {split: DocBinWriter(store_user_data=True) for split in SPLITS}
    held: dict[str, Doc | None] = {split: None for split in SPLITS}
    for item in items:
        split = "dev" if _dev_share(item, options.seed) < options.dev else "train"
        if (previous := held[split]) is not None:
            bins[split].add(previous)
        held[split] = build_doc(vocab, item, report)
    _fill_empty_split(held, bins, options.dev)
    for split in SPLITS:
        if (last := held[split]) is not None:
            bins[split].add(last)
        report.splits[split] = len(bins[split])
        target = out / f"{split}.spacy"
        with replacing(target) as partial:
            bins[split].write(partial)
        report.files.append(target)
    config = out / "config.cfg"
    write_text(config, training_config(options.base_pipeline))
    report.files.append(config)


def build_doc(vocab: Vocab, item: AnnotatedArticle, report: ExportReport | None = None) -> Doc:
    """One article as a Doc on its stored tokens, with entities, span groups and user data.

    vocab (Vocab): shared by all Docs of one export.
    item (AnnotatedArticle): the article and the annotations to put on it.
    report (ExportReport | None): receives overlap and snapping counts.
    RETURNS (Doc): the Doc; ``doc.text`` equals the article text.
    """
    doc = doc_from_tokens(vocab, item.article.text, item.tokens)
    annotations = item.annotations
    snapped = 0

    def spacy_span(span: Span) -> SpacySpan:
        nonlocal snapped
        found = doc.char_span(span.start, span.end, label=span.label)
        if found is None:
            snapped += 1
            found = doc.char_span(span.start, span.end, label=span.label, alignment_mode="expand")
        if found is None:
            raise ValueError(f"span {span.start}–{span.end} is not within the article's tokens")
        return found

    entities = annotations.on_layer(Layer.ENTITY)
    kept, dropped = resolve_overlaps(entities)
    doc.ents = [spacy_span(span) for span in kept]
    doc.spans["entities"] = [spacy_span(span) for span in entities]
    doc.spans["quotes"] = [spacy_span(quote.content) for quote in annotations.quotes]
    doc.spans["events"] = [spacy_span(event.trigger) for event in annotations.events]
    doc.user_data.update(_user_data(item))
    if report is not None:
        report.overlaps_resolved += len(dropped)
        report.snapped += snapped
    return doc


@cache
def training_config(base: str | None = None) -> str:
    """A CPU config that fine-tunes the installed English pipeline's `ner` on the export.

    Fine-tuning, not a fresh `ner`: on a few hundred articles a new pipeline is worse than
    the base model out of domain (DESIGN, the learning loop), and `spacy debug data` rightly
    fails a new pipeline under 100 documents. The base's `ner` carries its own tok2vec, so
    it is the only component sourced; tokenizer and vocabulary (with its norm tables) are
    copied from the base too. Without a base (`ExportOptions.base_pipeline`), spaCy's
    quickstart config for a new `ner` is written instead.

    ``paths.train`` and ``paths.dev`` stay unset: pass them on the command line, e.g.
    ``python -m spacy train config.cfg --paths.train train.spacy --paths.dev dev.spacy``.
    """
    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=False)
    if base is None:
        return config.to_str()
    config["nlp"]["pipeline"] = ["ner"]
    config["components"] = {"ner": {"source": base}}
    config["initialize"]["before_init"] = {
        "@callbacks": "spacy.copy_from_base_model.v1",
        "tokenizer": base,
        "vocab": base,
    }
    config["training"]["max_steps"] = FINETUNE_STEPS
    return config.to_str()


def _user_data(item: AnnotatedArticle) -> dict[str, Any]:
    article = item.article
    annotations = item.annotations
    return {
        "article": {"uid": article.uid, "title": article.title, "url": article.url, "published": article.published},
        "quotes": [
            {
                "content": _offsets(quote.content),
                "speaker": _offsets(quote.speaker),
                "speaker_entity": _offsets(quote.speaker_entity),
                "cue": _offsets(quote.cue),
                "kind": str(quote.kind),
            }
            for quote in annotations.quotes
        ],
        "events": [
            {
                "trigger": _offsets(event.trigger),
                "type": event.event_type,
                "sub_type": event.sub_type,
                "negated": event.negated,
                "hypothetical": event.hypothetical,
                "future": event.future,
                "arguments": [{"role": a.role, "span": _offsets(a.span)} for a in event.arguments],
            }
            for event in annotations.events
        ],
    }


def _offsets(span: Span | None) -> list[Any] | None:
    return None if span is None else [span.start, span.end, span.label]


def _dev_share(item: AnnotatedArticle, seed: int) -> float:
    key = f"{seed}\x00{item.article.uid or item.article.text}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") / 2**64


def _fill_empty_split(held: dict[str, Doc | None], bins: dict[str, DocBinWriter], dev: float) -> None:
    """Train is never empty; dev is not empty either when asked for and two articles exist.

    A split's held Doc is None only when the split has no Doc at all.
    """
    if held["train"] is None and held["dev"] is not None:
        held["train"], held["dev"] = held["dev"], None
    if dev > 0 and held["dev"] is None and held["train"] is not None and len(bins["train"]) > 0:
        held["dev"], held["train"] = held["train"], None
