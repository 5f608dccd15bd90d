"""Reading articles from files: txt, folders, HTML, JSONL (plain, re3d, Prodigy, doccano).

Readers share one signature, ``read_X(path: Path) -> Iterator[IncomingArticle | InputError]``:
they yield what they could read and, for what they could not, an `InputError` with file and
line, so one bad record never stops an import. Offsets in yielded annotations refer to the
text as it was in the file; the import service normalises text and maps offsets.

May import: `annotator.core`, the standard library and third-party readers (trafilatura,
charset-normalizer). Never `annotator.store`, `annotator.nlp`, services or Qt.
"""

from annotator.ingest.decode import DEFAULT_MAX_BYTES, size_limit
from annotator.ingest.registry import FORMAT_NAMES
from annotator.ingest.sources import read_sources

__all__ = ["DEFAULT_MAX_BYTES", "FORMAT_NAMES", "read_sources", "size_limit"]
