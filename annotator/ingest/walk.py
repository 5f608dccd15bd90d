"""List the files of a folder the way every reader does: recursive, sorted, no hidden files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def iter_files(folder: Path) -> Iterator[Path]:
    """Every regular file under `folder`, in sorted path order, skipping hidden ones.

    A file is hidden when its name, or the name of a folder between `folder` and it,
    starts with a dot (``.git``, ``.DS_Store``). Sorting makes imports repeatable.

    folder (Path): The folder to walk.
    YIELDS (Path): The files.
    """
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            yield path
