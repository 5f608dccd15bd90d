"""Paints spans from a `SpanIndex`: one pass per block, no widget text read back.

Entities: a background in the label's colour, pale with a dotted underline while
suggested, full once accepted. Rejected entities and triggers: struck out and grey;
rejected quotes, speakers, cues and arguments: a grey dotted underline only, so they
never cross out an accepted entity on the same words. Quotes: underlined.
Speakers: bold. Cues: italic. Event triggers: bold with a line above and below (a box in
plain text). Arguments that are not entities: underlined in their role's colour, never
filled, so a role never looks like an entity. With inline tags on, the last character of
each span is widened to make room for its tag (painted by the view).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.scheme import LabelScheme
from annotator.ui.span_index import SpanIndex, StyleKey
from annotator.ui.span_tags import Tail, block_tails, tag_font
from annotator.ui.theme import label_background, role_colour

Underline = QTextCharFormat.UnderlineStyle


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, scheme: LabelScheme, dark: bool = False):
        super().__init__(document)
        self.scheme = scheme
        self.dark = dark
        self.index: SpanIndex | None = None
        self.tags = False
        self.tails: dict[int, list[Tail]] = {}
        self._formats: dict[StyleKey, QTextCharFormat] = {}
        self._metrics = QFontMetricsF(tag_font(document.defaultFont()))

    def set_index(self, index: SpanIndex | None, rehighlight: bool = True) -> None:
        self.index = index
        self.tails.clear()
        if rehighlight:
            self.rehighlight()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self._formats.clear()
        self.rehighlight()

    def set_tags(self, on: bool, font: QFont) -> None:
        """Inline tags on every span (or off), measured in `font`'s tag size."""
        self.tags = on
        self._metrics = QFontMetricsF(tag_font(font))
        self.tails.clear()
        self.rehighlight()

    def update_index(self, index: SpanIndex) -> set[int]:
        """Swap in a new index and repaint only the blocks whose runs changed."""
        old, self.index = self.index, index
        changed = index.changed_blocks(old) if old is not None else set(index.runs)
        doc = self.document()
        for number in sorted(changed):
            self.tails.pop(number, None)
            block = doc.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)
        return changed

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        # Keep the shaped glyphs after layout: by default a QTextLayout throws them away
        # and shapes each line again to draw it, a quarter of painting a new article.
        block.layout().setCacheEnabled(True)
        if self.index is None:
            return
        number = block.blockNumber()
        runs = self.index.runs.get(number)
        if not runs:
            return
        if len(runs) == 1 or _disjoint(runs):
            for start, length, key in runs:
                self.setFormat(start, length, self.format_for(key))
        else:
            cuts = sorted({p for s, n, _ in runs for p in (s, s + n)})
            for a, b in zip(cuts, cuts[1:]):
                covering = [key for s, n, key in runs if s <= a and b <= s + n]
                if covering:
                    merged = QTextCharFormat()
                    for key in covering:
                        merged.merge(self.format_for(key))
                    self.setFormat(a, b - a, merged)
        if self.tags:
            self._widen_tails(number)

    def _widen_tails(self, number: int) -> None:
        assert self.index is not None
        tails = self.tails[number] = block_tails(self.index, number, self._metrics)
        for tail in tails:
            fmt = QTextCharFormat(self.format(tail.start))
            fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            fmt.setFontLetterSpacing(tail.width)
            self.setFormat(tail.start, tail.length, fmt)

    def format_for(self, key: StyleKey) -> QTextCharFormat:
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._make(*key)
        return fmt

    def _make(self, layer: str, label: str, status: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        colour = self.scheme.colour(label)
        if layer == "quote" and colour == "#cccccc":
            colour = self.scheme.colour("QUOTE")
        if layer == "speaker" and label == "SPEAKER":
            colour = self.scheme.colour("SPEAKER")
        if layer == "cue":
            colour = self.scheme.colour("CUE")
        suggested = status == "suggested"
        if status == "rejected":
            if layer in ("entity", "trigger"):
                fmt.setFontStrikeOut(True)
                fmt.setForeground(QColor("#8a8a8a"))
            else:  # a rejected part never crosses out words that carry other spans
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(Underline.DotLine)
                fmt.setUnderlineColor(QColor("#8a8a8a"))
            return fmt
        if layer == "quote":
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(Underline.DashUnderline if suggested else Underline.SingleUnderline)
            fmt.setUnderlineColor(QColor(colour).darker(170) if not self.dark else QColor(colour))
            return fmt
        if layer == "argument":
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(Underline.DashUnderline if suggested else Underline.SingleUnderline)
            ink = QColor(role_colour(self.scheme, label))
            fmt.setUnderlineColor(ink.lighter(150) if self.dark else ink)
            return fmt
        if layer == "trigger":
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontOverline(True)
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(QColor(colour))
            fmt.setBackground(label_background(colour, self.dark, 0.35 if suggested else 0.75))
            return fmt
        fmt.setBackground(label_background(colour, self.dark, 0.35 if suggested else 1.0))
        if suggested:
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(Underline.DotLine)
            fmt.setUnderlineColor(QColor(colour) if self.dark else QColor(colour).darker(150))
        if layer == "speaker":
            fmt.setFontWeight(QFont.Weight.Bold)
        elif layer == "cue":
            fmt.setFontItalic(True)
        return fmt


def _disjoint(runs: list) -> bool:
    ordered = sorted(runs)
    return all(a[0] + a[1] <= b[0] for a, b in zip(ordered, ordered[1:]))
