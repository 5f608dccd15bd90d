"""The keyboard cheat sheet (F1 or ?), built from the project's label scheme."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

from annotator.core.scheme import LabelScheme

GESTURES = [
    ("select text + label key", "add an entity span (snapped to words)"),
    ("click a span / Tab / Shift+Tab", "select it / next / previous suggestion"),
    ("A / X", "accept / reject the selected span"),
    ("Space", "accept and go to the next suggestion"),
    ("label key on a span", "relabel it"),
    ("Shift+Right / Shift+Left", "grow / shrink the span's end by a word"),
    ("Ctrl+Shift+Left / Right", "grow / shrink the span's start by a word"),
    ("Delete", "remove the selected span (and its quote or event)"),
    ("Q, then S / C", "make the selection a quote, then mark speaker / cue"),
    ("E, type key, then role keys", "make the selection an event trigger, add arguments"),
    ("E on a trigger", "add arguments to that event"),
    ("Enter", "mark the article done and open the next"),
    ("Ctrl+Shift+A", "accept every suggestion in the article (one undo step)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo (also after a restart)"),
    ("Esc", "leave a mode, clear the selection"),
    ("Ctrl+F / Ctrl+L", "search articles / go to the article list"),
    ("F1 or ?", "this sheet"),
]


def cheat_sheet_text(scheme: LabelScheme) -> str:
    lines = ["GESTURES"] + [f"  {k:<32} {v}" for k, v in GESTURES]
    lines += ["", "ENTITY LABELS"] + [f"  {l.key:<4} {n}" for n, l in scheme.entities.items()]
    lines += ["", "EVENT TYPES (after E)"] + [f"  {t.key.upper():<4} {n}" for n, t in scheme.event_types.items()]
    lines += ["", "ROLES (in an event)"] + [f"  {l.key:<4} {n}" for n, l in scheme.roles.items()]
    lines += codebook_lines(scheme)
    return "\n".join(lines)


def codebook_lines(scheme: LabelScheme) -> list[str]:
    """The codebook's name and its rules (checked on each event, listed before done)."""
    lines = ["", f"CODEBOOK: {scheme.title or scheme.name}  (Events tab: date, claims, warnings)"]
    lines += [f"  {rule.message}" + (f"  [{', '.join(rule.events)}]" if rule.events else "") for rule in scheme.checks]
    return lines


class CheatSheet(QDialog):
    def __init__(self, scheme: LabelScheme, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard")
        text = QPlainTextEdit(self)
        text.setReadOnly(True)
        text.setPlainText(cheat_sheet_text(scheme))
        font = text.font()
        font.setFamily("monospace")
        text.setFont(font)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(620, 640)
