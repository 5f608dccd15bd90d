"""The window fits a 1400-pixel-wide screen at 200% scaling: 700 logical pixels, with an
article open, every panel shown and the hidden welcome page counted (issue 10's
screenshots at 200%)."""

from __future__ import annotations

import pytest

from tests.gui.conftest import find

pytestmark = pytest.mark.gui


def test_the_window_needs_at_most_700_logical_pixels(qtbot, window, view):
    window.gestures.select(find(view, "shelled"))
    window.panels.setCurrentIndex(2)
    assert window.minimumSizeHint().width() <= 700
    assert window.minimumSizeHint().height() <= 450
