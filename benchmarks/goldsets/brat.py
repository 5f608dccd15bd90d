"""brat standoff (.ann): text-bound spans, events and binary relations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BratDocument:
    """spans: id -> (label, start, end, text); events: (type, trigger id, [(role, span id)]);
    relations: (label, arg1 id, arg2 id)."""

    spans: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)
    events: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    relations: list[tuple[str, str, str]] = field(default_factory=list)


def read_brat(path: Path) -> BratDocument:
    """Read one .ann file; a discontinuous span keeps its first and last offsets."""
    document = BratDocument()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            key, info, text = line.split("\t")
            label, offsets = info.split(" ", 1)
            bounds = [int(x) for part in offsets.split(";") for x in part.split()]
            document.spans[key] = (label, bounds[0], bounds[-1], text)
        elif line.startswith("E"):
            parts = [p.split(":") for p in line.split("\t")[1].split()]
            document.events.append((parts[0][0], parts[0][1], [(r.rstrip("0123456789"), t) for r, t in parts[1:]]))
        elif line.startswith("R"):
            label, arg1, arg2 = line.split("\t")[1].split()
            document.relations.append((label, arg1.split(":")[1], arg2.split(":")[1]))
    return document
