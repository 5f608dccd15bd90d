"""PLOVER gold sentences: event type, inline (SRC: ...), (TAR: ...), (EVT: ...) marks."""

from __future__ import annotations

import json
import re
from pathlib import Path


def read_records(samples: Path) -> list[dict]:
    return [r for r in json.loads((samples / "plover" / "PLOVER_GSR_CAMEO.txt").read_text()) if r.get("text")]


def marks(record: dict) -> list[tuple[str, int, int]]:
    """(tag, start, end) of each inline (TAG: text) mark, located in the record's text."""
    info = record.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
    text, cursor, found = record["text"], 0, []
    for tag, content in re.findall(r"\(([A-Z/]+):\s*([^()]*?)\s*[)}]", markup):
        at = text.find(content, cursor) if content else -1
        if at >= 0:
            found.append((tag, at, at + len(content)))
            cursor = at
    return found
