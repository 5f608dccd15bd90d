from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle, Layer
from annotator.ingest.brat import read_brat
from annotator.ingest.decode import size_limit
from annotator.ingest.labelstudio import read_labelstudio
from annotator.ingest.ours import read_ours

TEXT = "Ein Café in Zürich: Grüße aus Köln, très animé."
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

Reader = Callable[[Path], Iterator[IncomingArticle | InputError]]


def _ours(text: str) -> str:
    return json.dumps({"format": "annotator/1", "text": text}, ensure_ascii=False) + "\n"


def _labelstudio(text: str) -> str:
    return json.dumps([{"data": {"text": text}, "annotations": []}], ensure_ascii=False)


def _write_ours(folder: Path, content: bytes) -> Path:
    path = folder / "ours.jsonl"
    path.write_bytes(content)
    return path


def _write_labelstudio(folder: Path, content: bytes) -> Path:
    path = folder / "tasks.json"
    path.write_bytes(content)
    return path


def _write_brat(folder: Path, content: bytes) -> Path:
    path = folder / "doc.txt"
    path.write_bytes(content)
    (folder / "doc.ann").write_bytes(b"")
    return path


READERS = {
    "ours": (read_ours, _write_ours, _ours),
    "labelstudio": (read_labelstudio, _write_labelstudio, _labelstudio),
    "brat": (read_brat, _write_brat, lambda text: text),
}


def _only_error(items: list[IncomingArticle | InputError], path: Path) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    error = items[0]
    assert error.location is not None and error.location.path == str(path)
    assert str(path) in str(error)
    return error


@pytest.mark.parametrize("name", READERS)
def test_binary_file_is_refused_naming_the_file(tmp_path, name):
    read, write, _ = READERS[name]
    path = write(tmp_path, BINARY)
    error = _only_error(list(read(path)), path)
    assert "binary" in error.reason


@pytest.mark.parametrize("name", READERS)
def test_latin1_file_is_decoded(tmp_path, name):
    read, write, render = READERS[name]
    path = write(tmp_path, render(TEXT).encode("latin-1"))
    (article,) = read(path)
    assert isinstance(article, IncomingArticle), article
    assert article.text == TEXT


@pytest.mark.parametrize("name", READERS)
def test_utf8_bom_is_dropped(tmp_path, name):
    read, write, render = READERS[name]
    path = write(tmp_path, codecs.BOM_UTF8 + render(TEXT).encode())
    (article,) = read(path)
    assert isinstance(article, IncomingArticle), article
    assert article.text == TEXT


@pytest.mark.parametrize("name", READERS)
def test_empty_file_is_refused_naming_the_file(tmp_path, name):
    read, write, _ = READERS[name]
    path = write(tmp_path, b"")
    error = _only_error(list(read(path)), path)
    assert "empty" in error.reason


@pytest.mark.parametrize("name", READERS)
def test_oversize_file_is_refused_naming_the_file(tmp_path, name):
    read, write, render = READERS[name]
    path = write(tmp_path, render(TEXT).encode())
    with size_limit(16):
        error = _only_error(list(read(path)), path)
    assert "limit" in error.reason


def test_oversize_ours_line_is_reported_with_its_line_and_the_rest_imports(tmp_path):
    path = _write_ours(tmp_path, (_ours("short") + _ours(TEXT * 3) + _ours("brief")).encode())
    with size_limit(len(_ours("short")) + 8):
        items = list(read_ours(path))
    assert [type(item).__name__ for item in items] == ["IncomingArticle", "InputError", "IncomingArticle"]
    assert items[1].location.line == 2 and "limit" in items[1].reason


def test_malformed_ours_line_is_reported_with_its_line_and_good_lines_import(tmp_path, split):
    path = _write_ours(tmp_path, (_ours("first") + "{not json\n\n" + _ours("second")).encode())
    articles, errors = split(read_ours(path))
    assert [a.text for a in articles] == ["first", "second"]
    (error,) = errors
    assert error.location.line == 2 and f"{path}:2" in str(error) and "malformed JSON" in error.reason
    assert articles[1].where == f"{path}:4"


def test_malformed_labelstudio_json_names_file_and_line(tmp_path):
    path = _write_labelstudio(tmp_path, b'[\n{"data": {"text": "x"}},\n{oops}\n]')
    error = _only_error(list(read_labelstudio(path)), path)
    assert error.location.line == 3 and "malformed JSON" in error.reason


def test_brat_empty_ann_is_a_document_without_annotations(tmp_path):
    path = _write_brat(tmp_path, TEXT.encode())
    (article,) = read_brat(path)
    assert isinstance(article, IncomingArticle) and article.text == TEXT
    assert article.annotations.spans == ()


def test_brat_latin1_ann_is_decoded(tmp_path):
    path = _write_brat(tmp_path, TEXT.encode("latin-1"))
    (tmp_path / "doc.ann").write_bytes("T1\tGPE 12 18\tZürich\n".encode("latin-1"))
    (article,) = read_brat(path)
    assert [article.text[s.start : s.end] for s in article.annotations.spans] == ["Zürich"]


