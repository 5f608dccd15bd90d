from pathlib import Path

import pytest

from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store.articles import insert_articles


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with Project.open(tmp_path / "project.db") as opened:
        yield opened


@pytest.fixture
def article_id(project: Project, request: pytest.FixtureRequest) -> int:
    """The test module's TEXT, stored as one article."""
    text = request.module.TEXT
    return insert_articles(project.db, [Article(article_uid(text), text, "fixture")]).inserted[article_uid(text)]


@pytest.fixture
def session(project: Project, article_id: int) -> AnnotationSession:
    opened = AnnotationSession(project, "alice")
    opened.open(article_id)
    return opened
