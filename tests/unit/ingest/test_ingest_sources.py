from __future__ import annotations

import dataclasses
import json

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Layer
from annotator.ingest import read_sources
from annotator.ingest.decode import DEFAULT_MAX_BYTES, MB, max_bytes
from annotator.ingest.detect import detect_format, record_format
from annotator.ingest.layers import layer_for_label
from annotator.ingest.registry import FORMAT_NAMES, FORMATS, Format


def _jsonl(path, *records):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    return path


PRODIGY = {"text": "Kyiv was shelled.", "spans": [{"start": 0, "end": 4, "label": "GPE"}], "answer": "accept"}
DOCCANO = {"text": "Kyiv was shelled.", "label": [[0, 4, "GPE"]]}
PLAIN = {"text": "Kyiv was shelled.", "title": "Kyiv"}


def test_format_names_match_the_cli():
    assert FORMAT_NAMES == (
        "auto",
        "txt",
        "html",
        "jsonl",
        "prodigy",
        "doccano",
        "labelstudio",
        "brat",
        "jsonl-ours",
        "plover",
    )


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"format": "annotator/1", "text": "x"}, "jsonl-ours"),
        ({"data": {"text": "x"}, "annotations": []}, "labelstudio"),
        (PRODIGY, "prodigy"),
        ({"text": "x", "spans": []}, "prodigy"),
        (DOCCANO, "doccano"),
        ({"text": "x", "entities": [], "relations": []}, "doccano"),
        (PLAIN, "jsonl"),
        ({"documentId": "a", "begin": 0, "end": 3}, None),
    ],
)
def test_record_format(record, expected):
    assert record_format(record) == expected


def test_detect_by_suffix_and_content(tmp_path):
    (tmp_path / "a.txt").write_text("Title\nbody")
    (tmp_path / "b.HTM").write_text("<html></html>")
    (tmp_path / "page.dat").write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    (tmp_path / "notes").write_text("Just some text")
    _jsonl(tmp_path / "ours.jsonl", {"format": "annotator/1", "text": "x"})
    _jsonl(tmp_path / "prodigy.jsonl", "{broken", "", PRODIGY)
    _jsonl(tmp_path / "doccano.json", DOCCANO)
    _jsonl(tmp_path / "plain.ndjson", PLAIN)
    (tmp_path / "tasks.json").write_text(json.dumps([{"data": {"text": "x"}, "annotations": []}]))
    (tmp_path / "records.dat").write_text(json.dumps(PRODIGY))
    assert {p.name: detect_format(p) for p in sorted(tmp_path.iterdir())} == {
        "a.txt": "txt",
        "b.HTM": "html",
        "doccano.json": "doccano",
        "notes": "txt",
        "ours.jsonl": "jsonl-ours",
        "page.dat": "html",
        "plain.ndjson": "jsonl",
        "prodigy.jsonl": "prodigy",
        "records.dat": "prodigy",
        "tasks.json": "labelstudio",
    }
    assert detect_format(tmp_path / "notes", by_content=False) is None


def test_layer_for_label():
    assert layer_for_label("QUOTE") == Layer.QUOTE
    assert layer_for_label("speaker") == Layer.SPEAKER
    assert layer_for_label("CUE") == Layer.CUE
    assert layer_for_label("BATTLE") == Layer.TRIGGER
    assert layer_for_label("AGREE") == Layer.TRIGGER
    assert layer_for_label("PERSON") == Layer.ENTITY
    assert layer_for_label("EVENT") == Layer.ENTITY
    assert layer_for_label("Attack", event_types=["ATTACK"]) == Layer.TRIGGER


def test_missing_path_is_reported_and_the_rest_is_read(tmp_path, read):
    good = tmp_path / "good.txt"
    good.write_text("Good\nbody")
    articles, [error] = read(tmp_path / "missing.txt", good)
    assert [a.title for a in articles] == ["Good"]
    assert error.location.path == str(tmp_path / "missing.txt") and "no such file" in error.reason


def test_unknown_format_is_refused_before_reading(tmp_path):
    with pytest.raises(InputError, match="unknown format 'csv'"):
        read_sources([tmp_path], "csv")


def test_folder_of_mixed_files_each_by_its_own_format(tmp_path, read):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a.txt").write_text("Plain story\nbody")
    (tmp_path / "sub" / "page.html").write_text(
        "<html><head><title>Page</title></head><body><article><p>"
        + "Negotiators met again in Geneva on Tuesday to discuss the ceasefire terms. " * 4
        + "</p></article></body></html>"
    )
    _jsonl(tmp_path / "b.jsonl", PLAIN)
    _jsonl(tmp_path / "c.jsonl", PRODIGY)
    _jsonl(tmp_path / "d.jsonl", DOCCANO)
    (tmp_path / "README.md").write_text("# notes")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".cache" / "x.txt").write_text("Hidden\nbody")
    articles, errors = read(tmp_path)
    assert errors == []
    assert [a.where.rsplit("/", 1)[1] for a in articles] == [
        "a.txt",
        "b.jsonl:1",
        "c.jsonl:1",
        "d.jsonl:1",
        "page.html",
    ]
    assert articles[1].annotations is None
    assert articles[2].annotations.spans[0].label == "GPE" and articles[3].annotations.spans[0].label == "GPE"


