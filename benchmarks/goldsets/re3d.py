"""re3d (dstl): documents.json and entities.json, one JSON object a line, per subset."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

RE3D_MAP = {
    "Organisation": "ORG",
    "Location": "LOCATION",
    "Person": "PERSON",
    "Nationality": "NORP",
    "Temporal": "TIME",
    "Weapon": "WEAPON",
    "MilitaryPlatform": "WEAPON",
    "Quantity": "QUANTITY",
}


def read_subset(folder: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, gold mentions with compared labels) per document of one subset."""
    documents = [json.loads(line) for line in (folder / "documents.json").read_text().splitlines() if line.strip()]
    entities: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for line in (folder / "entities.json").read_text().splitlines():
        if line.strip():
            entity = json.loads(line)
            if entity["type"] in RE3D_MAP:
                entities[entity["documentId"]].append((entity["begin"], entity["end"], RE3D_MAP[entity["type"]]))
    return [(document["text"], entities[document["_id"]]) for document in documents]


def subsets(samples: Path) -> list[Path]:
    return sorted(p for p in (samples / "re3d").iterdir() if (p / "documents.json").is_file())
