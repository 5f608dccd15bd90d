"""Issues 9.5 and 9.9 at the command line: a bad export target is one clear line and exit
code 1, never a traceback, and never a changed device or folder."""

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.model import Article, ArticleStatus
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store.articles import insert_articles

TEXT = "Russian forces shelled Kharkiv on Monday — officials in Kyiv said."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Project.open(path) as opened:
        article = insert_articles(opened.db, [Article(article_uid(TEXT), TEXT, "t")]).inserted[article_uid(TEXT)]
        session = AnnotationSession(opened, "alice")
        session.open(article)
        session.add_span(23, 30, "GPE")
        session.set_status(ArticleStatus.DONE)
    return path


def export(project: Path, out: Path | str, fmt: str):
    return CliRunner().invoke(app, ["export", str(project), str(out), "--format", fmt, "--annotator", "alice"])


@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "brat"])
def test_devices_are_refused(project: Path, fmt: str) -> None:
    for device in ("/dev/null", "/dev/full"):
        result = export(project, device, fmt)
        assert result.exit_code == 1
        assert "device or special file" in result.stderr
        assert "Traceback" not in result.output
        assert stat.S_ISCHR(os.stat(device).st_mode)


def test_wrong_kinds_of_path(project: Path, tmp_path: Path) -> None:
    result = export(project, tmp_path, "jsonl")
    assert result.exit_code == 1 and "is a folder, but a jsonl export writes one file" in result.stderr
    result = export(project, project, "brat")
    assert result.exit_code == 1 and "is a file, but a brat export writes a folder" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "spacy"])
def test_a_read_only_folder(project: Path, tmp_path: Path, read_only_view, fmt: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    view = read_only_view(folder)
    result = export(project, view / "out", fmt)
    assert result.exit_code == 1
    assert f"{view / 'out'}: " in result.stderr
    assert "read-only" in result.stderr or "permission denied" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_a_full_disk(project: Path, small_disk: Path, fmt: str) -> None:
    free = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"x" * (free.f_bavail * free.f_frsize))
    result = export(project, small_disk / "out", fmt)
    assert result.exit_code == 1
    assert "the disk is full; free some space and try again" in result.stderr
    assert "Traceback" not in result.output
    assert os.listdir(small_disk) == ["filler"]
