"""Issue 9.7: `stats` and `export` work on a project file that cannot be written: a
read-only folder or mount (no `-shm` can be made), an immutable file, side files present
or absent. Root writes through permission bits, so these use a read-only bind mount or
`chattr +i` and skip with the reason where the machine allows neither."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.errors import ProjectError
from annotator.core.model import Annotations, Article, ArticleStatus, Span
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles
from annotator.store.database import open_database

TEXT = "Russian forces shelled Kharkiv on Monday, officials in Kyiv said."


def make_project(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "p.db"
    with Project.open(path) as project:
        article = insert_articles(project.db, [Article(article_uid(TEXT), TEXT, "t")]).inserted[article_uid(TEXT)]
        sets.store_suggestions(project.db, "m", [(article, Annotations((Span(23, 30, "GPE"),)))])
        session = AnnotationSession(project, "alice")
        session.open(article)
        session.accept(session.annotations.spans[0])
        session.set_status(ArticleStatus.DONE)
    assert sorted(os.listdir(folder)) == ["p.db"], "a clean close folds the WAL back"
    return path


def cli(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def stats_and_export_work(path: Path, out: Path) -> None:
    stats = cli("stats", path, "--json")
    assert stats.exit_code == 0, stats.output
    assert '"articles": 1' in stats.stdout
    exported = cli("export", path, out, "--format", "jsonl", "--annotator", "alice")
    assert exported.exit_code == 0, exported.output
    assert "Kharkiv" in out.read_text(encoding="utf-8")


def test_a_read_only_folder_without_side_files(tmp_path: Path, read_only_view) -> None:
    path = make_project(tmp_path / "project")
    view = read_only_view(path.parent)
    stats_and_export_work(view / "p.db", tmp_path / "out.jsonl")
    assert os.listdir(path.parent) == ["p.db"]


def test_a_read_only_folder_with_the_wal_and_shm_of_a_live_writer(tmp_path: Path, read_only_view) -> None:
    path = make_project(tmp_path / "project")
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE articles SET title = 'only in the WAL'")
    writer.commit()
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("p.db", "p.db-wal", "p.db-shm"):
        shutil.copy2(path.parent / name, copy / name)
    writer.close()
    view = read_only_view(copy)
    with Project.open(view / "p.db", create=False, readonly=True) as project:
        assert project.article(project.article_ids()[0]).title == "only in the WAL"
    stats_and_export_work(view / "p.db", tmp_path / "out.jsonl")


def test_unfolded_commits_that_cannot_be_read_are_refused_clearly(tmp_path: Path, read_only_view) -> None:
    path = make_project(tmp_path / "project")
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE articles SET title = 'only in the WAL'")
    writer.commit()
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("p.db", "p.db-wal"):
        shutil.copy2(path.parent / name, copy / name)
    writer.close()
    view = read_only_view(copy)
    with pytest.raises(ProjectError, match="latest changes are still in p.db-wal"):
        open_database(view / "p.db", readonly=True)
    result = cli("stats", view / "p.db")
    assert result.exit_code == 1
    assert "copy p.db and p.db-wal together" in result.stderr
    assert "Traceback" not in result.output


def test_an_immutable_file_in_a_writable_folder(tmp_path: Path) -> None:
    path = make_project(tmp_path / "project")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available on this file system")
    try:
        with pytest.raises(ProjectError, match="read-only"):
            open_database(path)
        stats_and_export_work(path, tmp_path / "out.jsonl")
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_path_with_uri_characters_opens_read_only(tmp_path: Path) -> None:
    path = make_project(tmp_path / "odd ?name#%")
    stats_and_export_work(path, tmp_path / "out.jsonl")
