"""The legend above the text: each entity label's colour and key, and how layers and
decisions look (suggested, accepted, rejected, quote, speaker, cue, trigger, argument)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotator.core.scheme import LabelScheme
from annotator.ui.theme import label_background, role_colour


def legend_html(scheme: LabelScheme, dark: bool) -> str:
    """Rich text for the legend label (colours as the highlighter paints them)."""
    ink = "#dfe1e5" if dark else "#000000"

    def chip(text: str, fill: str, style: str = "") -> str:
        words = "&nbsp;".join(escape(word) for word in text.split())
        return f'<span style="background-color:{fill}; color:{ink}; {style}">&nbsp;{words}&nbsp;</span>'

    entities = " ".join(
        chip(f"{label.key} {name}", label_background(label.colour, dark).name())
        for name, label in scheme.entities.items()
    )
    quote, actor = scheme.colour("QUOTE"), role_colour(scheme, "ACTOR")
    pale = label_background(scheme.colour("GPE"), dark, 0.35)
    pale_fill = pale.name() if dark else f"rgba({pale.red()},{pale.green()},{pale.blue()},{pale.alphaF():.2f})"
    styles = " ".join(
        (
            chip("suggested", pale_fill, "text-decoration: underline dotted;"),
            chip("accepted", label_background(scheme.colour("GPE"), dark).name()),
            '<s style="color:#8a8a8a">rejected</s>',
            f'<u style="text-decoration-color:{quote}">quote</u>',
            "<b>speaker</b>",
            "<i>cue</i>",
            "<b style='text-decoration: overline underline;'>trigger</b>",
            f'<u style="text-decoration-color:{actor}">argument</u>',
        )
    )
    return f"{entities}&nbsp;&nbsp;·&nbsp;&nbsp;{styles}"


class Legend(QLabel):
    def __init__(self, scheme: LabelScheme, dark: bool, parent=None):
        super().__init__(parent)
        self.scheme = scheme
        self.setObjectName("legend")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setToolTip("Label colours and keys (View › Legend hides this)")
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        self.setText(legend_html(self.scheme, dark))
