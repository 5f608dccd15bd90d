"""Where the app keeps the user's own files (standard library only).

The frozen app is a read-only folder: nothing is ever written inside it (``sys._MEIPASS``).
User data goes to, in order:

1. ``$ANNOTATOR_DATA_DIR`` when set (tests, portable installs);
2. ``$XDG_DATA_HOME/annotator`` when ``XDG_DATA_HOME`` is set (and absolute);
3. ``~/.local/share/annotator``.

This is the same folder Qt's ``QStandardPaths.AppDataLocation`` gives the window on Linux for
the organisation/application "annotator", so the CLI and the UI agree without importing Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "annotator"


def user_data_dir(create: bool = True) -> Path:
    """The folder for the user's projects and settings-side files.

    create (bool): make the folder (and parents) when it does not exist.
    RETURNS (Path): an absolute path outside the application bundle.
    """
    explicit = os.environ.get("ANNOTATOR_DATA_DIR")
    if explicit:
        path = Path(explicit).expanduser()
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec says relative values are invalid and must be ignored.
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
        path = base / APP_NAME
    path = path.resolve()
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
