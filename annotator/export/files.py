"""Writing output so that a failed export never leaves a half-written file in place."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

import srsly


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to `path`; move it over `path` only on success.

    path (Path): the file to (re)write.
    YIELDS (Path): where to write instead.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text exactly as given: no newline translation, so offsets hold."""
    with replacing(path) as partial:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """One JSON object a line, written to a temporary file and moved into place."""
    with replacing(path) as partial:
        srsly.write_jsonl(partial, records)
