"""Reading brat standoff: a ``.ann`` with its ``.txt``, or a folder of such pairs.

T lines become spans (an E line's trigger → trigger; otherwise the layer comes from the
label as `annotator.ingest.layers.layer_for_region` says, except that an event type
without an E line stays an entity); ``Speaker``/``Cue`` relations from
a QUOTE make quotes; E lines make events (ACTOR2 → ACTOR); A lines set the event flags,
``SubType``, the quote ``Kind`` and a T's ``Layer`` (which wins over the label). A
discontinuous T becomes its enclosing span. What has no place in our model (other
relations, notes, normalisations, equivalences) is kept in ``meta["brat_unmapped"]`` as
the original lines, so nothing disappears unseen.

Files are read as `annotator.ingest.decode` does for every reader (encodings, binary
files, the size cap), except that a file in UTF-8 is taken verbatim, control characters and
all, as brat itself does. An empty ``.txt`` is an error, an empty ``.ann`` a document
without annotations.

Offsets: brat counts code points on the text as its server reads it (universal newlines).
When a ``.txt`` has ``\\r\\n``, the reading whose T texts match the offsets is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

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
from annotator.ingest.decode import decode_bytes, read_bytes
from annotator.ingest.layers import layer_for_region
from annotator.ingest.scheme_context import known_sub_types
from annotator.ingest.walk import iter_files

_T = re.compile(r"^(T\d+)\t([^\s:]+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?$")
_E = re.compile(r"^(E\d+)\t([^\s:]+):(T\d+)((?: [^\s:]+:[TE]\d+)*)\s*$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:([TE]\d+) Arg2:([TE]\d+)\s*$")
_A = re.compile(r"^([AM]\d+)\t(\S+) ([TE]\d+)(?: (\S+))?\s*$")
_CONTROL = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_QUOTE_PARTS = ("speaker", "cue")
_FLAGS = ("negated", "hypothetical", "future")
_LAYERS = frozenset(layer.value for layer in Layer)


def read_brat(path: Path) -> Iterator[IncomingArticle | InputError]:
    """Yield the annotated articles of a .ann file, a .txt file, or a folder (recursively).

    path (Path): a ``.ann`` or ``.txt`` (the other file is found beside it), or a folder.
    YIELDS (IncomingArticle | InputError): one article per pair, errors with file and line.
    """
    path = Path(path)
    if path.is_dir():
        files = list(iter_files(path))
        texts = {p.with_suffix("") for p in files if p.suffix == ".txt"}
        for ann in sorted(p for p in files if p.suffix == ".ann"):
            if ann.with_suffix("") not in texts:
                yield InputError("no .txt beside this .ann", ann)
        for stem in sorted(texts):
            yield from _read_pair(stem.with_suffix(".txt"), stem.with_suffix(".ann"))
    elif path.suffix in (".ann", ".txt"):
        yield from _read_pair(path.with_suffix(".txt"), path.with_suffix(".ann"))
    else:
        yield InputError("expected a .ann file, a .txt file or a folder of them", path)


@dataclass
class _Parsed:
    spans: dict[str, Span] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    events: dict[str, tuple[str, str, list[tuple[str, str]]]] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    attributes: list[tuple[str, str, str | None]] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def _read_pair(text_path: Path, ann_path: Path) -> Iterator[IncomingArticle | InputError]:
    problems: list[InputError] = []
    try:
        raw_text = _read_file(text_path, problems=problems)
        ann_lines = (
            _read_file(ann_path, may_be_empty=True, problems=problems).splitlines() if ann_path.exists() else None
        )
    except InputError as error:
        yield error
        return
    yield from problems
    if ann_lines is None:
        yield IncomingArticle(text=raw_text, meta={"file": text_path.name}, where=str(text_path))
        return
    parsed = _Parsed()
    for number, line in enumerate(ann_lines, start=1):
        problem = _parse_line(line, number, parsed)
        if problem:
            yield InputError(problem, ann_path, number)
    text = _pick_text(raw_text, parsed)
    for tid in list(parsed.order):
        span = parsed.spans[tid]
        if not 0 <= span.start < span.end <= len(text):
            yield InputError(f"{tid} [{span.start}, {span.end}) is outside the text", ann_path, parsed.lines[tid])
            parsed.order.remove(tid)
            del parsed.spans[tid]
    annotations, unlinked = _assemble(parsed)
    for message in unlinked:
        yield InputError(message, ann_path)
    meta: dict[str, object] = {"file": text_path.name}
    if parsed.unmapped:
        meta["brat_unmapped"] = parsed.unmapped
    yield IncomingArticle(text=text, meta=meta, annotations=annotations, status=ArticleStatus.DONE, where=str(ann_path))


def _read_file(path: Path, may_be_empty: bool = False, problems: list[InputError] | None = None) -> str:
    """A .txt or .ann as brat reads it: UTF-8 taken verbatim, whatever characters it holds
    (our export writes article text so, in both files); a file that is not UTF-8 is
    decoded, or refused as binary, as every reader does.

    path (Path): The file.
    may_be_empty (bool): Read an empty file as "" (a .ann without annotations).
    RETURNS (str): Its text, without a byte order mark.
    RAISES (InputError): The file cannot be read, is over the size cap or not text, or is
        empty when it may not be.
    """
    data = read_bytes(path)
    if not data and may_be_empty:
        return ""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = decode_bytes(data, path)
        if problems is not None:
            problems += decoded.problems
        return decoded.text
    if not text:
        raise InputError("file is empty", path)
    return text


def _parse_line(line: str, number: int, parsed: _Parsed) -> str | None:
    """Record one .ann line, `number` counted from 1; return a message if it cannot be read."""
    if not line.strip():
        return None
    if match := _T.match(line):
        tid, label, fragments, content = match.groups()
        offsets = [int(n) for n in re.split(r"[ ;]", fragments)]
        parsed.spans[tid] = Span(min(offsets), max(offsets), label, status=Status.ACCEPTED, origin=Origin.IMPORT)
        parsed.order.append(tid)
        parsed.texts[tid] = content or ""
        parsed.lines[tid] = number
    elif match := _E.match(line):
        eid, event_type, trigger, arguments = match.groups()
        pairs = [tuple(part.split(":", 1)) for part in arguments.split()]
        parsed.events[eid] = (event_type, trigger, pairs)
    elif match := _R.match(line):
        _, label, head, child = match.groups()
        if label.lower() in _QUOTE_PARTS and head.startswith("T") and child.startswith("T"):
            parsed.links.append((label.lower(), head, child))
        else:
            parsed.unmapped.append(line)
    elif match := _A.match(line):
        _, name, target, value = match.groups()
        parsed.attributes.append((name.lower(), target, value))
    elif line[0] in "#N*":
        parsed.unmapped.append(line)
    else:
        return f"not a brat annotation line: {line[:60]!r}"
    return None


def _pick_text(raw_text: str, parsed: _Parsed) -> str:
    """The text the offsets were counted on: as brat reads it, unless the raw file fits better."""
    universal = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    if universal == raw_text or not parsed.spans:
        return universal

    def fits(text: str) -> int:
        return sum(
            _CONTROL.sub(" ", text[span.start : span.end]) == _CONTROL.sub(" ", parsed.texts[tid])
            for tid, span in parsed.spans.items()
        )

    return raw_text if fits(raw_text) > fits(universal) else universal


def _assemble(parsed: _Parsed) -> tuple[Annotations, list[str]]:
    problems: list[str] = []
    triggers = {trigger for _, trigger, _ in parsed.events.values()}
    layers = {target: Layer(value) for name, target, value in parsed.attributes if name == "layer" and value in _LAYERS}
    spans = {
        tid: replace(
            span,
            layer=layers.get(tid)
            or (Layer.TRIGGER if tid in triggers else layer_for_region(span.label, event_types=())),
        )
        for tid, span in parsed.spans.items()
    }
    quote_parts: dict[str, dict[str, Span]] = {tid: {} for tid, s in spans.items() if s.layer == Layer.QUOTE}
    kinds: dict[str, QuoteKind] = {}
    for link, head, child in parsed.links:
        if head in quote_parts and child in spans:
            quote_parts[head][link] = spans[child]
        else:
            problems.append(f"{link} relation {head} → {child} does not start at a QUOTE or misses a span")
    flags: dict[str, dict[str, object]] = {eid: {} for eid in parsed.events}
    for name, target, value in parsed.attributes:
        if name in _FLAGS and target in flags:
            flags[target][name] = True
        elif name == "subtype" and target in flags and value:
            flags[target]["sub_type"] = _sub_type(value)
        elif name == "kind" and target in quote_parts and value is not None and value in QuoteKind._value2member_map_:
            kinds[target] = QuoteKind(value)
        elif name == "layer" and target in spans and value in _LAYERS:
            continue
        else:
            parsed.unmapped.append(f"A\t{name} {target}" + (f" {value}" if value else ""))
    quotes = tuple(
        Quote(spans[tid], parts.get("speaker"), parts.get("cue"), kinds.get(tid, QuoteKind.DIRECT))
        for tid, parts in quote_parts.items()
    )
    events = []
    for eid, (event_type, trigger, pairs) in parsed.events.items():
        if trigger not in spans:
            problems.append(f"{eid}: trigger {trigger} is not a T line")
            continue
        arguments = []
        for role, target in pairs:
            if target in spans:
                arguments.append(Argument(role.rstrip("0123456789"), spans[target]))
            else:
                problems.append(f"{eid}: argument {role}:{target} is not a T line; left out")
        events.append(Event(spans[trigger], event_type, arguments=tuple(arguments), **flags[eid]))  # type: ignore[arg-type]  # flags holds only the bool fields negated, hypothetical, future
    return Annotations(tuple(spans[tid] for tid in parsed.order), quotes, tuple(events)), problems


def _sub_type(value: str) -> str:
    """Undo the one-word encoding of sub-types: known ones exactly, others `_` → space."""
    return known_sub_types().get(value, value.replace("_", " "))
