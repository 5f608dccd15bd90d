from __future__ import annotations

import json

from annotator.ingest.jsonl import read_jsonl


def _write(path, lines):
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    return path


def test_plain_jsonl_fields_and_meta(tmp_path, split):
    path = _write(
        tmp_path / "a.jsonl",
        [
            {
                "text": "Shelling hit Kharkiv.",
                "title": "Kharkiv",
                "url": "https://x.example/1",
                "source": "Wire",
                "published": "2025-05-01",
                "meta": {"desk": "world"},
                "lang": "en",
            },
            {"text": "Talks resumed.", "date": "2025-05-02", "meta": {"title": "Talks", "author": "A. Writer"}},
        ],
    )
    (first, second), errors = split(read_jsonl(path))
    assert errors == []
    assert (first.text, first.title, first.url, first.source, first.published) == (
        "Shelling hit Kharkiv.",
        "Kharkiv",
        "https://x.example/1",
        "Wire",
        "2025-05-01",
    )
    assert first.meta == {"desk": "world", "lang": "en"}
    assert first.where == f"{path}:1" and first.annotations is None
    assert (second.title, second.author, second.published) == ("Talks", "A. Writer", "2025-05-02")


def test_malformed_lines_are_reported_with_line_numbers_and_good_lines_import(tmp_path, split):
    path = _write(
        tmp_path / "mixed.jsonl",
        [
            {"text": "First good article."},
            '{"text": "broken',
            "[1, 2, 3]",
            "",
            {"title": "no text here"},
            {"text": "   "},
            {"text": 42},
            {"text": "Second good article."},
        ],
    )
    articles, errors = split(read_jsonl(path))
    assert [a.text for a in articles] == ["First good article.", "Second good article."]
    assert [a.where for a in articles] == [f"{path}:1", f"{path}:8"]
    assert [e.location.line for e in errors] == [2, 3, 5, 6, 7]
    assert all(e.location.path == str(path) for e in errors)
    assert "malformed JSON" in str(errors[0]) and f"{path}:2" in str(errors[0])


def test_undecodable_line_is_reported_alone(tmp_path, split):
    path = tmp_path / "a.jsonl"
    good = b'{"text": "A long enough article about the talks in Istanbul and what followed."}\n'
    path.write_bytes(good * 30 + b'{"text": "\x00\x01"}\n{"text": "caf\xe9 Z\xfcrich"}\n')
    articles, errors = split(read_jsonl(path))
    assert len(articles) == 31 and articles[-1].text == "café Zürich"
    assert [e.location.line for e in errors] == [31]


def test_json_array_of_articles(tmp_path, split):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "One."}, "oops", {"text": "Two.", "title": "T"}]))
    articles, errors = split(read_jsonl(path))
    assert [a.text for a in articles] == ["One.", "Two."]
    assert articles[1].where == f"{path} item 3"
    assert len(errors) == 1 and "item 2" in str(errors[0])


def test_re3d_documents_json(samples_dir, split):
    path = samples_dir / "re3d" / "centcom" / "documents.json"
    articles, errors = split(read_jsonl(path))
    assert errors == []
    assert len(articles) == 23
    first = articles[0]
    assert first.title == "CENTCOM reinforces support for Syrian Arab Coalition"
    assert first.source == "CENTCOM"
    assert first.url.startswith("http://www.centcom.mil/MEDIA/PRESS-RELEASES/")
    assert first.meta["_id"] == "001C9C3F3DFE16B4921B1E906F66E161"
    assert first.text.startswith("Photographs of U.S. service members in Syria")
    assert len({a.meta["_id"] for a in articles}) == 23
