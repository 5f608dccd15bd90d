"""JSON records from a JSONL file (one object a line, streamed) or a JSON array file.

Every malformed record is yielded as an InputError naming the file and the 1-based line
(or, in an array, the item number) and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle
from annotator.ingest.decode import iter_lines, read_text

_SNIFF_BYTES = 4096
_TOO_DEEP = "JSON nested too deeply to read (thousands of levels of brackets); skipped"


@dataclass(frozen=True)
class Record:
    """One JSON object and where it came from."""

    path: Path
    number: int
    data: dict[str, Any]
    in_array: bool = False

    @property
    def where(self) -> str:
        """``file:line`` for JSONL, ``file item N`` for an array."""
        return f"{self.path} item {self.number}" if self.in_array else f"{self.path}:{self.number}"

    def error(self, message: str) -> InputError:
        """An InputError located at this record."""
        if self.in_array:
            return InputError(f"item {self.number}: {message}", self.path)
        return InputError(message, self.path, self.number)


def iter_records(path: Path) -> Iterator[Record | InputError]:
    """Parse a JSONL file line by line, or a file holding one JSON array of objects.

    path (Path): The file.
    YIELDS (Record | InputError): Each object, or an error for each unreadable record.
    """
    if starts_with_array(path):
        yield from _array_records(path)
        return
    for item in iter_lines(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, line = item
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(f"malformed JSON: {error.msg} (column {error.colno})", path, number)
            continue
        except RecursionError:
            yield InputError(_TOO_DEEP, path, number)
            continue
        if not isinstance(data, dict):
            yield InputError(f"expected a JSON object, found {type(data).__name__}", path, number)
            continue
        yield Record(path, number, data)


def read_records(
    path: Path, read_record: Callable[[Record], Iterable[IncomingArticle | InputError]]
) -> Iterator[IncomingArticle | InputError]:
    """Run a format's record reader over every record of a file, passing on unreadable ones.

    path (Path): The JSONL or JSON array file.
    read_record (Callable[[Record], Iterable[IncomingArticle | InputError]]): Turns one
        record into its article and any errors about its parts.
    YIELDS (IncomingArticle | InputError): What `read_record` yields, and an error per bad record.
    """
    for record in iter_records(path):
        if isinstance(record, InputError):
            yield record
        else:
            yield from read_record(record)


def starts_with_array(path: Path) -> bool:
    """Whether the file's first non-blank character is ``[`` (a JSON array, not JSONL)."""
    try:
        with path.open("rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return False
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore").lstrip().startswith("[")
    return head.lstrip().startswith(b"[")


def read_json(path: Path, problems: list[InputError] | None = None) -> Any:
    """A whole JSON document, decoded safely; bad UTF-8 bytes replaced are added to `problems`.

    Raises:
        InputError: unreadable, binary, too big, or malformed JSON (with its line).
    """
    try:
        decoded = read_text(path)
        if problems is not None:
            problems += decoded.problems
        return json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON: {error.msg} (column {error.colno})", path, error.lineno) from error
    except RecursionError:
        raise InputError(_TOO_DEEP, path) from None


def _array_records(path: Path) -> Iterator[Record | InputError]:
    problems: list[InputError] = []
    try:
        items = read_json(path, problems)
    except InputError as error:
        yield error
        return
    yield from problems
    if not isinstance(items, list):
        yield InputError("expected a JSON array of objects", path)
        return
    for number, data in enumerate(items, start=1):
        if isinstance(data, dict):
            yield Record(path, number, data, in_array=True)
        else:
            yield InputError(f"item {number}: expected a JSON object, found {type(data).__name__}", path)
