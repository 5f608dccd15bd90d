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


def _mount(*args: str) -> str:
    """Run mount(8); RETURNS its error text ('' when it worked)."""
    import subprocess

    try:
        result = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
    except OSError as error:
        return str(error)
    return "" if result.returncode == 0 else (result.stderr.strip() or f"mount exited {result.returncode}")


def _unmount(path: Path) -> None:
    import subprocess

    subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A folder on a 384 KB tmpfs, so a full disk is a few writes away (an empty project,
    about 230 KB with every migration, still fits); skips (with the reason) where this
    machine does not allow mounting one."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    problem = _mount("-t", "tmpfs", "-o", "size=384k,mode=0777", "tmpfs", str(folder))
    if problem:
        pytest.skip(f"cannot mount a small tmpfs for the disk-full case: {problem}")
    yield folder
    _unmount(folder)


@pytest.fixture
def read_only_view(tmp_path: Path):
    """`make(folder)` RETURNS a path through which `folder` cannot be written: a read-only
    bind mount (root ignores permission bits), or the folder itself made read-only for
    other users. Skips with the reason where neither is possible."""
    mounted: list[Path] = []
    changed: list[Path] = []

    def make(folder: Path) -> Path:
        if os.geteuid() != 0:
            for path in [*folder.rglob("*"), folder]:
                path.chmod(0o555 if path.is_dir() else 0o444)
                changed.append(path)
            return folder
        view = tmp_path / f"{folder.name}-read-only"
        view.mkdir()
        problem = _mount("--bind", str(folder), str(view)) or _mount("-o", "remount,ro,bind", str(view))
        if problem:
            _unmount(view)
            pytest.skip(f"cannot make a read-only bind mount as root: {problem}")
        mounted.append(view)
        return view

    yield make
    for view in mounted:
        _unmount(view)
    for path in changed:
        path.chmod(0o755 if path.is_dir() else 0o644)
