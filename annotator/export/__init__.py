"""Exporting annotated articles: spaCy DocBin, our JSONL, Prodigy, doccano, Label Studio,
CoNLL-2003, brat standoff, an event table (with ACLED's columns) and PLOVER records.

Every writer receives `AnnotatedArticle`s and writes what they hold; `write_export` first
keeps decisions only (a person's accepted and added spans; the model's set as it is), so
no format ever carries a rejected span.

May import: `annotator.core`, `annotator.nlp.tokens` (to rebuild Docs on stored tokens),
spacy and srsly, the standard library. Never `annotator.store`, services or Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from annotator.core.model import MODEL_ANNOTATOR, AnnotatedArticle
from annotator.core.scheme import LabelScheme
from annotator.export import (
    brat,
    conll,
    doccano,
    events_csv,
    incidents_csv,
    jsonl_ours,
    labelstudio,
    plover,
    prodigy,
    spacy_docbin,
)
from annotator.export.files import check_target, replacing_folder
from annotator.export.redact import redactor
from annotator.export.report import ExportOptions, ExportReport

Writer = Callable[[Iterable[AnnotatedArticle], Path, ExportOptions, ExportReport], None]

FORMATS: dict[str, Writer] = {
    "spacy": spacy_docbin.write,
    "jsonl": jsonl_ours.write,
    "prodigy": prodigy.write,
    "doccano": doccano.write,
    "labelstudio": labelstudio.write,
    "conll": conll.write,
    "brat": brat.write,
    "events-csv": events_csv.write,
    "plover": plover.write,
}
"""Format name → writer. `spacy` and `brat` write into a folder, the others into one file."""

FOLDER_FORMATS = frozenset({"spacy", "brat"})

FOLDER_FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "spacy": (("train.spacy", "dev.spacy", "config.cfg"), ()),
    "brat": (("*.txt", "*.ann", "annotation.conf", ".stats_cache"), ("visual.conf", "tools.conf", "kb_shortcuts.conf")),
}
"""Folder format → (patterns of the files it writes, files a person adds that a new export keeps)."""


def write_export(
    items: Iterable[AnnotatedArticle],
    out: Path,
    fmt: str,
    scheme: LabelScheme,
    dev: float = 0.2,
    seed: int = 0,
    incidents: Mapping[int, int] | None = None,
    by_incident: bool = False,
    redact: str | None = None,
    base_pipeline: str | None = None,
    actors: Mapping[int, str] | None = None,
) -> ExportReport:
    """Write annotated articles in one format.

    items (Iterable[AnnotatedArticle]): the articles, read lazily, each once.
    out (Path): a folder for `spacy` and `brat`, a file for every other format.
    fmt (str): a key of `FORMATS`.
    scheme (LabelScheme): the project's label scheme.
    dev (float): share of articles in the dev split (`spacy` only).
    seed (int): seed of the train/dev split (`spacy` only).
    incidents (Mapping[int, int] | None): event id → incident id (`events-csv`, `jsonl`).
    by_incident (bool): `events-csv` only: one row per incident, its reports' sources listed.
    redact (str | None): "victims": victims' names become placeholders in every article
        before any writer sees it (`annotator.export.redact`).
    base_pipeline (str | None): `spacy` only: the pipeline its config.cfg fine-tunes.
    actors (Mapping[int, str] | None): actor id → canonical name (`jsonl`: links to actors).
    RETURNS (ExportReport): counts of articles, spans per layer, overlaps resolved, files.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if not 0.0 <= dev < 1.0:
        raise ValueError(f"dev share must be in [0, 1), got {dev}")
    if by_incident and fmt != "events-csv":
        raise ValueError("one row per incident is an events-csv option")
    transform = redactor(redact, scheme)
    if transform is not None:
        items = (transform(decisions_of(item)) for item in items)
    report = ExportReport(format=fmt)
    options = ExportOptions(scheme, dev, seed, incidents or {}, base_pipeline, actors or {})
    writer = incidents_csv.write if by_incident else FORMATS[fmt]
    out = Path(out)
    if fmt not in FOLDER_FORMATS:
        check_target(out, folder=False, what=f"a {fmt} export")
        writer(_counted(items, report), out, options, report)
        return report
    owned, kept = FOLDER_FILES[fmt]
    with replacing_folder(out, owned, kept, what=f"a {fmt} export") as stage:
        writer(_counted(items, report), stage, options, report)
    report.files = [out / path.relative_to(stage) for path in report.files]
    return report


def decisions_of(item: AnnotatedArticle) -> AnnotatedArticle:
    """The article with decisions only; the model's own set is exported as suggested."""
    if item.annotator == MODEL_ANNOTATOR:
        return item
    return replace(item, annotations=item.annotations.decided())


def _counted(items: Iterable[AnnotatedArticle], report: ExportReport) -> Iterator[AnnotatedArticle]:
    for item in items:
        item = decisions_of(item)
        report.add(item.annotations)
        yield item


__all__ = ["FORMATS", "FOLDER_FORMATS", "ExportOptions", "ExportReport", "decisions_of", "write_export"]
