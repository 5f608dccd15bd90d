"""A demo project for the actor, incident and blur features, and the window on it.

    .venv/bin/python scripts/actors_demo.py DB [dictionary|incidents|blur]

Builds DB (when missing) from the hand-made incident corpus of the tests (three reports of
one air strike in Hajin, one strike in Mosul, one battle) plus an article with a graphic
passage, loads the bundled actor dictionary, links a few spans, proposes incidents, then
opens the app on DB with the view named. Used for docs/screenshots (scripts/screenshot.sh).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.services.incident_corpus import STORIES, Story, build  # noqa: E402

GRAPHIC = Story(
    "Survivors describe the market strike",
    "Local radio",
    "2024-03-05",
    "Survivors returned to the market in Hajin on Tuesday to search for relatives.\n\n"
    "One trader said the bodies of children were mutilated and lay in pools of blood beside the stalls, "
    "and that rescuers found body parts under the collapsed roof.\n\n"
    "The Global Coalition said it was reviewing the strike, and Daesh fighters were seen leaving the town.",
    "strike",
    "EXPLOSION_REMOTE",
    (("LOCATION", "Hajin"), ("ACTOR", "Global Coalition")),
    (("Hajin", "GPE"), ("Global Coalition", "ORG"), ("Daesh fighters", "ARMED_GROUP")),
)


def make(db: Path) -> None:
    from annotator.services import actors, incidents
    from annotator.services.project import Project
    from annotator.services.session import AnnotationSession

    with Project.open(db) as project:
        ids = build(project, "alice", (*STORIES, GRAPHIC))
        actors.load_seed(project)
        session = AnnotationSession(project, "alice")
        session.open(ids[GRAPHIC.title])
        for span in list(session.annotations.spans):
            text = span.text_in(session.text)
            match = actors.matcher(project).match(text)
            if match is not None and span.label in ("ORG", "ARMED_GROUP"):
                session.link_actor(session.span(span.id), match.actor_id)  # type: ignore[arg-type]
        incidents.propose_incidents(project, "alice")


def main() -> int:
    db, view = Path(sys.argv[1]), (sys.argv[2] if len(sys.argv) > 2 else "")
    if not db.exists():
        make(db)
    os.environ.setdefault("ANNOTATOR_NAME", "alice")
    from PySide6.QtCore import QTimer

    from annotator.ui.app import application, build_window

    app = application()
    window = build_window(db, ask=False)
    window.show()
    tools = window.actor_tools
    if view == "dictionary":

        def dictionary() -> None:
            dialog = tools.show_dictionary()
            dialog.filter.setText("isl")
            dialog.select_actor(next(a.id for a in dialog.actors if a.name == "Islamic State"))

        QTimer.singleShot(300, dictionary)
    elif view == "incidents":
        QTimer.singleShot(300, tools.show_incidents)
    elif view == "blur":
        from annotator.store.articles import all_article_ids

        QTimer.singleShot(300, lambda: window.open_article(all_article_ids(window.project.db)[-1]))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
