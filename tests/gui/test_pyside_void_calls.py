"""Regression: PySide6 6.12.0 on Python 3.11 drops a reference to None on every void C++
call and aborts with "Fatal Python error: none_dealloc" after a few thousand calls.

The calls run in a subprocess, so an abort fails this test instead of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.gui

CALLS = 100_000

SCRIPT = textwrap.dedent(
    f"""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    widget = QWidget()
    timer = QTimer()
    for i in range({CALLS}):
        widget.setEnabled(i % 2 == 0)   # void QWidget::setEnabled(bool)
        widget.setObjectName("w")       # void QObject::setObjectName(QString)
        timer.setInterval(i % 1000)     # void QTimer::setInterval(int)
    print("ok", {CALLS})
    """
)


def test_installed_pyside6_is_not_the_broken_release():
    import PySide6
    import shiboken6

    assert PySide6.__version__ != "6.12.0", "PySide6 6.12.0 aborts on void calls (none_dealloc)"
    assert shiboken6.__version__ != "6.12.0"


def test_many_void_calls_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"exit code {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr[-4000:]}"
    )
    assert f"ok {CALLS}" in result.stdout
