"""Turn file bytes into text safely: encodings, binary files, empty files, a size cap.

UTF-8 first (with or without BOM), then UTF-16/32 when a BOM says so, then a guess by
charset-normalizer for legacy single-byte files. A file that is UTF-8 but for a few bad
bytes (it holds valid multi-byte UTF-8 at least as often as invalid bytes) stays UTF-8: each
bad byte becomes U+FFFD and is reported with its file, line and byte offset, never guessed
into mojibake ("ZĂĽrich"); only a file with no more valid UTF-8 than invalid bytes is read
as another encoding. Among equally plausible guesses Windows-1252
(a superset of Latin-1) wins, because charset-normalizer alone reads short Western text
("café", "Zürich") as Central European or Arabic code pages. UTF-16 without a BOM is
treated as binary.

The size cap protects memory: a whole file is read only when it is under the cap (20 MB by
default); JSONL is streamed and the cap applies to each line. Change the cap for a block of
work with `size_limit` (a context variable, so another thread's import keeps its own);
`read_sources(max_bytes=...)` does this around each step of its generator.

In JSONL, the legacy encoding guessed for one line is tried first on the next: guessing
costs milliseconds a line.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from annotator.core.errors import InputError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
_SNIFF_BYTES = 8192
_MAX_CONTROL_RATIO = 0.01
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DISALLOWED_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# The same as bytes: in UTF-8 no byte of a multi-byte sequence is below 0x80, so looking at
# the bytes first (bytes.translate, several times faster than a scan of the text) suffices.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20))


def _has_control_bytes(data: bytes) -> bool:
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


_max_bytes: ContextVar[int] = ContextVar("annotator_ingest_max_bytes", default=DEFAULT_MAX_BYTES)


def max_bytes() -> int:
    """The size cap in force: bytes per article file, or per line of a JSONL file."""
    return _max_bytes.get()


@contextmanager
def size_limit(limit: int) -> Iterator[None]:
    """Use another size cap inside the `with` block.

    limit (int): Largest accepted article file (or JSONL line) in bytes.
    """
    if limit <= 0:
        raise ValueError("the size limit must be a positive number of bytes")
    token = _max_bytes.set(limit)
    try:
        yield
    finally:
        _max_bytes.reset(token)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and what was wrong with them (bad UTF-8 bytes replaced)."""

    text: str
    problems: list[InputError] = field(default_factory=list)


def read_text(path: Path) -> Decoded:
    """Read a whole file as text, refusing files over the cap, empty or binary ones.

    path (Path): The file.
    RETURNS (Decoded): The decoded text, exactly as in the file (no normalisation), and an
        error per run of bad UTF-8 bytes that was replaced.
    """
    return decode_bytes(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """Read a whole file's bytes, refusing files over the cap, for a reader that decodes
    them itself (with `decode_bytes` when its own rule does not apply).

    path (Path): The file.
    RETURNS (bytes): The content; empty for an empty file.
    RAISES (InputError): The file cannot be read or is over the cap.
    """
    limit = max_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(_too_big("file", size, limit), path)
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}", path) from error
    if len(data) > limit:
        raise InputError(_too_big("file", len(data), limit), path)
    return data


def decode_bytes(data: bytes, path: str | Path | None = None, line: int | None = None) -> Decoded:
    """Decode bytes of a text file, or raise InputError saying why they are not text.

    data (bytes): The raw content.
    path (str | Path | None): Where they came from, for the message.
    line (int | None): The 1-based line they came from, for line-based formats.
    RETURNS (Decoded): The text, and an error per run of bad UTF-8 bytes replaced.
    """
    problems: list[InputError] = []
    text = _decode(data, path, line, problems=problems)[0]
    return Decoded(text, problems)


def _decode(
    data: bytes,
    path: str | Path | None,
    line: int | None,
    legacy: str | None = None,
    problems: list[InputError] | None = None,
) -> tuple[str, str]:
    """Decode and name the encoding used; `legacy` is tried before a fresh guess. Bad bytes
    in a file that is otherwise UTF-8 are replaced and reported in `problems`."""
    if not data:
        raise InputError("file is empty" if line is None else "line is empty", path, line)
    encoding = _bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            raise InputError(
                f"not valid {encoding} text despite its byte order mark: {error.reason}", path, line
            ) from error
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text", path, line)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        bad = _bad_utf8(data)
        if legacy is None and _mostly_utf8(data, bad):
            text, encoding = data.decode("utf-8", errors="replace"), "utf-8"
            if problems is not None:
                problems += [_bad_bytes_error(data, start, end, path, line) for start, end in bad]
        else:
            text, encoding = _decode_legacy(data, path, line, legacy)
    if (encoding != "utf-8" or _has_control_bytes(data[:_SNIFF_BYTES])) and _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise InputError("binary file (too many control characters), not text", path, line)
    return text, encoding


