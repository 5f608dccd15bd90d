"""Writing output so that a failed or killed export never leaves a mixed or half-written
result that looks complete.

A file is written beside its target under a hidden temporary name and renamed over it; a
folder (spaCy, brat) is written whole into a hidden folder beside the target and swapped
in at once. Temporaries of a killed run carry its process id and are removed by the next
export to the same place. Devices, a folder where a file is wanted and the reverse are
refused before anything is written (docs/adr/0006-exports-replace-whole.md).
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import srsly

from annotator.core.errors import OutputError

PART = "part"
STAGE = "export"


def check_target(path: Path, folder: bool, what: str = "this export") -> None:
    """Refuse a target that cannot be (re)written as asked, before writing anything.

    path (Path): where the export goes.
    folder (bool): True when the export is a folder (spaCy, brat), False for one file.
    what (str): names the export in messages.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise OutputError(f"{path}: a part of this path is a file, not a folder") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot be used ({error.strerror})") from None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise OutputError(f"{path}: is a device or special file, not a place to export to; give a file or folder path")
    if folder and mode is not None and stat.S_ISREG(mode):
        raise OutputError(f"{path}: is a file, but {what} writes a folder; give a folder path")
    if not folder and mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a folder, but {what} writes one file; give a file name inside it")
    parent = path.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: {parent} is a file, not a folder")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to `path`; move it over `path` only on success.

    path (Path): the file to (re)write.
    YIELDS (Path): where to write instead (a hidden `.part` file beside `path`).
    """
    check_target(path, folder=False)
    staged = is_leftover(path.absolute().parent)  # inside a folder export: it is swapped in whole
    partial = _temporary_name(path, PART)
    try:
        with _named(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            if not staged:
                remove_leftovers(path)
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            yield partial
            if not staged:
                _fsync(partial)
            os.replace(partial, path)
            if not staged:
                _fsync(path.parent)
    finally:
        with suppress(OSError):
            partial.unlink(missing_ok=True)


@contextmanager
def replacing_folder(
    path: Path, owned: Iterable[str], kept: Iterable[str] = (), what: str = "this export"
) -> Iterator[Path]:
    """Yield an empty hidden folder beside `path`; on success it becomes `path` in one step.

    An existing `path` must hold nothing but what an earlier export of the same kind wrote
    (names matching `owned`), and files in `kept` (e.g. brat's visual.conf), which are
    carried over; otherwise it is refused untouched. On Linux the old and new folders
    are exchanged atomically (renameat2), elsewhere renamed one after the other.

    path (Path): the folder to (re)write.
    owned (Iterable[str]): glob patterns of the files this export writes.
    kept (Iterable[str]): names of files a person may add that survive a new export.
    what (str): names the export in messages.
    YIELDS (Path): the folder to write into.
    """
    owned, kept = list(owned), set(kept)
    check_target(path, folder=True, what=what)
    existing = sorted(path.iterdir()) if path.is_dir() else None
    for entry in existing or ():
        if entry.name in kept and entry.is_file():
            continue
        if not entry.is_file() or not any(fnmatch(entry.name, pattern) for pattern in owned):
            raise OutputError(
                f"{path}: holds {entry.name!r}, which {what} does not write; export into an empty or new folder "
                "(nothing was changed)"
            )
    stage = _temporary_name(path, STAGE)
    try:
        with _named(path):
            path.absolute().parent.mkdir(parents=True, exist_ok=True)
            remove_leftovers(path)
            stage.mkdir()
            yield stage
            for entry in existing or ():
                if entry.name in kept and not (stage / entry.name).exists():
                    shutil.copy2(entry, stage / entry.name)
            if existing is None:
                os.rename(stage, path)
            elif not _exchange(stage, path):
                retired = _temporary_name(path, STAGE)
                os.rename(path, retired)
                os.rename(stage, path)
                stage = retired
            _fsync(path.absolute().parent)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def remove_leftovers(path: Path) -> None:
    """Remove temporaries that a killed export to `path` left beside it (never a live one's)."""
    parent = path.absolute().parent
    prefix = f".{path.name}."
    try:
        names = [n for n in os.listdir(parent) if n.startswith(prefix) and n.endswith((f".{PART}", f".{STAGE}"))]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        leftover = parent / name
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def is_leftover(path: Path) -> bool:
    """True for a temporary of this module (a `.part` file or a staged export folder)."""
    return path.name.startswith(".") and path.name.endswith((f".{PART}", f".{STAGE}"))


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text exactly as given: no newline translation, so offsets hold."""
    with replacing(path) as partial, open(partial, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """One JSON object a line, written to a temporary file and moved into place."""
    with replacing(path) as partial:
        srsly.write_jsonl(partial, records)


@contextmanager
def _named(target: Path) -> Iterator[None]:
    """OS errors about our temporaries (or about no file) name the target instead."""
    try:
        yield
    except OSError as error:
        if error.filename is None or any(is_leftover(Path(part)) for part in Path(error.filename).parts):
            raise OSError(error.errno, error.strerror, str(target)) from error
        raise


def _temporary_name(path: Path, kind: str) -> Path:
    return path.absolute().parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.{kind}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    """Flush a file's or a folder's entries to the disk (folders: where the OS allows)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.EBADF, errno.EROFS):
            raise
    finally:
        os.close(descriptor)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2). RETURNS False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
