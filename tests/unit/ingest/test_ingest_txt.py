from __future__ import annotations

from annotator.ingest.txt import read_txt


def test_title_is_first_non_empty_line_and_text_is_whole_file(tmp_path, split):
    path = tmp_path / "story.txt"
    path.write_text("\n\n  Ceasefire agreed in the east  \n\nTalks in Istanbul ended on Friday.\n")
    [article], errors = split(read_txt(path))
    assert errors == []
    assert article.title == "Ceasefire agreed in the east"
    assert article.text == path.read_text()
    assert article.where == str(path)


def test_folder_is_walked_recursively_sorted_without_hidden_files(tmp_path, split):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\nbody")
    (tmp_path / "a.txt").write_text("One\nbody")
    (tmp_path / "c.TXT").write_text("Three\nbody")
    (tmp_path / ".hidden.txt").write_text("Hidden\nbody")
    (tmp_path / ".git" / "note.txt").write_text("Git\nbody")
    (tmp_path / "notes.md").write_text("Markdown")
    articles, errors = split(read_txt(tmp_path))
    assert errors == []
    assert [a.title for a in articles] == ["One", "Two", "Three"]


def test_bad_files_in_a_folder_are_reported_and_the_rest_imports(tmp_path, split):
    (tmp_path / "good.txt").write_text("Good\nbody")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n")
    articles, errors = split(read_txt(tmp_path))
    assert [a.title for a in articles] == ["Good"]
    assert sorted(e.location.path.rsplit("/", 1)[1] for e in errors) == ["blank.txt", "empty.txt"]


def test_folder_with_no_readable_files(tmp_path, split):
    (tmp_path / "image.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    articles, errors = split(read_txt(tmp_path))
    assert articles == []
    assert "binary" in str(errors[0])
    assert errors[-1].location.path == str(tmp_path) and "no readable" in str(errors[-1])
