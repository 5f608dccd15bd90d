"""What an export did: counts a person can check against the project, and files written."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.scheme import LabelScheme


@dataclass(frozen=True)
class ExportOptions:
    """Settings every format writer receives.

    scheme (LabelScheme): labels, colours, event types and roles of the project.
    dev (float): share of articles in the dev split, for formats that split.
    seed (int): seed of the train/dev split.
    """

    scheme: LabelScheme
    dev: float = 0.2
    seed: int = 0


@dataclass
class ExportReport:
    """Counts of one export.

    articles (int): articles written.
    spans (Counter[str]): spans written per layer, before any format-specific loss.
    overlaps_resolved (int): entity spans left out of a flat layer (doc.ents, IOB tags)
        because a longer overlapping entity won.
    snapped (int): spans that did not fall on token boundaries and were widened to them.
    splits (Counter[str]): articles per split (train/dev) for formats that split.
    files (list[Path]): files written.
    """

    format: str
    articles: int = 0
    spans: Counter[str] = field(default_factory=Counter)
    overlaps_resolved: int = 0
    snapped: int = 0
    splits: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a person: what was written and what had to give way."""
        layers = ", ".join(f"{count} {layer}" for layer, count in sorted(self.spans.items())) or "no spans"
        parts = [f"{self.articles} articles", layers, f"{self.overlaps_resolved} overlapping entities resolved"]
        if self.snapped:
            parts.append(f"{self.snapped} spans snapped to tokens")
        if self.splits:
            parts.append(", ".join(f"{n} {name}" for name, n in sorted(self.splits.items())))
        return f"{self.format}: " + "; ".join(parts) + f"; {len(self.files)} files"
