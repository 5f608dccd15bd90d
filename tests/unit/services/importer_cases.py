"""Annotated records in every format we import, written from one text and its spans, and
hypothesis strategies for them: shared by the importer tests and scripts/fuzz_importers.py.

Spans are (start, end, label) in code points on the text as written (before normalisation);
they cover whole whitespace-separated words, so token snapping never moves them and the
stored span text must be the normalised original.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from annotator.core.model import Layer
from annotator.core.text import article_uid, normalise
from annotator.services.importing import ImportReport, import_sources
from annotator.services.project import Project
from annotator.store import annotations as sets

ANNOTATED = ("prodigy", "doccano", "labelstudio", "brat", "jsonl-ours")
PLAIN = ("txt", "html", "jsonl", "re3d")
ALL_FORMATS = (*PLAIN, *ANNOTATED, "plover")
LABELS = ("PERSON", "GPE", "ORG")

Spans = list[tuple[int, int, str]]


@dataclass(frozen=True)
class Case:
    """A text cut into words and separators, and which word runs are spans."""

    words: tuple[str, ...]
    separators: tuple[str, ...]  # one fewer than words
    marked: tuple[tuple[int, int, str], ...]  # (first word, last word, label), not overlapping

    @property
    def text(self) -> str:
        parts = [self.words[0]]
        for separator, word in zip(self.separators, self.words[1:]):
            parts += [separator, word]
        return "".join(parts)

    @property
    def spans(self) -> Spans:
        starts, position = [], 0
        for index, word in enumerate(self.words):
            starts.append(position)
            position += len(word) + (len(self.separators[index]) if index < len(self.separators) else 0)
        return [(starts[first], starts[last] + len(self.words[last]), label) for first, last, label in self.marked]


ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
OTHER_LETTERS = [
    "é",
    "e\u0301",
    "ü",
    "u\u0308",
    "中",
    "文",
    "ש",
    "ل",
    "😀",
    "🇺🇦",
    "ß",
    "Ω",
    "\u212b",
    "가",
    "\u1100\u1161",
]


def words(ascii_only: bool) -> st.SearchStrategy[str]:
    letters = (
        st.sampled_from(list(ASCII_LETTERS))
        if ascii_only
        else st.one_of(st.sampled_from(list(ASCII_LETTERS)), st.sampled_from(OTHER_LETTERS))
    )
    return st.lists(letters, min_size=1, max_size=8).map("".join)


SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\r\n", "\n\n", "  "])


@st.composite
def cases(draw: st.DrawFn, ascii_only: bool | None = None) -> Case:
    if ascii_only is None:
        ascii_only = draw(st.booleans())
    chosen = draw(st.lists(words(ascii_only), min_size=1, max_size=25))
    separators = draw(st.lists(SEPARATORS, min_size=len(chosen) - 1, max_size=len(chosen) - 1))
    marked: list[tuple[int, int, str]] = []
    cursor = 0
    while cursor < len(chosen) and draw(st.booleans()):
        first = draw(st.integers(cursor, len(chosen) - 1))
        last = draw(st.integers(first, min(first + 2, len(chosen) - 1)))
        marked.append((first, last, draw(st.sampled_from(LABELS))))
        cursor = last + 1
    return Case(tuple(chosen), tuple(separators), tuple(marked))


# Writers --------------------------------------------------------------------------------------


def write(fmt: str, folder: Path, texts: list[tuple[str, Spans]]) -> Path:
    """Write `texts` (each with its spans) as one source of format `fmt`; RETURNS its path."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "txt":
        for n, (text, _) in enumerate(texts):
            (folder / f"article-{n}.txt").write_bytes(text.encode("utf-8"))
        return folder
    if fmt == "html":
        for n, (text, _) in enumerate(texts):
            body = "".join(f"<p>{_escape(line)}</p>" for line in text.splitlines() if line.strip())
            (folder / f"article-{n}.html").write_text(
                f"<html><head><title>Article {n}</title></head><body><article>{body}</article></body></html>",
                encoding="utf-8",
            )
        return folder
    if fmt == "brat":
        for n, (text, spans) in enumerate(texts):
            (folder / f"doc-{n}.txt").write_bytes(text.encode("utf-8"))
            lines = [
                f"T{i}\t{label} {s} {e}\t{text[s:e].replace(chr(13), ' ').replace(chr(10), ' ')}"
                for i, (s, e, label) in enumerate(spans, start=1)
            ]
            (folder / f"doc-{n}.ann").write_bytes("".join(f"{line}\n" for line in lines).encode("utf-8"))
        return folder
    if fmt == "labelstudio":
        tasks = [
            {
                "id": n,
                "data": {"text": text, "title": f"Article {n}"},
                "annotations": [
                    {
                        "completed_by": "ls-annotator",
                        "result": [
                            {
                                "id": f"r{n}-{i}",
                                "type": "labels",
                                "from_name": "label",
                                "to_name": "text",
                                "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]},
                            }
                            for i, (s, e, label) in enumerate(spans)
                        ],
                    }
                ],
            }
            for n, (text, spans) in enumerate(texts)
        ]
        path = folder / "tasks.json"
        path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        return path
    if fmt == "plover":
        records = [{"id": "DOC", "event": "DOCUMENT", "eventText": "header", "coder": "tests"}]
        for n, (text, spans) in enumerate(texts):
            trigger = spans[0] if spans else (0, len(text.split()[0]), "")
            markup = text[: trigger[0]] + f"(EVT: {text[trigger[0] : trigger[1]]})" + text[trigger[1] :]
            records.append(
                {
                    "id": f"R{n}",
                    "event": "AGREE",
                    "eventText": "agreed",
                    "date": "2020-01-02",
                    "text": text,
                    "textInfo": {"markup": markup},
                }
            )
        path = folder / "plover.json"
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        return path
    lines = [json.dumps(_record(fmt, n, text, spans), ensure_ascii=False) for n, (text, spans) in enumerate(texts)]
    path = folder / f"{fmt}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _record(fmt: str, n: int, text: str, spans: Spans) -> dict:
    if fmt == "prodigy":
        return {
            "text": text,
            "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
            "answer": "accept",
            "_annotator_id": "prodigy-annotator",
        }
    if fmt == "doccano":
        return {"id": n, "text": text, "label": [[s, e, label] for s, e, label in spans]}
    if fmt == "jsonl-ours":
        return {
            "format": "annotator/1",
            "text": text,
            "title": f"Article {n}",
            "annotator": "ours-annotator",
            "status": "done",
            "spans": [{"start": s, "end": e, "label": label, "layer": "entity"} for s, e, label in spans],
        }
    if fmt == "re3d":
        return {
            "_id": f"doc{n}",
            "title": f"Article {n}",
            "text": text,
            "sourceName": "Source",
            "sourceUrl": f"https://example.org/{n}",
        }
    return {"text": text, "title": f"Article {n}", "published": "2020-01-02"}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FORMAT_OPTION = {"re3d": "jsonl", "txt": "auto", "html": "auto"}


