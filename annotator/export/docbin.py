"""A DocBin that packs with one srsly ``Packer`` for the whole export.

srsly builds a ``Packer``'s encoder chain from its catalogue registry on every
``msgpack_dumps`` call, and each build scans the installed entry points (about 2 ms). A
Doc with span groups and user data is packed five times by ``DocBin.add``, so those
scans took most of the export's time. `PackingDocBin.add` writes the same bytes as
``DocBin.add`` (tested against it) with one packer built when the DocBin is made; srsly's
registry itself is left alone.
"""

from __future__ import annotations

import struct
from typing import Any

from spacy.tokens import Doc, DocBin, SpanGroup
from srsly.msgpack import Packer


class PackingDocBin(DocBin):
    """``DocBin`` whose `add` packs user data and span groups with one packer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._packer = Packer(use_bin_type=True)

    def add(self, doc: Doc) -> None:
        """Add `doc` as ``DocBin.add`` does (tokens, spaces, strings through it)."""
        groups = list(doc.spans.items())
        store_user_data = self.store_user_data
        doc.spans.clear()  # an empty SpanGroups packs to a constant, no srsly call
        self.store_user_data = False
        try:
            super().add(doc)
        finally:
            self.store_user_data = store_user_data
            for key, group in groups:
                doc.spans[key] = group
        if store_user_data:
            self.user_data.append(self._packer.pack(doc.user_data))
        if groups:
            self.span_groups[-1] = self._pack_span_groups(groups)
        strings = doc.vocab.strings
        for _, group in groups:
            for span in group:
                self.strings.add(span.label_)
                if span.kb_id in strings:
                    self.strings.add(span.kb_id_)
                if span.id in strings:
                    self.strings.add(span.id_)

    def _pack_span_groups(self, groups: list[tuple[str, SpanGroup]]) -> bytes:
        """``SpanGroups.to_bytes``: {packed group: [keys]}."""
        message: dict[bytes, list[str]] = {}
        for key, group in groups:
            message.setdefault(self._pack_span_group(group), []).append(key)
        packed: bytes = self._packer.pack(message)
        return packed

    def _pack_span_group(self, group: SpanGroup) -> bytes:
        """``SpanGroup.to_bytes``: name, attrs and each span as big-endian integers."""
        spans = [
            struct.pack(
                ">QQQllll", span.id, span.kb_id, span.label, span.start, span.end, span.start_char, span.end_char
            )
            for span in group
        ]
        packed: bytes = self._packer.pack({"name": group.name, "attrs": group.attrs, "spans": spans})
        return packed
