"""The keyboard cheat sheet (F1 or ?), built from the project's label scheme: a table
that never wraps a line, sized to fit its content."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from annotator.core.scheme import LabelScheme

GESTURES = [
    ("select text + label key", "add an entity span (snapped to words)"),
    ("label key on an entity", "relabel it"),
    ("role key on an argument", "give it that role (label keys never make it an entity)"),
    ("click a span / Tab / Shift+Tab", "select it / next / previous suggestion"),
    ("click again / O", "the next span on the same words (overlaps)"),
    ("A / X", "accept / reject the selected span (X offers to drop roles on the same words)"),
    ("Space", "accept and go to the next suggestion"),
    ("Shift+Right / Shift+Left", "grow / shrink the span's end by a word"),
    ("Ctrl+Shift+Left / Right", "grow / shrink the span's start by a word"),
    ("Delete", "remove the selected span (and its quote or event)"),
    ("Q, then S / C", "make the selection a quote, then mark speaker / cue"),
    ("E, type key, then role keys", "make the selection an event trigger, add arguments"),
    ("E on a trigger", "add arguments to that event"),
    ("F2", "edit the selected event (type, sub-type, flags, arguments) or quote; Esc back"),
    ("Enter", "mark the article done and open the next (asks about suggestions left)"),
    ("Shift+Enter", "skip the article and open the next"),
    ("Ctrl+Shift+A", "accept every suggestion in the article (one undo step)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo (also after a restart)"),
    ("Esc", "leave a mode, clear the selection"),
    ("Ctrl+F / Ctrl+L / Ctrl+T", "search articles / the article list / the text"),
    ("Ctrl+Shift+L", "label tags on every span, or only on the selection and hover"),
    ("F1 or ?", "this sheet"),
]


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in pairs)


def cheat_sheet_html(scheme: LabelScheme) -> str:
    def labels(table, upper: bool = False) -> list[tuple[str, str]]:
        return [((spec.key.upper() if upper else spec.key) or "", name) for name, spec in table.items()]

    def swatches(table, upper: bool = False) -> str:
        return "".join(
            f"<tr><td><b>{escape(key)}</b></td><td><span style='background-color:{table[name].colour}'>"
            f"&nbsp;{escape(name)}&nbsp;</span></td></tr>"
            for key, name in labels(table, upper)
        )

    style = "<style>td { padding: 1px 10px 1px 0; white-space: nowrap; } h3 { margin: 10px 0 2px 0; }</style>"
    return (
        style + "<h3>Gestures</h3><table>" + _rows(GESTURES) + "</table>"
        "<table><tr><td valign='top'><h3>Entity labels</h3><table>" + swatches(scheme.entities) + "</table></td>"
        "<td valign='top'><h3>Event types (after E)</h3><table>" + swatches(scheme.event_types, True) + "</table></td>"
        "<td valign='top'><h3>Roles (in an event)</h3><table>"
        + swatches(scheme.roles)
        + "</table></td></tr></table>"
        + codebook_html(scheme)
    )


def codebook_html(scheme: LabelScheme) -> str:
    """The codebook's name and its rules (checked on each event, listed before done)."""
    rules = "".join(
        f"<tr><td>{escape(rule.message)}</td><td>{escape(', '.join(rule.events))}</td></tr>" for rule in scheme.checks
    )
    return f"<h3>Codebook: {escape(scheme.title or scheme.name)} (Events tab: date, claims, warnings)</h3>" + (
        f"<table>{rules}</table>" if rules else ""
    )


def cheat_sheet_text(scheme: LabelScheme) -> str:
    """The same sheet as plain text (for a terminal, and for tests)."""
    lines = ["GESTURES"] + [f"  {k:<32} {v}" for k, v in GESTURES]
    lines += ["", "ENTITY LABELS"] + [f"  {label.key:<4} {n}" for n, label in scheme.entities.items()]
    lines += ["", "EVENT TYPES (after E)"] + [f"  {t.key.upper():<4} {n}" for n, t in scheme.event_types.items()]
    lines += ["", "ROLES (in an event)"] + [f"  {label.key:<4} {n}" for n, label in scheme.roles.items()]
    lines += codebook_lines(scheme)
    return "\n".join(lines)


def codebook_lines(scheme: LabelScheme) -> list[str]:
    """The codebook's name and its rules (checked on each event, listed before done)."""
    lines = ["", f"CODEBOOK: {scheme.title or scheme.name}  (Events tab: date, claims, warnings)"]
    lines += [f"  {rule.message}" + (f"  [{', '.join(rule.events)}]" if rule.events else "") for rule in scheme.checks]
    return lines


class CheatSheet(QDialog):
    def __init__(self, scheme: LabelScheme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard")
        self.text = QTextBrowser(self)
        self.text.setHtml(cheat_sheet_html(scheme))
        self.text.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        document = self.text.document()
        document.adjustSize()
        size = document.size().toSize()
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = size.width() + 60, size.height() + 90
        if screen is not None:
            width, height = min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9))
        self.resize(width, height)