def import_case(fmt: str, folder: Path, texts: list[tuple[str, Spans]]) -> tuple[Project, ImportReport]:
    """Write the texts as `fmt` and import them with the real service into a new project."""
    source = write(fmt, folder / "source", texts)
    project = Project.open(folder / "project.db")
    return project, import_sources(project, [source], fmt=FORMAT_OPTION.get(fmt, fmt))


def stored_spans(project: Project) -> dict[str, set[tuple[str, str]]]:
    """normalised article text -> {(span text, label)} of every entity span imported."""
    found: dict[str, set[tuple[str, str]]] = {}
    rows = project.db.execute(
        "SELECT a.text, s.id FROM articles a JOIN annotation_sets s ON s.article_id = a.id"
    ).fetchall()
    for text, set_id in rows:
        spans = sets.load_annotations(project.db, set_id).spans
        found.setdefault(text, set()).update((text[s.start : s.end], s.label) for s in spans if s.layer == Layer.ENTITY)
    return found


def check_import(fmt: str, folder: Path, texts: list[tuple[str, Spans]]) -> ImportReport:
    """Import and check: no problems, every article stored once, every span on its words."""
    project, report = import_case(fmt, folder, texts)
    try:
        assert report.problems == [], report.problems
        first: dict[str, tuple[str, Spans]] = {}
        for text, spans in texts:
            first.setdefault(article_uid(_stored_text(fmt, text)), (text, spans))
        # PLOVER records that code the same text are one article with several events.
        records = len({text for text, _ in texts}) if fmt == "plover" else len(texts)
        assert report.imported + report.duplicates == records, report.summary()
        assert report.imported == len(first), report.summary()
        if fmt in ANNOTATED:
            stored = stored_spans(project)
            articles = {row[0] for row in project.db.execute("SELECT text FROM articles")}
            assert articles == {normalise(text) for text, _ in first.values()}
            for text, spans in first.values():
                expected = {(normalise(text[s:e]), label) for s, e, label in spans}
                assert stored.get(normalise(text), set()) == expected, (text, spans)
            assert report.annotated == len(first)
        if fmt == "plover":
            assert report.annotated == len(first)
    finally:
        project.close()
    return report


