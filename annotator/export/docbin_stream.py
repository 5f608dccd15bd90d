"""A `.spacy` file (spaCy's DocBin format) written with memory flat in the number of Docs.

`DocBin` keeps every Doc's token array, span groups and user data in memory until
`to_bytes`, and then copies them all once more: an export of 100,000 articles would need
gigabytes. `DocBinWriter` converts each Doc as it comes (with a DocBin of one), spools the
pieces to anonymous temporary files, and at the end writes the same msgpack message
`DocBin.to_bytes` would, zlib-compressed, field by field. Only the set of distinct strings
(the vocabulary) is kept in memory. `DocBin().from_disk` reads the result as any DocBin.
"""

from __future__ import annotations

import struct
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy
import srsly
from spacy.tokens import Doc
from srsly.msgpack import Packer

from annotator.export.docbin import PackingDocBin

_COPY = 1 << 20
_FIELDS = ("tokens", "spaces", "lengths", "cats", "flags", "span_groups", "user_data")


class DocBinWriter:
    """Add Docs one by one, then `write(path)` once; `len()` counts the Docs added."""

    def __init__(self, store_user_data: bool = True) -> None:
        self._one = PackingDocBin(store_user_data=store_user_data)
        self._packer = Packer(use_bin_type=True)  # one encoder chain, not one per call (export/docbin.py)
        self._store_user_data = store_user_data
        self._spool: dict[str, IO[bytes]] = {name: tempfile.TemporaryFile() for name in _FIELDS}  # noqa: SIM115 - spools live as long as the writer; write() closes them
        self._strings: set[str] = set()
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, doc: Doc) -> None:
        """Convert one Doc (as `DocBin.add` does) and spool it; nothing of it stays in memory."""
        one = self._one
        one.add(doc)
        tokens, spaces = one.tokens.pop(), one.spaces.pop()
        self._spool["tokens"].write(numpy.ascontiguousarray(tokens).tobytes("C"))
        self._spool["spaces"].write(numpy.ascontiguousarray(spaces).tobytes("C"))
        self._spool["lengths"].write(numpy.asarray([len(tokens)], dtype="int32").tobytes("C"))
        pack = self._packer.pack
        self._spool["cats"].write(pack(one.cats.pop()))
        self._spool["flags"].write(pack(one.flags.pop()))
        self._spool["span_groups"].write(pack(one.span_groups.pop()))
        if self._store_user_data:
            self._spool["user_data"].write(pack(one.user_data.pop()))
        self._strings.update(one.strings)
        one.strings.clear()
        self._count += 1

    def write(self, path: Path) -> None:
        """Write the `.spacy` file (what `DocBin.to_disk` would write for the same Docs)."""
        message: list[tuple[str, Any]] = [
            ("version", self._one.version),
            ("attrs", self._one.attrs),
            ("tokens", _Bin(self._spool["tokens"])),
            ("spaces", _Bin(self._spool["spaces"])),
            ("lengths", _Bin(self._spool["lengths"])),
            ("strings", sorted(self._strings)),
            ("cats", _Array(self._spool["cats"], self._count)),
            ("flags", _Array(self._spool["flags"], self._count)),
            ("span_groups", _Array(self._spool["span_groups"], self._count)),
        ]
        if self._store_user_data:
            message.append(("user_data", _Array(self._spool["user_data"], self._count)))
        with open(path, "wb") as out:
            packer = zlib.compressobj()
            out.write(packer.compress(_map_header(len(message))))
            for key, value in message:
                out.write(packer.compress(srsly.msgpack_dumps(key)))
                if isinstance(value, (_Bin, _Array)):
                    out.write(packer.compress(value.header()))
                    value.copy(lambda chunk: out.write(packer.compress(chunk)))
                else:
                    out.write(packer.compress(srsly.msgpack_dumps(value)))
            out.write(packer.flush())
        self.close()

    def close(self) -> None:
        for spool in self._spool.values():
            spool.close()

    def __enter__(self) -> DocBinWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _Bin:
    """A msgpack bin whose bytes are in a spool file."""

    def __init__(self, spool: IO[bytes]) -> None:
        self.spool = spool
        self.size = spool.tell()

    def header(self) -> bytes:  # the smallest form, as msgpack itself writes it
        if self.size < 1 << 8:
            return b"\xc4" + struct.pack(">B", self.size)
        if self.size < 1 << 16:
            return b"\xc5" + struct.pack(">H", self.size)
        return b"\xc6" + struct.pack(">I", self.size)

    def copy(self, write: Callable[[bytes], object]) -> None:
        self.spool.seek(0)
        while chunk := self.spool.read(_COPY):
            write(chunk)


class _Array(_Bin):
    """A msgpack array whose items, each already packed, are in a spool file."""

    def __init__(self, spool: IO[bytes], count: int) -> None:
        super().__init__(spool)
        self.count = count

    def header(self) -> bytes:
        if self.count < 16:
            return bytes([0x90 | self.count])
        if self.count < 1 << 16:
            return b"\xdc" + struct.pack(">H", self.count)
        return b"\xdd" + struct.pack(">I", self.count)


def _map_header(size: int) -> bytes:
    return bytes([0x80 | size])


__all__ = ["DocBinWriter"]
