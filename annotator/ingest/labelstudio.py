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

import json
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
    problems: list[InputError] = []
    try:
        tasks = read_json(path, problems)
    except InputError as error:
        yield error
        return
    yield from problems
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        yield InputError("expected a list of tasks", path)
        return
    for index, raw in enumerate(tasks):
        try:
            yield parse_task(raw, f"{path} task {index}")
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
            yield InputError(f"task {index} is malformed ({type(error).__name__}: {error})", path)


def parse_task(task: Any, where: str = "") -> IncomingArticle:
    """One Label Studio task as an `IncomingArticle`. Raises ValueError or TypeError,
    saying which part is wrong, on malformed input."""
    if not isinstance(task, dict):
        raise TypeError(f"the task is a {type(task).__name__}, not an object")
    data = task.get("data")
    if not isinstance(data, dict):
        raise TypeError("'data' is not an object")
    text = data.get("text")
    if not isinstance(text, str):
        raise TypeError("data.text is not a string")
    annotations = task.get("annotations") or task.get("completions") or []
    if not isinstance(annotations, list):
        raise TypeError(f"'annotations' is a {type(annotations).__name__}, not a list")
    annotation = next((a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")), None)
    article = IncomingArticle(
        text=text,
        title=_text_field(data.get("title")),
        url=_text_field(data.get("url")),
        published=_text_field(data.get("published")) or None,
        meta={k: v for k, v in data.items() if k not in ("text", "title", "url", "published")},
        where=where,
    )
    if annotation is None:
        return article
    results = annotation.get("result") or []
    if not isinstance(results, list):
        raise TypeError(f"'result' is a {type(results).__name__}, not a list")
    annotations_read, unmapped = _annotations(results, len(text))
    annotator = annotation.get("completed_by")
    meta = dict(article.meta)
    if unmapped:
        meta["labelstudio_unmapped"] = unmapped
    return replace(
        article,
        meta=meta,
        annotations=annotations_read,
        status=ArticleStatus.DONE,
        annotator=annotator if isinstance(annotator, str) else None,
        updated_at=annotation.get("updated_at") if isinstance(annotation.get("updated_at"), str) else None,
    )


def _text_field(value: Any) -> str:
    """A task's title, url or date as text: lists joined, other values written out."""
    if value is None or value == "":
        return ""
    if isinstance(value, list):
        return ", ".join(_text_field(part) for part in value if part not in (None, ""))
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _offset(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"region {name} {value!r} is not a whole number")
    return value


def _first_string(values: Any, what: str) -> str:
    if not isinstance(values, list) or not values or not isinstance(values[0], str) or not values[0]:
        raise ValueError(f"{what} is not a list starting with a name: {values!r}")
    return values[0]


def _annotations(results: list[Any], text_length: int) -> tuple[Annotations, list[Any]]:
    regions: dict[str, Span] = {}
    links: list[dict[str, Any]] = []
    choices: dict[str, dict[str, list[Any]]] = {}
    unmapped: list[Any] = []
    for result in results:
        if not isinstance(result, dict):
            raise TypeError(f"a result item is a {type(result).__name__}, not an object: {result!r:.60}")
        rid = result.get("id")
        if rid is not None and not isinstance(rid, (str, int)):
            raise ValueError(f"a result id is not a name: {rid!r:.60}")
        value = result.get("value")
        if result.get("type") == "relation":
            links.append(result)
        elif result.get("type") == "choices" and rid:
            chosen = value.get("choices") if isinstance(value, dict) else None
            if isinstance(chosen, list):
                choices.setdefault(str(rid), {})[str(result.get("from_name", ""))] = list(chosen)
            else:
                unmapped.append(result)
        elif result.get("type") == "labels":
            if not isinstance(value, dict):
                raise ValueError(f"region {rid} has no 'value' object")
            start, end = _offset(value.get("start"), "start"), _offset(value.get("end"), "end")
            if not 0 <= start < end <= text_length:
                raise ValueError(f"region {rid} [{start}, {end}) is outside the text")
            label = _first_string(value.get("labels"), f"region {rid} labels")
            from_name = result.get("from_name")
            regions[str(rid)] = Span(
                start,
                end,
                label,
                _layer_of(from_name if isinstance(from_name, str) else "", label),
                Status.ACCEPTED,
                Origin.IMPORT,
            )
    quotes: dict[str, dict[str, Span]] = {rid: {} for rid, span in regions.items() if span.layer == Layer.QUOTE}
    arguments: dict[str, list[Argument]] = {rid: [] for rid, span in regions.items() if span.layer == Layer.TRIGGER}
    for link in links:
        head, child = _region_id(link.get("from_id")), _region_id(link.get("to_id"))
        labels = link.get("labels") or [""]
        label = labels[0] if isinstance(labels, list) and labels and isinstance(labels[0], str) else ""
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


def _region_id(value: Any) -> str | None:
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _kind(chosen: dict[str, list[Any]]) -> QuoteKind:
    kind = (chosen.get("kind") or [QuoteKind.DIRECT.value])[0]
    return QuoteKind(kind) if isinstance(kind, str) and kind in QuoteKind._value2member_map_ else QuoteKind.DIRECT


def _event_fields(chosen: dict[str, list[Any]]) -> dict[str, Any]:
    sub_type = (chosen.get("sub_type") or [""])[0]
    flags = [flag for flag in chosen.get("flags") or [] if isinstance(flag, str)]
    return {"sub_type": sub_type if isinstance(sub_type, str) else "", **{flag: flag in flags for flag in _FLAGS}}


def _layer_of(from_name: str, label: str) -> Layer:
    """The layer `from_name` names (as our export writes it), else the one the label implies."""
    if from_name in Layer._value2member_map_:
        return Layer(from_name)
    return layer_for_region(label)
