"""The app process is SIGKILLed right after a gesture; the reopened database has it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.gui.conftest import at, stored_spans

pytestmark = [pytest.mark.gui, pytest.mark.slow]

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from annotator.ui.app import application, build_window

    app = application()
    window = build_window(Path(sys.argv[1]), ask=False)
    window.show()
    app.processEvents()
    view = window.view
    view.select_range(int(sys.argv[2]), int(sys.argv[3]))
    QTest.keyClick(view, Qt.Key.Key_3)          # label GPE: saved at once
    view.select_span(next(s for s in view.index.spans if s.label == "DATE"))
    QTest.keyClick(view, Qt.Key.Key_A)          # accept
    print("gesture done", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.01)
    """
)


def test_sigkill_right_after_a_gesture_loses_nothing(project_path, tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ANNOTATOR_NO_DIALOGS="1",
        ANNOTATOR_NAME="alice",
        ANNOTATOR_NO_MODEL="1",
    )
    start, end = at("Istanbul")
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(project_path), str(start), str(end)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=str(tmp_path),
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "gesture done" not in line:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                pytest.fail(f"app ended early: {proc.stderr.read()}")
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    spans = stored_spans(project_path)
    assert spans[(start, end, "GPE")] == "accepted"
    monday = at("Monday")
    assert spans[(monday[0], monday[1], "DATE")] == "accepted"