def _stored_text(fmt: str, text: str) -> str:
    """The text the article is stored with (HTML extraction rewrites whitespace)."""
    return " ".join(normalise(text).split()) if fmt == "html" else normalise(text)


# Mutations: valid records with one value replaced by any JSON, or a line of noise --------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[int, list[str | int], object]:
    """(record index, key path, new value): where a written record gets a foreign value."""
    path = draw(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "text",
                        "spans",
                        "label",
                        "start",
                        "end",
                        "answer",
                        "data",
                        "annotations",
                        "result",
                        "value",
                        "labels",
                        "title",
                        "published",
                        "meta",
                        "entities",
                        "relations",
                        "format",
                        "status",
                        "layer",
                        "textInfo",
                        "markup",
                        "event",
                        "id",
                        "type",
                        "from_name",
                        "completed_by",
                    ]
                ),
                st.integers(0, 3),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return draw(st.integers(0, 5)), path, draw(JSON_VALUES)


def mutate(source: Path, mutation: tuple[int, list[str | int], object]) -> None:
    """Apply a mutation to the JSON records (or .ann lines) of a written source, in place."""
    index, path, value = mutation
    files = sorted(source.rglob("*")) if source.is_dir() else [source]
    for file in files:
        if file.suffix == ".ann":
            lines = file.read_text(encoding="utf-8").splitlines() or [""]
            lines[index % len(lines)] = json.dumps(value)[:80].replace("\n", " ")
            file.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return
        if file.suffix == ".json":
            records = json.loads(file.read_text(encoding="utf-8"))
            records[index % len(records)] = _replace(records[index % len(records)], path, value)
            file.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
            return
        if file.suffix == ".jsonl":
            lines = file.read_text(encoding="utf-8").splitlines()
            n = index % len(lines)
            lines[n] = json.dumps(_replace(json.loads(lines[n]), path, value), ensure_ascii=False)
            file.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return
        if file.suffix in (".txt", ".html"):
            file.write_bytes(file.read_bytes() + json.dumps(value).encode("utf-8"))
            return


def _replace(data: object, path: list[str | int], value: object) -> object:
    if not path:
        return value
    key, rest = path[0], path[1:]
    if isinstance(data, dict):
        name = key if isinstance(key, str) else (sorted(data)[key % len(data)] if data else "x")
        return {**data, name: _replace(data.get(name), rest, value)}
    if isinstance(data, list) and data:
        position = key % len(data) if isinstance(key, int) else 0
        return [*data[:position], _replace(data[position], rest, value), *data[position + 1 :]]
    return value


def import_mutated(
    fmt: str, folder: Path, texts: list[tuple[str, Spans]], mutation: tuple[int, list[str | int], object]
) -> ImportReport:
    """Write, mutate, import: whatever the input, the import ends with a report (no exception)
    and every annotated article it stored has its annotation set."""
    source = write(fmt, folder / "source", texts)
    mutate(source, mutation)
    with Project.open(folder / "project.db") as project:
        report = import_sources(project, [source], fmt=FORMAT_OPTION.get(fmt, fmt))
        if fmt in ANNOTATED:
            bare = project.db.execute(
                "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM annotation_sets s WHERE s.article_id = a.id)"
            ).fetchone()[0]
            assert bare <= report.imported - report.annotated, "an annotated article was stored without its set"
    return report