def iter_lines(path: Path) -> Iterator[tuple[int, str] | InputError]:
    """Stream the non-blank lines of a text file with 1-based numbers, decoding each.

    The size cap applies to each line. A line that is too long or cannot be decoded is
    yielded as an InputError and reading goes on; an empty or binary file (NUL bytes in
    more than 1 in 1000 of its first bytes; a stray one only costs its line), or one that
    cannot be opened, gives a single InputError.

    path (Path): The file.
    YIELDS (tuple[int, str] | InputError): (line number, line without its newline), or an error.
    """
    try:
        file = path.open("rb")
    except OSError as error:
        yield InputError(f"cannot read file: {error.strerror or error}", path)
        return
    with file:
        head = file.read(_SNIFF_BYTES)
        if not head:
            yield InputError("file is empty", path)
            return
        encoding = _bom_encoding(head)
        if encoding in ("utf-16", "utf-32"):
            file.seek(0)
            yield from _wide_lines(file, encoding, path)
            return
        if head.count(b"\x00") * 1000 > len(head):
            yield InputError("binary file (contains NUL bytes), not text", path)
            return
        file.seek(len(codecs.BOM_UTF8) if encoding else 0)
        yield from _byte_lines(file, path)


def _byte_lines(file: BinaryIO, path: Path) -> Iterator[tuple[int, str] | InputError]:
    limit = max_bytes()
    number = 0
    legacy: str | None = None
    while raw := file.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            yield InputError(_too_big("line", _skip_rest_of_line(file, len(raw)), limit), path, number)
            continue
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        problems: list[InputError] = []
        try:
            text, encoding = _decode(raw, path, number, legacy, problems)
        except InputError as error:
            yield error
            continue
        yield from problems
        if encoding != "utf-8":
            legacy = encoding
        yield number, text


def _wide_lines(file: BinaryIO, encoding: str, path: Path) -> Iterator[tuple[int, str] | InputError]:
    limit = max_bytes()
    reader = io.TextIOWrapper(file, encoding=encoding)
    number = 0
    try:
        while line := reader.readline(limit + 1):
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                size = len(line)
                while part := reader.readline(MB):
                    size += len(part)
                    if part.endswith("\n"):
                        break
                yield InputError(_too_big("line", size, limit, unit="characters"), path, number)
                continue
            line = line.rstrip("\n")
            if line.strip():
                yield number, line
    except UnicodeDecodeError as error:
        yield InputError(f"not valid {encoding} text: {error.reason}", path, number + 1)
    finally:
        reader.detach()


def _skip_rest_of_line(file: BinaryIO, read_so_far: int) -> int:
    size = read_so_far
    while chunk := file.readline(MB):
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return size


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _bad_utf8(data: bytes) -> list[tuple[int, int]]:
    """(start, end) byte ranges that are not UTF-8, as the decoder meets them."""
    bad: list[tuple[int, int]] = []
    position = 0
    while position < len(data):
        try:
            data[position:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            start, end = position + error.start, position + error.end
            if bad and bad[-1][1] == start:
                bad[-1] = (bad[-1][0], end)
            else:
                bad.append((start, end))
            position = end
    return bad


def _mostly_utf8(data: bytes, bad: list[tuple[int, int]]) -> bool:
    """UTF-8 with a few bad bytes, rather than a file in another encoding."""
    good = len(_UTF8_MULTIBYTE.findall(data))
    return good > 0 and good >= sum(end - start for start, end in bad)


def _bad_bytes_error(data: bytes, start: int, end: int, path: str | Path | None, line: int | None) -> InputError:
    shown = " ".join(f"0x{b:02X}" for b in data[start : min(end, start + 8)]) + (" …" if end - start > 8 else "")
    if line is None:
        line = data.count(b"\n", 0, start) + 1
        where = f"byte {start}"
    else:
        where = f"byte {start} of the line"
    return InputError(f"not valid UTF-8 at {where} ({shown}); replaced with \ufffd", path, line)


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode_legacy(data: bytes, path: str | Path | None, line: int | None, known: str | None) -> tuple[str, str]:
    if known:
        try:
            return data.decode(known), known
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or (western.chaos <= best.chaos and western.coherence >= best.coherence)):
        best = western
    if best is None:
        raise InputError(
            "not UTF-8 and its encoding could not be detected (binary file?); save it as UTF-8",
            path,
            line,
        )
    return str(best), best.encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:_SNIFF_BYTES]
    if sample.isprintable() or _DISALLOWED_CONTROL.search(sample) is None:
        return 0.0
    return len(_DISALLOWED_CONTROL.findall(sample)) / len(sample)


def _too_big(what: str, size: int, limit: int, unit: str = "bytes") -> str:
    if unit != "bytes":
        return f"{what} is over the size limit ({size:,} {unit}, limit {limit:,}); split it or raise the limit"
    return (
        f"{what} is {size / MB:.1f} MB, over the {limit / MB:g} MB limit for one article; split it or raise the limit"
    )
