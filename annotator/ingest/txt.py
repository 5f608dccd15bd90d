"""Plain-text articles: one ``.txt`` file is one article, its first non-empty line the title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle
from annotator.ingest.decode import read_text
from annotator.ingest.walk import iter_files

SUFFIXES = (".txt",)


def read_txt(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Read a ``.txt`` file, or every ``.txt`` file under a folder (recursive, sorted,
    hidden files skipped).

    path (Path): A file or a folder.
    YIELDS (IncomingArticle | InputError): An article per readable file, an error per
        unreadable one, and an error for a folder that gave no article at all.
    """
    if not path.is_dir():
        yield from _read_file(path)
        return
    found = False
    for file in iter_files(path):
        if file.suffix.lower() in SUFFIXES:
            for item in _read_file(file):
                found = found or isinstance(item, IncomingArticle)
                yield item
    if not found:
        yield InputError("folder has no readable .txt files", path)


def _read_file(path: Path) -> list[IncomingArticle | InputError]:
    try:
        decoded = read_text(path)
    except InputError as error:
        return [error]
    text = decoded.text
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not title:
        return [*decoded.problems, InputError("file has no text (only whitespace)", path)]
    return [*decoded.problems, IncomingArticle(text=text, title=title, meta={"filename": path.name}, where=str(path))]
