"""The one place that knows where bundled resources live.

Three layouts: a PyInstaller bundle (``sys._MEIPASS/resources``), an installed wheel
(``annotator/_resources``, force-included by hatchling) and a source checkout
(``<repo>/resources``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    """The folder that holds schemes/, lexicons/, samples/ and icons/."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    package = Path(__file__).resolve().parent.parent
    candidates += [package / "_resources", package.parent / "resources"]
    for candidate in candidates:
        if (candidate / "schemes").is_dir():
            return candidate
    raise FileNotFoundError("annotator resources not found; looked in " + ", ".join(map(str, candidates)))


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("schemes", "conflict.toml")``."""
    return resources_root().joinpath(*parts)
