"""Span-valued custom attributes that survive serialisation.

A Span cannot be stored in `doc.user_data` and still go through `Doc.to_bytes` (DocBin,
`nlp.pipe(n_process=...)`), so a reference is stored as `[start_char, end_char, label]`
under `span._.<name>_ref` and read back as a Span through the getter `span._.<name>`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span


def register_ref(name: str) -> None:
    """Register `Span._.<name>` (a Span or None) backed by `Span._.<name>_ref`."""
    if not Span.has_extension(f"{name}_ref"):
        Span.set_extension(f"{name}_ref", default=None)
    if not Span.has_extension(name):
        Span.set_extension(name, getter=lambda span: get_ref(span, name))


def set_ref(span: Span, name: str, target: Span | None) -> None:
    """Point `span._.<name>` at `target` (a span of the same Doc) or clear it."""
    value = None if target is None else [target.start_char, target.end_char, target.label_]
    span._.set(f"{name}_ref", value)


def get_ref(span: Span, name: str) -> Span | None:
    """The Span `span._.<name>` refers to, or None."""
    value = span._.get(f"{name}_ref")
    return ref_span(span.doc, value)


def ref_span(doc: Doc, value: Sequence[Any] | None) -> Span | None:
    """Rebuild a Span from a stored `[start_char, end_char, label]` reference."""
    if not value:
        return None
    start, end, label = value
    found: Span | None = doc.char_span(int(start), int(end), label=label or "", alignment_mode="expand")
    return found


def refs_to_list(values: Iterable[Sequence[Any]] | None) -> list[list[Any]]:
    """Plain lists of stored references (msgpack turns lists into tuples and back)."""
    return [list(v) for v in values or ()]
