"""doccano JSONL for sequence labelling with relations.

Each line: ``text``, ``entities`` ([{id, label, start_offset, end_offset}], every layer),
``relations`` ([{id, from_id, to_id, type}]: quote → speaker/cue typed Speaker/Cue,
trigger → argument typed with its role), plus ``uid``, ``title``, ``url`` and
``published``, which doccano keeps as metadata. Ids are numbered per article from 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable


from annotator.core.model import AnnotatedArticle
from annotator.export.files import write_jsonl
from annotator.export.report import ExportOptions, ExportReport
from annotator.export.structure import relations, span_table


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write one doccano record per article to the file `out`."""
    write_jsonl(out, (record(item) for item in items))
    report.files.append(out)


def record(item: AnnotatedArticle) -> dict[str, Any]:
    """The doccano record for one annotated article."""
    article = item.article
    table = span_table(item.annotations)
    return {
        "text": article.text,
        "entities": [
            {"id": row + 1, "label": span.label, "start_offset": span.start, "end_offset": span.end}
            for row, span in enumerate(table.spans)
        ],
        "relations": [
            {"id": n, "from_id": table.row(r.head) + 1, "to_id": table.row(r.child) + 1, "type": r.label}
            for n, r in enumerate(relations(item.annotations), start=1)
        ],
        "uid": article.uid,
        "title": article.title,
        "url": article.url,
        "published": article.published,
    }
