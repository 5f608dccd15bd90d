"""Prodigy task JSONL, as `spans.manual` and `rel.manual` write it.

Each line: ``text``, ``tokens`` ([{text, start, end, id, ws}], the same tokens a DocBin
export has, whitespace tokens included, so ``Doc(words, spaces)`` rebuilds the text),
``spans`` (every layer; ``token_end`` inclusive), ``relations`` (quote → speaker/cue
labelled Speaker/Cue, trigger → argument labelled with its role; ``head``/``child`` are the
spans' last tokens, as Prodigy's relations UI uses), ``answer: "accept"`` for done
articles (``"ignore"`` for skipped ones), ``meta`` and ``_input_hash``/``_task_hash``.

Prodigy keeps every property of a task, so each span also says what the task format has
no field for: its ``layer`` (a speaker labelled PERSON and the PERSON entity on the same
words are two spans), and in ``attributes`` an event trigger's ``sub_type`` and flags
(``negated``, ``hypothetical``, ``future``) or a quote's ``kind``. `annotator.ingest.prodigy`
reads them back, so export → import → export loses nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.tokens import Doc
from spacy.vocab import Vocab

from annotator.core.model import AnnotatedArticle, ArticleStatus, Span
from annotator.export.files import write_jsonl
from annotator.export.report import ExportOptions, ExportReport
from annotator.export.structure import event_attributes, quote_attributes, relations
from annotator.nlp.tokens import doc_from_tokens


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write one Prodigy task per article to the file `out`."""
    vocab = Vocab()
    write_jsonl(out, (task(vocab, item) for item in items))
    report.files.append(out)


def task(vocab: Vocab, item: AnnotatedArticle) -> dict[str, Any]:
    """The Prodigy task for one annotated article."""
    article = item.article
    doc = doc_from_tokens(vocab, article.text, item.tokens)

    def span_dict(span: Span) -> dict[str, Any]:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None:
            raise ValueError(f"span {span.start}–{span.end} is not within the article's tokens")
        return {
            "start": span.start,
            "end": span.end,
            "text": article.text[span.start : span.end],
            "token_start": tokens.start,
            "token_end": tokens.end - 1,
            "label": span.label,
            "layer": str(span.layer),
        }

    attributes = {event.trigger.key: event_attributes(event) for event in item.annotations.events}
    attributes.update({quote.content.key: quote_attributes(quote) for quote in item.annotations.quotes})

    def with_attributes(span: Span) -> dict[str, Any]:
        described = span_dict(span)
        if span.key in attributes:
            described["attributes"] = attributes[span.key]
        return described

    result: dict[str, Any] = {
        "text": article.text,
        "meta": {"uid": article.uid, "title": article.title, "url": article.url, "published": article.published},
        "tokens": _tokens(doc),
        "spans": [with_attributes(span) for span in item.annotations.spans],
        "relations": [],
        "answer": "ignore" if item.status == ArticleStatus.SKIPPED else "accept",
        "_annotator_id": item.annotator,
    }
    for relation in relations(item.annotations):
        head, child = span_dict(relation.head), span_dict(relation.child)
        result["relations"].append(
            {
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": head,
                "child_span": child,
                "label": relation.label,
            }
        )
    result["_input_hash"] = _hash({"text": article.text})
    result["_task_hash"] = _hash(
        {"input": result["_input_hash"], "spans": result["spans"], "relations": result["relations"]}
    )
    return result


def _tokens(doc: Doc) -> list[dict[str, Any]]:
    return [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)} for t in doc
    ]


def _hash(value: Any) -> int:
    """A signed 32-bit hash of canonical JSON, the shape of Prodigy's own hashes."""
    digest = hashlib.blake2b(srsly.json_dumps(value, sort_keys=True).encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)
