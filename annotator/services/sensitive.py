"""Sensitive passages for the app: which sentences to blur, and each annotator's choice.

The blur setting belongs to the annotator and lives in the project file (`project` table,
key ``blur_sensitive:<name>``), so it follows the person to any machine that opens the
project; it is on until they turn it off.
"""

from __future__ import annotations

from annotator.core.model import AnnotatedArticle
from annotator.core.sensitive import Passage, sensitive_passages
from annotator.services.project import Project

SETTING = "blur_sensitive:{annotator}"


def passages(project: Project, article_id: int, opened: AnnotatedArticle | None = None) -> list[Passage]:
    """The article's sentences with graphic detail (bundled lexicon). `opened`: the
    article as a session already read it, so it is not read again."""
    if opened is not None and opened.article.id == article_id:
        return sensitive_passages(opened.article.text, opened.tokens)
    return sensitive_passages(project.article(article_id).text, project.tokens(article_id))


def blur_enabled(project: Project, annotator: str) -> bool:
    """Whether this annotator wants sensitive passages blurred (default: yes)."""
    row = project.db.execute(
        "SELECT value FROM project WHERE key = ?", [SETTING.format(annotator=annotator)]
    ).fetchone()
    return row is None or row[0] != "0"


def set_blur(project: Project, annotator: str, enabled: bool) -> None:
    """Save this annotator's blur choice (one transaction)."""
    with project.db.atomic():
        project.db.execute(
            "INSERT OR REPLACE INTO project (key, value) VALUES (?, ?)",
            [SETTING.format(annotator=annotator), "1" if enabled else "0"],
        )
