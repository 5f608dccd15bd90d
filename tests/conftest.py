"""Fixtures shared by unit, gui and e2e tests.

Every test runs with Qt's settings and the app's data directory pointed at a temporary
folder, so no test reads or writes the real user's files.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

# Before anything creates a QApplication: no display is needed (and CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = REPO_ROOT.parent / "shared" / "samples"
HAS_QT = importlib.util.find_spec("PySide6") is not None


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def resources_dir() -> Path:
    return REPO_ROOT / "resources"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The shared sample corpus (seed, re3d, plover) next to the checkout."""
    if not SHARED_SAMPLES.is_dir():
        pytest.skip(f"shared samples folder not found at {SHARED_SAMPLES}")
    return SHARED_SAMPLES


@pytest.fixture(scope="session")
def seed_text_path() -> Path:
    """The seed article, bundled with the app (same bytes as shared/samples/seed)."""
    path = REPO_ROOT / "resources" / "samples" / "ukraine-russia-pow-exchange.txt"
    if not path.is_file():
        pytest.skip(f"bundled seed article not found at {path}")
    return path


@pytest.fixture(autouse=True)
def _isolate_user_files(tmp_path_factory, monkeypatch):
    """Point QSettings, XDG folders and ANNOTATOR_DATA_DIR at a fresh temporary folder."""
    base = tmp_path_factory.mktemp("user")
    data_dir = base / "data"
    data_dir.mkdir()
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
    if HAS_QT:
        from PySide6.QtCore import QCoreApplication, QSettings

        QCoreApplication.setOrganizationName("annotator-tests")
        QCoreApplication.setApplicationName("annotator-tests")
        settings_dir = str(base / "settings")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir)
    yield data_dir
