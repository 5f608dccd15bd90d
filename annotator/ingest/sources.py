"""The entry point of ingest: read files and folders in any supported format.

Every problem is yielded as an `InputError` with its file (and line), never raised, so the
caller reports it and goes on with the rest.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle
from annotator.core.scheme import LabelScheme
from annotator.ingest import scheme_context
from annotator.ingest.decode import size_limit
from annotator.ingest.detect import KNOWN_SUFFIXES, brat_partner, detect_format
from annotator.ingest.registry import AUTO, FORMATS, Format, get_format
from annotator.ingest.walk import iter_files

Item = IncomingArticle | InputError


def read_sources(
    paths: Sequence[Path], fmt: str = AUTO, *, max_bytes: int | None = None, scheme: LabelScheme | None = None
) -> Iterator[Item]:
    """Read articles from files and folders.

    With "auto", each file's format is detected (`annotator.ingest.detect.detect_format`)
    and a folder is walked (recursive, sorted, hidden files skipped), each file by its own
    detection; files of unknown kinds in a folder are passed over, and a ``.txt`` with a
    ``.ann`` beside it is read as brat when the brat reader is installed. With a named
    format, files are read by that format's reader; a folder is given to readers that take
    folders (txt, brat) and otherwise walked for files with the format's suffixes.

    paths (Sequence[Path]): Files and folders.
    fmt (str): "auto" or a name from `annotator.ingest.registry.FORMAT_NAMES`.
    max_bytes (int | None): Size cap per article file (per line for JSONL); the default
        of `annotator.ingest.decode` when None.
    scheme (LabelScheme | None): The project's scheme, which readers read labels for
        (event types, sub-types, aliases); the bundled default when None.
    RETURNS (Iterator[IncomingArticle | InputError]): Articles and problems, in order.
    RAISES (InputError): `fmt` is not a known format name (nothing is read then).
    """
    chosen = None if fmt == AUTO else get_format(fmt)
    items = _read_all([Path(p) for p in paths], chosen)
    if scheme is not None:
        items = _for_scheme(items, scheme)
    return items if max_bytes is None else _limited(items, max_bytes)


def _read_all(paths: list[Path], chosen: Format | None) -> Iterator[Item]:
    for path in paths:
        if is_stdin(path):
            yield from _read_stdin(path, chosen)
        elif not path.exists():
            yield InputError("no such file or folder", path)
        elif not path.is_dir() and not path.is_file():
            yield InputError(
                "not a regular file (a pipe, socket or device), which could block forever; "
                "save its content to a file and import that",
                path,
            )
        elif chosen is not None:
            yield from _read_as(path, chosen)
        elif path.is_dir():
            yield from _read_folder(path)
        else:
            yield from _read_file(path, by_content=True)


def is_stdin(path: Path) -> bool:
    """Whether `path` names standard input ("-", /dev/stdin, /dev/fd/0...)."""
    if str(path) in ("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"):
        return True
    try:
        mine, theirs = os.fstat(0), path.stat()
    except (OSError, ValueError):
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino) and not stat.S_ISREG(theirs.st_mode)


def _read_stdin(path: Path, chosen: Format | None) -> Iterator[Item]:
    """Standard input is read once, into a temporary file, which is then read like any file:
    detection and readers may open and seek it as often as they need."""
    with tempfile.TemporaryDirectory(prefix="annotator-stdin-") as folder:
        spooled = Path(folder) / "stdin"
        try:
            with open(0, "rb", closefd=False) as source, spooled.open("wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
        except OSError as error:
            yield InputError(f"cannot read standard input: {error.strerror or error}", path)
            return
        if spooled.stat().st_size == 0:
            yield InputError("standard input is empty", path)
            return
        yield from (_read_as(spooled, chosen) if chosen is not None else _read_file(spooled, by_content=True))


def _read_file(path: Path, by_content: bool) -> Iterator[Item]:
    name = detect_format(path, by_content)
    if name is None:
        yield InputError(
            "cannot tell this file's format (its first record has no 'text', 'spans', 'data' "
            "or 'format' field); name the format with --format",
            path,
        )
        return
    if name == "brat" and path.suffix.lower() == ".txt":
        path = brat_partner(path) or path
    yield from _run(FORMATS[name], path)


def _read_folder(folder: Path) -> Iterator[Item]:
    found = False
    for path in iter_files(folder):
        if not _worth_reading(path):
            continue
        for item in _read_file(path, by_content=False):
            found = found or isinstance(item, IncomingArticle)
            yield item
    if not found:
        suffixes = ", ".join(sorted(KNOWN_SUFFIXES))
        yield InputError(f"folder has no readable article files (looked for {suffixes})", folder)


def _worth_reading(path: Path) -> bool:
    """In a folder: a known suffix, and not half of a brat pair already read through its .ann."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return brat_partner(path) is None
    if suffix == ".ann":
        return FORMATS["brat"].available()
    return suffix in KNOWN_SUFFIXES


def _read_as(path: Path, chosen: Format) -> Iterator[Item]:
    if not path.is_dir() or chosen.reads_folders:
        yield from _run(chosen, path)
        return
    found = False
    for file in iter_files(path):
        if file.suffix.lower() in chosen.suffixes:
            for item in _run(chosen, file):
                found = found or isinstance(item, IncomingArticle)
                yield item
    if not found:
        yield InputError(f"folder has no readable {chosen.name} files ({', '.join(chosen.suffixes)})", path)


def _run(chosen: Format, path: Path) -> Iterator[Item]:
    """Run a reader; a reader that crashes costs the rest of its file, not the import."""
    try:
        yield from chosen.reader()(path)
    except InputError as error:
        yield error
    except (OSError, ValueError, LookupError, TypeError) as error:
        yield InputError(f"{chosen.name} reader failed: {type(error).__name__}: {error}", path)
    except Exception as error:  # a reader bug must not end the import; the fuzz run counts these
        yield InputError(f"{chosen.name} reader failed unexpectedly: {type(error).__name__}: {error}", path)


def _for_scheme(items: Iterator[Item], scheme: LabelScheme) -> Iterator[Item]:
    """Read every step of `items` for `scheme`, wherever the caller consumes them."""
    while True:  # (set and reset by hand: a context manager per article cost a tenth of the import)
        token = scheme_context.use(scheme)
        try:
            item = next(items, None)
        finally:
            scheme_context.reset(token)
        if item is None:
            return
        yield item


def _limited(items: Iterator[Item], max_bytes: int) -> Iterator[Item]:
    """Apply a size cap to every step of `items`, wherever the caller consumes them."""
    while True:
        with size_limit(max_bytes):
            item = next(items, None)
        if item is None:
            return
        yield item
