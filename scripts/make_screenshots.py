"""Drive the real app into one state for a screenshot (run under scripts/screenshot.sh).

    scripts/screenshot.sh docs/screenshots/event.png 6 .venv/bin/python scripts/make_screenshots.py DB event [TITLE]

States: seed (a few suggestions accepted), event (an event selected, its editor open),
quotes (a quote selected), tags (label tags on every span), done (Enter with suggestions
left: the question), list (the article list), coding (the event whose trigger is
$SCREENSHOT_TRIGGER, default "agreed", with its date, claims and checks), dark (event, in
the dark theme). TITLE (a title's first words) picks the article; default: the first. Set
ANNOTATOR_THEME=dark for the dark theme and QT_SCALE_FACTOR=2 for 200% scaling.
`scripts/screenshots.sh` takes the README's set.
"""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from annotator.ui.app import application, build_window

db, state = Path(sys.argv[1]), sys.argv[2]
title = sys.argv[3] if len(sys.argv) > 3 else ""
if state != "done":
    os.environ.setdefault("ANNOTATOR_NO_DIALOGS", "1")
if state == "dark":
    os.environ["ANNOTATOR_THEME"] = "dark"
    state = "event"
app = application()
window = build_window(db, ask=False)
screen = app.primaryScreen().availableGeometry()
window.resize(min(1400, screen.width()), min(900, screen.height()))
window.move(0, 0)
window.show()


def pick_article() -> None:
    if not title:
        return
    model = window.list_model
    for row in range(model.rowCount()):
        if str(model.index(row, 0).data()).startswith(title):
            window.open_article(model.article_id(row))
            return
    raise SystemExit(f"no article titled {title!r}")


def setup() -> None:
    pick_article()
    g, view = window.gestures, window.view
    spans = view.index.spans
    if state == "event":
        trigger = next(
            s
            for s in spans
            if s.layer == "trigger"
            and s.status != "rejected"
            and g.session.event_of(s)
            and g.session.event_of(s).arguments
        )
        g.select(trigger)
        window.panels.setCurrentIndex(2)
    elif state == "quotes":
        quote = next(s for s in spans if s.layer == "quote" and g.session.quote_of(s) and g.session.quote_of(s).speaker)
        g.select(quote)
        window.panels.setCurrentIndex(1)
    elif state == "tags":
        window.tags_action.setChecked(True)
        window.set_tags(True)
        g.move()
    elif state == "coding":
        wanted = os.environ.get("SCREENSHOT_TRIGGER", "agreed")
        trigger = next(s for s in spans if s.layer == "trigger" and s.text_in(view.text) == wanted)
        g.select(trigger)
        view.centre_on(trigger) if hasattr(view, "centre_on") else None
        window.panels.setCurrentIndex(2)
    elif state == "seed":
        g.move()
        g.accept_and_next()
        g.accept_and_next()
        g.reject()
        g.move()
    elif state == "list":
        window.list_panel.search.setFocus()
    elif state == "done":
        QTimer.singleShot(0, lambda: (g.done_and_next(), g.done_and_next()))  # codebook warnings, then the question


QTimer.singleShot(800, setup)
sys.exit(app.exec())
