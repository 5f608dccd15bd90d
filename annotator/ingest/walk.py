"""List the files of a folder the way every reader does: recursive, sorted, no hidden files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def iter_files(folder: Path) -> Iterator[Path]:
    """Every regular file under `folder`, in sorted path order, skipping hidden ones, pipes
    and devices, and symbolic links that lead out of the folder.

    A file is hidden when its name, or the name of a folder between `folder` and it,
    starts with a dot (``.git``, ``.DS_Store``). Sorting makes imports repeatable.

    folder (Path): The folder to walk.
    YIELDS (Path): The files.
    """
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and (not path.is_symlink() or _inside(path.resolve(), root)):
            yield path


def _inside(path: Path, root: Path) -> bool:
    """A symbolic link is followed only when it stays inside the imported folder."""
    return path == root or root in path.parents
