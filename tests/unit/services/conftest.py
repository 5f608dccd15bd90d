from pathlib import Path

import pytest

from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store.articles import insert_articles

TEXT = (
    "Russian forces shelled Kharkiv on Monday, killing 3 civilians.\n\n"
    "“We are ready to continue contacts,” Vladimir Medinsky said in Istanbul."
)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with Project.open(tmp_path / "project.db") as opened:
        yield opened


@pytest.fixture
def article_id(project: Project) -> int:
    return insert_articles(project.db, [Article(article_uid(TEXT), TEXT, "Kharkiv")]).inserted[article_uid(TEXT)]


@pytest.fixture
def session(project: Project, article_id: int) -> AnnotationSession:
    opened = AnnotationSession(project, "alice")
    opened.open(article_id)
    return opened


def offsets(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def locate():
    """Offsets of a phrase in the fixture article."""
    return lambda word: offsets(TEXT, word)
