"""Drive the real app into one state for a screenshot (run under scripts/screenshot.sh).

    scripts/screenshot.sh docs/screenshots/event.png 6 .venv/bin/python scripts/make_screenshots.py DB event
States: seed, event, quotes, list, dark, coding (the event whose trigger is $SCREENSHOT_TRIGGER,
default "agreed", with its date, claims and checks).
"""
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from annotator.ui.app import application, build_window

db, state = Path(sys.argv[1]), sys.argv[2]
os.environ.setdefault("ANNOTATOR_NO_DIALOGS", "1")
if state == "dark":
    os.environ["ANNOTATOR_THEME"] = "dark"
app = application()
window = build_window(db, ask=False)
window.resize(1400, 870)
window.move(0, 0)
window.show()


def setup() -> None:
    g, view = window.gestures, window.view
    spans = view.index.spans
    if state in ("event", "dark"):
        trigger = next(s for s in spans if s.layer == "trigger" and g.session.event_of(s) and g.session.event_of(s).arguments)
        g.select(trigger)
        window.panels.setCurrentIndex(2)
    elif state == "quotes":
        quote = next(s for s in spans if s.layer == "quote" and g.session.quote_of(s) and g.session.quote_of(s).speaker)
        g.select(quote)
        window.panels.setCurrentIndex(1)
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


QTimer.singleShot(800, setup)
sys.exit(app.exec())
