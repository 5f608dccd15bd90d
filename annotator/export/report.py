"""What an export did: counts a person can check against the project, files written, and
what the chosen format had no place for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Annotations, Layer
from annotator.core.scheme import LabelScheme
from annotator.export.structure import FLAGS

LEFT_OUT: dict[str, tuple[str, ...]] = {
    "conll": ("quotes", "speakers", "cues", "events", "arguments", "sub-types", "flags"),
    "events-csv": ("entities", "quotes", "speakers", "cues"),
    "plover": ("entities", "quotes", "speakers", "cues"),
}
"""Format → the parts of an annotation set it cannot hold. CoNLL holds the entity layer
only; the event table holds events (arguments as their text, the quote around a trigger
as its text; arguments also with their offsets) but no entity, quote, speaker or cue
spans. Every other format holds all of
a set: spans of every layer, quotes with speaker, cue and kind, events with type,
sub-type, flags and arguments."""

FORMAT_NOTES: dict[str, str] = {
    "events-csv": "the quote around a trigger is written as its text",
    "plover": "one record per event",
}


@dataclass(frozen=True)
class ExportOptions:
    """Settings every format writer receives.

    scheme (LabelScheme): labels, colours, event types and roles of the project.
    dev (float): share of articles in the dev split, for formats that split.
    seed (int): seed of the train/dev split.
    incidents (Mapping[int, int]): event id → incident id, for formats that carry it.
    actors (Mapping[int, str]): actor id → canonical name in the project's dictionary, for
        formats that carry actor links (`jsonl`).
    base_pipeline (str | None): the installed spaCy pipeline a DocBin export's config.cfg
        fine-tunes; None writes a config for a new pipeline.
    """

    scheme: LabelScheme
    dev: float = 0.2
    seed: int = 0
    incidents: Mapping[int, int] = field(default_factory=dict)
    base_pipeline: str | None = None
    actors: Mapping[int, str] = field(default_factory=dict)


@dataclass
class ExportReport:
    """Counts of one export.

    articles (int): articles written.
    spans (Counter[str]): spans written per layer, before any format-specific loss.
    parts (Counter[str]): entities, quotes, speakers, cues, events, arguments, sub-types and
        flags (each flag set) in the exported sets, before any format-specific loss.
    overlaps_resolved (int): entity spans left out of a flat layer (doc.ents, IOB tags)
        because a longer overlapping entity won.
    snapped (int): spans that did not fall on token boundaries and were widened to them.
    splits (Counter[str]): articles per split (train/dev) for formats that split.
    files (list[Path]): files written.
    notes (list[str]): what a format had to leave out item by item (an event PLOVER has no
        type for).
    """

    format: str
    articles: int = 0
    spans: Counter[str] = field(default_factory=Counter)
    parts: Counter[str] = field(default_factory=Counter)
    overlaps_resolved: int = 0
    snapped: int = 0
    splits: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, annotations: Annotations) -> None:
        """Count one exported article's set."""
        self.articles += 1
        layers = Counter(str(span.layer) for span in annotations.spans)
        self.spans.update(layers)
        self.parts.update(
            entities=layers[Layer.ENTITY],
            quotes=len(annotations.quotes),
            speakers=sum(quote.speaker is not None for quote in annotations.quotes),
            cues=sum(quote.cue is not None for quote in annotations.quotes),
            events=len(annotations.events),
            arguments=sum(len(event.arguments) for event in annotations.events),
            **{"sub-types": sum(bool(event.sub_type) for event in annotations.events)},
            flags=sum(getattr(event, flag) for event in annotations.events for flag in FLAGS),
        )

    @property
    def left_out(self) -> dict[str, int]:
        """What the format could not hold, part → count; empty when it holds everything."""
        return {part: self.parts[part] for part in LEFT_OUT.get(self.format, ()) if self.parts[part]}

    def summary(self) -> str:
        """One line for a person: what was written and what had to give way."""
        layers = ", ".join(f"{count} {layer}" for layer, count in sorted(self.spans.items())) or "no spans"
        parts = [f"{self.articles} articles", layers, f"{self.overlaps_resolved} overlapping entities resolved"]
        if self.snapped:
            parts.append(f"{self.snapped} spans snapped to tokens")
        if self.splits:
            parts.append(", ".join(f"{n} {name}" for name, n in sorted(self.splits.items())))
        if self.left_out:
            lost = ", ".join(f"{count} {part}" for part, count in self.left_out.items())
            parts.append(f"left out ({self.format} has no place for them): {lost}")
        if self.format in FORMAT_NOTES:
            parts.append(FORMAT_NOTES[self.format])
        if self.notes:
            parts.append(
                f"{len(self.notes)} note(s): " + "; ".join(self.notes[:3]) + ("; ..." if len(self.notes) > 3 else "")
            )
        return f"{self.format}: " + "; ".join(parts) + f"; {len(self.files)} files"
