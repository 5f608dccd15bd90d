"""CoNLL-2003 NER columns with IOB2 tags: one token a line, a blank line between sentences.

Each article starts with ``-DOCSTART- -X- O O`` (the document line spaCy's
``spacy convert --converter ner`` recognises; readers of the original ``-X- -X- O``
spelling match on ``-DOCSTART-`` too). Token lines are ``token -X- _ TAG``. Only the
entity layer fits, flat: overlaps are resolved as for ``doc.ents``. Whitespace inside a
token, which would split a column, is written as ``_``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.model import AnnotatedArticle, Layer
from annotator.export.files import replacing
from annotator.export.overlaps import resolve_overlaps
from annotator.export.report import ExportOptions, ExportReport

DOCSTART = "-DOCSTART- -X- O O"
_WHITESPACE = re.compile(r"\s")


def write(items: Iterable[AnnotatedArticle], out: Path, options: ExportOptions, report: ExportReport) -> None:
    """Write all articles to the single file `out`."""
    with replacing(out) as partial, open(partial, "w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            handle.writelines(article_lines(item, report))
    report.files.append(out)


def article_lines(item: AnnotatedArticle, report: ExportReport | None = None) -> Iterator[str]:
    """The lines of one article, each ending in a newline."""
    text = item.article.text
    tokens = item.tokens.tokens
    tags = iob_tags(item, report)
    yield DOCSTART + "\n\n"
    bounds = [*item.tokens.sentence_starts, len(tokens)]
    for first, stop in zip(bounds, bounds[1:]):
        if first == stop:
            continue
        for i in range(first, stop):
            start, end = tokens[i]
            yield f"{_WHITESPACE.sub('_', text[start:end])} -X- _ {tags[i]}\n"
        yield "\n"


def iob_tags(item: AnnotatedArticle, report: ExportReport | None = None) -> list[str]:
    """IOB2 tags for the article's stored tokens, from its entity layer."""
    starts = item.tokens.starts
    ends = item.tokens.ends
    tags = ["O"] * len(starts)
    kept, dropped = resolve_overlaps(item.annotations.on_layer(Layer.ENTITY))
    snapped = 0
    for span in kept:
        first = bisect.bisect_right(starts, span.start) - 1
        last = bisect.bisect_left(ends, span.end)
        if 0 <= first < len(ends) and ends[first] <= span.start:
            first += 1
        if 0 <= last < len(starts) and starts[last] >= span.end:
            last -= 1
        if first < 0 or last >= len(ends) or starts[first] != span.start or ends[last] != span.end:
            snapped += 1
            first, last = max(first, 0), min(last, len(ends) - 1)
        if any(tag != "O" for tag in tags[first : last + 1]):
            dropped.append(span)
            continue
        tags[first] = f"B-{span.label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{span.label}"
    if report is not None:
        report.overlaps_resolved += len(dropped)
        report.snapped += snapped
    return tags
