from __future__ import annotations

from dataclasses import replace

import srsly

from annotator.core.errors import InputError
from annotator.core.model import IncomingArticle
from annotator.export import jsonl_ours, write_export
from annotator.export.report import ExportOptions, ExportReport
from annotator.ingest.ours import read_ours


def _write(items, path, scheme):
    jsonl_ours.write(items, path, ExportOptions(scheme), ExportReport("jsonl"))


def test_round_trip_keeps_every_annotation_and_field(tmp_path, scheme, rich_article, seed_article):
    items = [rich_article, seed_article]
    path = tmp_path / "set.jsonl"
    _write(items, path, scheme)
    read = list(read_ours(path))
    assert all(isinstance(r, IncomingArticle) for r in read), read
    for item, back in zip(items, read):
        assert back.annotations == item.annotations.without_ids()
        assert back.text == item.article.text
        assert (back.title, back.source, back.url, back.author, back.published) == (
            item.article.title,
            item.article.source,
            item.article.url,
            item.article.author,
            item.article.published,
        )
        assert back.meta == item.article.meta
        assert (back.annotator, back.status) == (item.annotator, item.status)
        assert back.where == f"{path}:{read.index(back) + 1}"


def test_round_trip_is_identical_file(tmp_path, scheme, rich_article):
    item = rich_article
    first = tmp_path / "a.jsonl"
    _write([item], first, scheme)
    back = next(read_ours(first))
    rebuilt = replace(item, annotations=back.annotations)
    second = tmp_path / "b.jsonl"
    _write([rebuilt], second, scheme)
    assert first.read_bytes() == second.read_bytes()


def test_line_carries_tokens_and_references(tmp_path, scheme, rich_article):
    item = rich_article
    path = tmp_path / "a.jsonl"
    _write([item], path, scheme)
    (line,) = list(srsly.read_jsonl(path))
    assert line["format"] == "annotator/1"
    assert line["tokens"] == [list(t) for t in item.tokens.tokens]
    assert line["sentence_starts"] == list(item.tokens.sentence_starts)
    quote = line["quotes"][0]
    assert line["spans"][quote["speaker"]]["label"] == "SPEAKER"
    assert [line["spans"][a["span"]]["label"] for a in line["events"][0]["arguments"]] == [
        "ARMED_GROUP",
        "GPE",
        "DATE",
        "FATALITIES",
    ]
    assert line["events"][1]["negated"] is True
    assert line["updated_at"] == item.updated_at and line["imported_at"] == item.article.imported_at


def test_export_writes_decisions_only(tmp_path, scheme, rich_article):
    path = tmp_path / "a.jsonl"
    report = write_export([rich_article], path, "jsonl", scheme)
    (line,) = list(srsly.read_jsonl(path))
    assert "rejected" not in {s["status"] for s in line["spans"]}
    assert report.spans["entity"] == len([s for s in line["spans"] if s["layer"] == "entity"])


def test_malformed_lines_yield_errors_and_reading_goes_on(tmp_path, scheme, rich_article):
    path = tmp_path / "a.jsonl"
    _write([rich_article], path, scheme)
    good = path.read_bytes()
    bad_reference = srsly.json_loads(good)
    bad_reference["quotes"][0]["speaker"] = 99
    path.write_bytes(
        b"{not json\n"
        + good
        + srsly.json_dumps({"format": "other/1", "text": "x"}).encode()
        + b"\n"
        + srsly.json_dumps(bad_reference).encode()
        + b"\n\xff\xfe\n"
        + good
    )
    read = list(read_ours(path))
    assert [type(r).__name__ for r in read] == [
        "InputError",
        "IncomingArticle",
        "InputError",
        "InputError",
        "InputError",
        "IncomingArticle",
    ]
    assert [r.location.line for r in read if isinstance(r, InputError)] == [1, 3, 4, 5]
    assert all(str(path) in str(r) for r in read if isinstance(r, InputError))