def test_folder_with_no_readable_files(tmp_path, read):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "notes.md").write_text("# notes")
    articles, errors = read(tmp_path)
    assert articles == []
    assert "empty" in errors[0].reason
    assert errors[-1].location.path == str(tmp_path) and "no readable article files" in errors[-1].reason


def test_empty_folder(tmp_path, read):
    articles, [error] = read(tmp_path)
    assert articles == [] and "no readable" in error.reason


def test_named_format_walks_a_folder_for_its_suffixes(tmp_path, read):
    _jsonl(tmp_path / "a.jsonl", PRODIGY)
    _jsonl(tmp_path / "b.json", PRODIGY)
    (tmp_path / "c.txt").write_text("Not for prodigy")
    articles, errors = read(tmp_path, fmt="prodigy")
    assert errors == [] and len(articles) == 2
    assert all(a.annotations.spans for a in articles)


def test_named_format_overrides_detection(tmp_path, read):
    path = _jsonl(tmp_path / "tasks.jsonl", PRODIGY)
    [article], errors = read(path, fmt="jsonl")
    assert errors == [] and article.annotations is None and article.meta["spans"] == PRODIGY["spans"]


def test_prodigy_file_whose_first_line_is_malformed(tmp_path, read):
    path = _jsonl(
        tmp_path / "tasks.jsonl", "{not json", PRODIGY, {"text": "x", "spans": [{"start": 0, "end": 9, "label": "GPE"}]}
    )
    articles, errors = read(path)
    assert len(articles) == 2 and articles[0].annotations.spans[0].label == "GPE"
    assert [(e.location.path, e.location.line) for e in errors] == [(str(path), 1), (str(path), 3)]
    assert "outside the text" in errors[1].reason


def test_fifty_megabyte_file_is_reported_and_the_next_file_is_read(tmp_path, read):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.seek(50 * MB)
        file.write(b"end\n")
    good = tmp_path / "good.txt"
    good.write_text("Good\nbody")
    [article], [error] = read(huge, good)
    assert article.title == "Good"
    assert "50.0 MB" in error.reason and "limit" in error.reason


def test_max_bytes_option_applies_to_every_file_and_does_not_leak(tmp_path, read):
    big = tmp_path / "big.txt"
    big.write_text("Title\n" + "x" * 300)
    small = tmp_path / "small.txt"
    small.write_text("Small\nbody")
    items = read_sources([big, small], max_bytes=100)
    first = next(items)
    assert max_bytes() == DEFAULT_MAX_BYTES
    rest = list(items)
    assert isinstance(first, InputError) and "limit" in first.reason
    assert [a.title for a in rest] == ["Small"]
    assert read(big)[0][0].title == "Title"


def test_jsonl_cap_is_per_line(tmp_path, read):
    path = _jsonl(tmp_path / "a.jsonl", *([PLAIN] * 200))
    assert path.stat().st_size > 2000
    articles, errors = read(path, max_bytes=200)
    assert errors == [] and len(articles) == 200


def test_binary_file_named_directly(tmp_path, read):
    path = tmp_path / "archive.bin"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 8)
    articles, [error] = read(path)
    assert articles == [] and "binary" in error.reason


def test_a_crashing_reader_costs_its_file_not_the_import(tmp_path, read, monkeypatch):
    def boom(path):
        yield from ()
        raise ValueError("reader bug")

    real_reader = Format.reader
    monkeypatch.setattr(Format, "reader", lambda self: boom if self.name == "html" else real_reader(self))
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "b.txt").write_text("Fine\nbody")
    articles, [error] = read(tmp_path)
    assert [a.title for a in articles] == ["Fine"]
    assert "reader bug" in error.reason and error.location.path.endswith("a.html")


def test_re3d_documents_json_by_detection(samples_dir, read):
    articles, errors = read(samples_dir / "re3d" / "centcom" / "documents.json")
    assert errors == [] and len(articles) == 23
    assert {a.source for a in articles} == {"CENTCOM"}


def test_seed_folder_imports_as_one_article(samples_dir, read):
    articles, errors = read(samples_dir / "seed")
    assert errors == []
    [article] = articles
    assert article.text.startswith("Ukraine and Russia agree to exchange 1,000 POWs")
    assert FORMATS["brat"].available()
    assert article.where.endswith("ukraine-russia-pow-exchange.ann")
    assert article.annotations.spans and article.annotations.quotes


def test_seed_folder_without_the_brat_reader_imports_the_text_alone(samples_dir, read, monkeypatch):
    """A build that leaves the brat reader out (its module missing) still imports the
    folder's .txt, without annotations, instead of failing on the .ann."""
    missing = dataclasses.replace(FORMATS["brat"], reader_path="annotator.ingest.no_such_reader:read_brat")
    monkeypatch.setitem(FORMATS, "brat", missing)
    assert not FORMATS["brat"].available()
    articles, errors = read(samples_dir / "seed")
    assert errors == []
    [article] = articles
    assert article.text.startswith("Ukraine and Russia agree to exchange 1,000 POWs")
    assert article.where.endswith("ukraine-russia-pow-exchange.txt")
    assert article.annotations is None


def test_seed_folder_as_txt(samples_dir, read):
    [article], errors = read(samples_dir / "seed", fmt="txt")
    assert errors == [] and article.annotations is None
    assert article.title.startswith("Ukraine and Russia agree")
