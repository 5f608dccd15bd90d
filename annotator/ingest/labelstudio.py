"""Reading Label Studio JSON exports (a list of tasks, or one task) with their annotations.

Regions (``type: "labels"``) become spans; ``from_name`` gives the layer when it names one
(as our export does), otherwise the label does, as `annotator.ingest.layers.layer_for_region`
says. The file is decoded as `annotator.ingest.decode` does for every reader. Relations from a QUOTE labelled Speaker/Cue make
quotes; relations from a trigger make event arguments with the relation label as role.
Per-region ``choices`` results (our export's ``sub_type``, ``flags`` and ``kind``) give
events their sub-type and flags and quotes their kind. The first annotation that was not
cancelled is read, with its ``updated_at``. Offsets are code points (Label Studio ≥ 1.6).
Relations that fit neither are kept in ``meta["labelstudio_unmapped"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import (
    Annotations,
    Argument,
    ArticleStatus,
    Event,
    IncomingArticle,
    Layer,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Status,
)
from annotator.ingest.layers import layer_for_region
from annotator.ingest.records import read_json

_QUOTE_PARTS = ("speaker", "cue")
_FLAGS = ("negated", "hypothetical", "future")


def read_labelstudio(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Yield one article per task of a Label Studio JSON export.

    path (Path): the exported JSON file.
    YIELDS (IncomingArticle | InputError): articles, or an error naming the task index.
    """
    path = Path(path)
    try:
        tasks = read_json(path)
    except InputError as error:
        yield error
        return
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        yield InputError("expected a list of tasks", path)
        return
    for index, raw in enumerate(tasks):
        try:
            yield parse_task(raw, f"{path} task {index}")
        except (KeyError, TypeError, ValueError, IndexError) as error:
            yield InputError(f"task {index} is malformed ({type(error).__name__}: {error})", path)


def parse_task(task: dict[str, Any], where: str = "") -> IncomingArticle:
    """One Label Studio task as an `IncomingArticle`. Raises on malformed input."""
    data = task["data"]
    text = data["text"]
    if not isinstance(text, str):
        raise TypeError("data.text is not a string")
    annotation = next(
        (a for a in task.get("annotations") or task.get("completions") or [] if not a.get("was_cancelled")), None
    )
    article = IncomingArticle(
        text=text,
        title=str(data.get("title") or ""),
        url=str(data.get("url") or ""),
        published=data.get("published"),
        meta={k: v for k, v in data.items() if k not in ("text", "title", "url", "published")},
        where=where,
    )
    if annotation is None:
        return article
    annotations, unmapped = _annotations(annotation["result"], len(text))
    annotator = annotation.get("completed_by")
    meta = dict(article.meta)
    if unmapped:
        meta["labelstudio_unmapped"] = unmapped
    return replace(
        article,
        meta=meta,
        annotations=annotations,
        status=ArticleStatus.DONE,
        annotator=annotator if isinstance(annotator, str) else None,
        updated_at=annotation.get("updated_at") if isinstance(annotation.get("updated_at"), str) else None,
    )


def _annotations(results: list[dict[str, Any]], text_length: int) -> tuple[Annotations, list[dict[str, Any]]]:
    regions: dict[str, Span] = {}
    links: list[dict[str, Any]] = []
    choices: dict[str, dict[str, list[Any]]] = {}
    for result in results:
        if result.get("type") == "relation":
            links.append(result)
        elif result.get("type") == "choices" and result.get("id"):
            choices.setdefault(result["id"], {})[result.get("from_name", "")] = list(result["value"]["choices"])
        elif result.get("type") == "labels":
            value = result["value"]
            start, end = int(value["start"]), int(value["end"])
            if not 0 <= start < end <= text_length:
                raise ValueError(f"region {result.get('id')} [{start}, {end}) is outside the text")
            label = value["labels"][0]
            regions[result["id"]] = Span(
                start, end, label, _layer_of(result.get("from_name", ""), label), Status.ACCEPTED, Origin.IMPORT
            )
    quotes = {rid: {} for rid, span in regions.items() if span.layer == Layer.QUOTE}
    arguments: dict[str, list[Argument]] = {rid: [] for rid, span in regions.items() if span.layer == Layer.TRIGGER}
    unmapped = []
    for link in links:
        head, child = link.get("from_id"), link.get("to_id")
        label = (link.get("labels") or [""])[0]
        if head in quotes and child in regions and label.lower() in _QUOTE_PARTS:
            quotes[head][label.lower()] = regions[child]
        elif head in arguments and child in regions and label:
            arguments[head].append(Argument(label, regions[child]))
        else:
            unmapped.append(link)
    return (
        Annotations(
            tuple(regions.values()),
            tuple(
                Quote(regions[rid], parts.get("speaker"), parts.get("cue"), _kind(choices.get(rid, {})))
                for rid, parts in quotes.items()
            ),
            tuple(
                Event(regions[rid], regions[rid].label, arguments=tuple(args), **_event_fields(choices.get(rid, {})))
                for rid, args in arguments.items()
            ),
        ),
        unmapped,
    )


def _kind(chosen: dict[str, list[Any]]) -> QuoteKind:
    kind = (chosen.get("kind") or [QuoteKind.DIRECT.value])[0]
    return QuoteKind(kind) if kind in QuoteKind._value2member_map_ else QuoteKind.DIRECT


def _event_fields(chosen: dict[str, list[Any]]) -> dict[str, Any]:
    sub_type = (chosen.get("sub_type") or [""])[0]
    flags = chosen.get("flags") or []
    return {"sub_type": sub_type if isinstance(sub_type, str) else "", **{flag: flag in flags for flag in _FLAGS}}


def _layer_of(from_name: str, label: str) -> Layer:
    """The layer `from_name` names (as our export writes it), else the one the label implies."""
    if from_name in Layer._value2member_map_:
        return Layer(from_name)
    return layer_for_region(label)
