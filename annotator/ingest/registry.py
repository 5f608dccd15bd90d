"""The formats `annotator import --format` accepts, each with its reader, loaded on use.

Readers are named by import path and imported only when a file needs them, so detection
stays light and a reader written later (Label Studio, brat, our own JSONL) joins by being
listed here.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle

Reader = Callable[[Path], Iterator[IncomingArticle | InputError]]

AUTO = "auto"


@dataclass(frozen=True)
class Format:
    """A file format: its name, reader (``module:function``) and usual file suffixes.

    reads_folders: the reader takes a folder itself (a brat collection, a tree of .txt);
    otherwise a folder is walked and the reader gets each file with one of `suffixes`.
    """

    name: str
    reader_path: str
    suffixes: tuple[str, ...]
    reads_folders: bool = False

    @property
    def module(self) -> str:
        return self.reader_path.partition(":")[0]

    def available(self) -> bool:
        """Whether the reader's module is installed in this build."""
        return importlib.util.find_spec(self.module) is not None

    def reader(self) -> Reader:
        """Import and return the reader function.

        RAISES (InputError): The reader is not part of this build.
        """
        module, _, function = self.reader_path.partition(":")
        try:
            found: Reader = getattr(importlib.import_module(module), function)
            return found
        except (ImportError, AttributeError) as error:
            raise InputError(f"format {self.name!r} cannot be read by this build: {error}") from error


_JSON = (".jsonl", ".json", ".ndjson")

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", "annotator.ingest.txt:read_txt", (".txt",), reads_folders=True),
        Format("html", "annotator.ingest.html:read_html", (".html", ".htm", ".xhtml")),
        Format("jsonl", "annotator.ingest.jsonl:read_jsonl", _JSON),
        Format("prodigy", "annotator.ingest.prodigy:read_prodigy", _JSON),
        Format("doccano", "annotator.ingest.doccano:read_doccano", _JSON),
        Format("labelstudio", "annotator.ingest.labelstudio:read_labelstudio", (".json", ".jsonl")),
        Format("brat", "annotator.ingest.brat:read_brat", (".ann",), reads_folders=True),
        Format("jsonl-ours", "annotator.ingest.ours:read_ours", _JSON),
        Format("plover", "annotator.ingest.plover:read_plover", _JSON),
    )
}

FORMAT_NAMES: tuple[str, ...] = (AUTO, *FORMATS)


def get_format(name: str) -> Format:
    """The format called `name`.

    RAISES (InputError): No such format; the message lists the known ones.
    """
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}") from None