def test_brat_out_of_range_t_line_carries_its_line(tmp_path):
    path = _write_brat(tmp_path, TEXT.encode())
    ann = tmp_path / "doc.ann"
    ann.write_text("T1\tGPE 12 18\tZürich\nT2\tGPE 40 400\tfar\n", encoding="utf-8")
    errors = [item for item in read_brat(path) if isinstance(item, InputError)]
    assert [(e.location.path, e.location.line) for e in errors] == [(str(ann), 2)]
    assert "T2" in errors[0].reason


def test_brat_layers_come_from_labels_roles_and_e_lines(tmp_path):
    path = _write_brat(tmp_path, b"Kyiv said troops attacked")
    (tmp_path / "doc.ann").write_text(
        "T1\tquote 0 4\tKyiv\nT2\tACTOR 10 16\ttroops\nT3\tBATTLE 17 25\tattacked\nT4\tBATTLE 5 9\tsaid\n"
        "E1\tBATTLE:T3 ACTOR:T2\n",
        encoding="utf-8",
    )
    (article,) = read_brat(path)
    layers = {s.label: s.layer for s in article.annotations.spans if s.start != 5}
    assert layers == {"quote": Layer.QUOTE, "ACTOR": Layer.ARGUMENT, "BATTLE": Layer.TRIGGER}
    assert next(s for s in article.annotations.spans if s.start == 5).layer == Layer.ENTITY


def test_labelstudio_from_name_names_the_layer_before_the_label(tmp_path):
    def region(rid: str, start: int, end: int, label: str, from_name: str) -> dict:
        value = {"start": start, "end": end, "labels": [label]}
        return {"id": rid, "type": "labels", "from_name": from_name, "value": value}

    results = [
        region("a", 0, 4, "BATTLE", "entity"),
        region("b", 5, 9, "battle", "label"),
        region("c", 10, 16, "ACTOR", "label"),
        region("d", 17, 25, "Quote", "label"),
    ]
    task = {"data": {"text": "Kyiv said troops attacked"}, "annotations": [{"result": results}]}
    path = _write_labelstudio(tmp_path, json.dumps(task).encode())
    (article,) = read_labelstudio(path)
    assert [s.layer for s in article.annotations.spans] == [Layer.ENTITY, Layer.TRIGGER, Layer.ARGUMENT, Layer.QUOTE]


def test_brat_layer_attribute_wins_over_the_label(tmp_path):
    path = _write_brat(tmp_path, b"Kyiv said troops attacked at noon")
    (tmp_path / "doc.ann").write_text(
        "T1\tGPE 0 4\tKyiv\nT2\tGPE 0 4\tKyiv\nT3\tTIME 29 33\tnoon\nT4\tTIME 29 33\tnoon\n"
        "T5\tBATTLE 17 25\tattacked\nT6\tQUOTE 10 16\ttroops\n"
        "E1\tBATTLE:T5 LOCATION:T2 TIME:T4\nR1\tSpeaker Arg1:T6 Arg2:T1\n"
        "A1\tLayer T1 speaker\nA2\tLayer T2 argument\nA3\tLayer T3 entity\nA4\tLayer T9 entity\nA5\tLayer T4 nonsense\n",
        encoding="utf-8",
    )
    (article,) = read_brat(path)
    assert [(s.label, s.layer) for s in article.annotations.spans] == [
        ("GPE", Layer.SPEAKER),
        ("GPE", Layer.ARGUMENT),
        ("TIME", Layer.ENTITY),
        ("TIME", Layer.ARGUMENT),
        ("BATTLE", Layer.TRIGGER),
        ("QUOTE", Layer.QUOTE),
    ]
    assert article.annotations.quotes[0].speaker.layer == Layer.SPEAKER
    assert [(a.role, a.span.layer) for a in article.annotations.events[0].arguments] == [
        ("LOCATION", Layer.ARGUMENT),
        ("TIME", Layer.ARGUMENT),
    ]
    assert article.meta["brat_unmapped"] == ["A\tlayer T9 entity", "A\tlayer T4 nonsense"]


def test_labelstudio_per_region_choices_give_sub_type_flags_and_kind(tmp_path):
    def result(rid: str, kind: str, from_name: str, start: int, end: int, values: list[str]) -> dict:
        return {"id": rid, "type": kind, "from_name": from_name, "value": {"start": start, "end": end, kind: values}}

    results = [
        result("q", "labels", "quote", 10, 16, ["QUOTE"]),
        result("t", "labels", "trigger", 17, 25, ["BATTLE"]),
        result("t", "choices", "sub_type", 17, 25, ["Armed clash"]),
        result("t", "choices", "flags", 17, 25, ["negated", "future"]),
        result("q", "choices", "kind", 10, 16, ["indirect"]),
    ]
    task = {
        "data": {"text": "Kyiv said troops attacked"},
        "annotations": [{"result": results, "updated_at": "2025-05-14"}],
    }
    (article,) = read_labelstudio(_write_labelstudio(tmp_path, json.dumps(task).encode()))
    [event] = article.annotations.events
    assert (event.sub_type, event.negated, event.hypothetical, event.future) == ("Armed clash", True, False, True)
    assert article.annotations.quotes[0].kind == "indirect"
    assert article.updated_at == "2025-05-14"
