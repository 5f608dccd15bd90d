from __future__ import annotations

import codecs
import time
import tracemalloc

import pytest

from annotator.core.errors import InputError
from annotator.ingest.decode import MB, decode_bytes, iter_lines, read_text, size_limit

GERMAN_FRENCH = "Ein Café in Zürich: Grüße aus Köln, très animé.\nÄrger über Öl.\n"


def test_utf8_is_read_as_is(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Kyiv — “quoted” 🙂\r\nline two", encoding="utf-8", newline="")
    assert read_text(path).text == "Kyiv — “quoted” 🙂\r\nline two"


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Zürich".encode())
    assert read_text(path).text == "Zürich"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
    path.write_bytes(bom + GERMAN_FRENCH.encode(encoding))
    assert read_text(path).text == GERMAN_FRENCH


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_file_is_decoded_correctly(tmp_path, encoding):
    path = tmp_path / "legacy.txt"
    path.write_bytes(GERMAN_FRENCH.encode(encoding))
    assert read_text(path).text == GERMAN_FRENCH


def test_short_latin1_words(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("café Zürich\n".encode("latin-1"))
    assert read_text(path).text == "café Zürich\n"


def test_cyrillic_legacy_encoding_is_detected(tmp_path):
    text = "Сегодня в Киеве прошли переговоры о прекращении огня между сторонами конфликта."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    assert read_text(path).text == text


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary") as caught:
        read_text(path)
    assert caught.value.location.path == str(path)


def test_control_characters_without_nul_are_binary(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 100)
    with pytest.raises(InputError, match="binary|encoding"):
        read_text(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_text(path)


def test_fifty_megabyte_file_is_refused_quickly_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        line = b"Shelling was reported overnight near the front line, officials said.\n"
        for _ in range(50 * MB // len(line) + 1):
            file.write(line)
    assert path.stat().st_size > 50 * MB
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            read_text(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 1 * MB
    message = str(caught.value)
    assert str(path) in message and "50.0 MB" in message and "20 MB limit" in message


def test_size_limit_is_configurable(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x" * 2000)
    with size_limit(1000), pytest.raises(InputError, match="limit"):
        read_text(path)
    assert len(read_text(path).text) == 2000


def test_decode_bytes_names_the_line():
    with pytest.raises(InputError) as caught:
        decode_bytes(b"abc\x00def", "f.jsonl", 7)
    assert str(caught.value.location) == "f.jsonl:7"


def test_iter_lines_numbers_lines_and_skips_blank_ones(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"one\r\n\n  \ntwo\n" + "drei \xfcber".encode("latin-1") + b"\n")
    assert list(iter_lines(path)) == [(1, "one"), (4, "two"), (5, "drei über")]


def test_iter_lines_cap_applies_per_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("short\n" * 50 + "x" * 5000 + "\n" + "after\n")
    with size_limit(1000):
        items = list(iter_lines(path))
    errors = [item for item in items if isinstance(item, InputError)]
    assert len(items) == 52
    assert [e.location.line for e in errors] == [51]
    assert items[-1] == (52, "after")


def test_iter_lines_utf16(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes("één\ntwee\n".encode("utf-16"))
    assert list(iter_lines(path)) == [(1, "één"), (2, "twee")]


def test_iter_lines_binary_and_empty(tmp_path):
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b"")
    [binary_error] = list(iter_lines(binary))
    [empty_error] = list(iter_lines(empty))
    assert "binary" in str(binary_error) and "empty" in str(empty_error)


# Issue 9.4: a bad byte in a UTF-8 file is reported, never guessed into mojibake --------------


def test_one_bad_byte_in_a_utf8_file_is_replaced_and_reported_with_line_and_offset(tmp_path):
    path = tmp_path / "zurich.txt"
    path.write_bytes("Talks in Zürich\nand Genève \xff ended.\n".encode().replace(b"\xc3\xbf", b"\xff"))
    decoded = read_text(path)
    assert decoded.text == "Talks in Zürich\nand Genève \ufffd ended.\n"
    [problem] = decoded.problems
    assert (
        problem.location.line == 2
        and "byte 29" in str(problem)
        and "0xFF" in str(problem)
        and str(path) in str(problem)
    )


def test_a_whole_file_in_another_encoding_is_still_decoded_as_that_encoding(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Zürich, Genève et Besançon.".encode("cp1252"))
    decoded = read_text(path)
    assert decoded.text == "Zürich, Genève et Besançon." and decoded.problems == []


def test_a_bad_byte_on_a_jsonl_line_is_reported_with_the_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "Z\xc3\xbcrich"}\n{"text": "Z\xc3\xbcrich \xfc again"}\n')
    items = list(iter_lines(path))
    errors = [i for i in items if isinstance(i, InputError)]
    lines = [i for i in items if not isinstance(i, InputError)]
    assert lines == [(1, '{"text": "Zürich"}'), (2, '{"text": "Zürich \ufffd again"}')]
    assert len(errors) == 1 and errors[0].location.line == 2 and "byte 18 of the line" in str(errors[0])


def test_the_import_stores_no_mojibake_and_reports_the_byte(tmp_path):
    from annotator.services.importing import import_sources
    from annotator.services.project import Project

    path = tmp_path / "zurich.txt"
    path.write_bytes("Talks in Zürich ended \xff today.".encode().replace(b"\xc3\xbf", b"\xff"))
    with Project.open(tmp_path / "p.db") as project:
        report = import_sources(project, [path])
        [text] = [r[0] for r in project.db.execute("SELECT text FROM articles")]
    assert "Zürich" in text and "Ă" not in text
    assert report.imported == 1 and any("not valid UTF-8" in p and ":1" in p for p in report.problems)
