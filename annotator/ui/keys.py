"""Which key does what in the article view (the cheat sheet lists the same keys).

Label keys add or relabel entities (on an argument: its role); A accept; X reject; Space
accept and next; Tab / Shift+Tab next / previous suggestion; O the next span on the same
words; Shift+Left/Right move the span's end by a token, Ctrl+Shift+Left/Right its start;
Delete remove; Q quote, then S speaker / C cue; E event, then a type key, then role keys;
F2 the selected event or quote in its panel; Enter done and next; Shift+Enter skip and
next; Ctrl+Z / Ctrl+Shift+Z undo / redo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from annotator.ui.gestures import Gestures

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def handle_key(g: Gestures, event: QKeyEvent) -> bool:
    """Run the gesture for one key press. RETURNS False for keys the view keeps."""
    key, mods = event.key(), event.modifiers()
    text = event.text().lower()
    if mods & CTRL:
        return _ctrl(g, key, mods)
    if key == Qt.Key.Key_Escape:
        g.set_mode("")
        g.view.clear_text_selection()
        g.select(None)
        return True
    if mods & SHIFT and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
        if g.selected is None or g.view.textCursor().hasSelection():
            return False  # extend the text selection as usual
        g.resize("end", 1 if key == Qt.Key.Key_Right else -1)
        return True
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        g.move(backwards=key == Qt.Key.Key_Backtab or bool(mods & SHIFT))
        return True
    if _in_mode(g, text):
        return True
    actions = {
        "a": g.accept,
        "x": g.reject,
        "q": g.make_quote,
        "e": g.start_event,
        "o": g.cycle,
    }
    if key in ENTER:
        g.skip_and_next() if mods & SHIFT else g.done_and_next()
    elif key == Qt.Key.Key_Space:
        g.accept_and_next()
    elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        g.remove()
    elif key == Qt.Key.Key_F2:
        g.editRequested.emit()
    elif text in actions:
        actions[text]()
    elif text and (text in g.entity_keys or text in g.role_keys):
        g.label_key(text)
    else:
        return False
    return True


def _ctrl(g: Gestures, key: int, mods: Qt.KeyboardModifier) -> bool:
    if key == Qt.Key.Key_Z:
        g.redo() if mods & SHIFT else g.undo()
    elif key == Qt.Key.Key_Y:
        g.redo()
    elif key == Qt.Key.Key_A and mods & SHIFT:
        g.accept_all()
    elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods & SHIFT and g.selected:
        g.resize("start", 1 if key == Qt.Key.Key_Left else -1)
    else:
        return False
    return True


def _in_mode(g: Gestures, text: str) -> bool:
    """Keys that mean something else inside a mode (type keys, role keys, S and C)."""
    if g.mode == "event-type" and text in g.event_keys:
        g.event_type(g.event_keys[text])
    elif g.mode == "role" and text in g.role_keys:
        allowed = g.allowed_role_keys()
        if text in allowed:
            g.add_role(allowed[text])
        else:
            g.message.emit(
                f"{g.role_keys[text]} does not fit this event; roles: "
                + ", ".join(f"{k} {v}" for k, v in allowed.items())
            )
    elif g.mode == "quote" and text in ("s", "c"):
        g.link_part("speaker" if text == "s" else "cue")
    else:
        return False
    return True
