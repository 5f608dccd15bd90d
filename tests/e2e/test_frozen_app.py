"""The packaged app (PyInstaller, build.spec) passes its self-test with no Python around.

Builds dist/annotator/ the way `make dist` does (pyinstaller build.spec, then
scripts/package-dist.sh: strip, self-test, archive) when the executable is missing or older
than any source, then runs `dist/annotator/annotator --self-test` offscreen with an empty
environment. About 100 s when it has to build (2 cores), 3 s when dist/ is fresh.
Runs only when asked, with ANNOTATOR_FROZEN=1: `make dist-check` and CI (`.ci/run`) do;
a local `make test` skips it, with this reason shown. ANNOTATOR_SKIP_FROZEN=1 always skips.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"
APP = DIST / "annotator" / "annotator"
CHECKS = ("resources", "model", "project", "pre-annotation", "decision", "export", "training")
BUILD_TIMEOUT_S = 600

pytestmark = [pytest.mark.slow, pytest.mark.frozen]


def _sources() -> list[Path]:
    files = [
        REPO / "build.spec",
        REPO / "pyproject.toml",
        REPO / "constraints.txt",
        REPO / "scripts" / "package-dist.sh",
        REPO / "scripts" / "trim-icu.sh",
        REPO / "docs" / "user-guide.md",
    ]
    files += [p for p in (REPO / "annotator").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [p for p in (REPO / "resources").rglob("*") if p.is_file()]
    return [p for p in files if p.exists()]


def _stale_reason() -> str | None:
    if not APP.is_file():
        return f"{APP.relative_to(REPO)} missing"
    built = APP.stat().st_mtime
    newer = [p for p in _sources() if p.stat().st_mtime > built]
    if newer:
        return f"{len(newer)} source file(s) newer than the bundle, e.g. {newer[0].relative_to(REPO)}"
    return None


def _run(command: list[str], timeout: float) -> None:
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )


@pytest.fixture(scope="module")
def frozen_app() -> Path:
    if os.environ.get("ANNOTATOR_SKIP_FROZEN") == "1":
        pytest.skip("ANNOTATOR_SKIP_FROZEN=1: the frozen app is not built or tested")
    if os.environ.get("ANNOTATOR_FROZEN") != "1":
        pytest.skip("the frozen app is built and tested by `make dist-check` and CI (ANNOTATOR_FROZEN=1)")
    reason = _stale_reason()
    if reason is not None:
        if importlib.util.find_spec("PyInstaller") is None:
            pytest.skip(f"{reason} and PyInstaller is not installed (pip install -e '.[build]', or make test)")
        print(f"building the frozen app: {reason}")
        _run([sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", "WARN"], BUILD_TIMEOUT_S)
        _run(["bash", "scripts/package-dist.sh"], BUILD_TIMEOUT_S)
    return APP


def test_frozen_self_test_passes_offscreen_without_python(frozen_app: Path, tmp_path: Path) -> None:
    empty_bin = tmp_path / "bin"  # PATH with nothing on it: no python, no tools
    empty_bin.mkdir()
    env = {
        "HOME": str(tmp_path),
        "PATH": str(empty_bin),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        [str(frozen_app), "--self-test"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    report = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr[-3000:]}"
    assert result.returncode == 0, report
    assert lines and lines[-1] == "self-test passed", report
    checks = lines[:-1]
    assert [line.split()[1].rstrip(":") for line in checks] == list(CHECKS), report
    assert all(line.startswith("ok ") for line in checks), report
    # Resources come from inside the bundle, not from the source checkout.
    assert str(frozen_app.parent / "_internal" / "resources") in checks[0], report
    # Nothing was written inside the bundle or the temporary HOME's data folders by a self-test.
    assert not (tmp_path / "data").exists(), report


def test_archive_is_versioned_next_to_the_bundle(frozen_app: Path) -> None:
    archives = sorted(DIST.glob("annotator-*-linux-x86_64.tar.gz"))
    if not archives:
        pytest.skip("no archive in dist/ (the bundle was built without scripts/package-dist.sh)")
    version = (
        subprocess.run(
            [str(frozen_app), "--version"],
            env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert archives == [DIST / f"annotator-{version}-linux-x86_64.tar.gz"]


def test_the_user_guide_ships_with_every_screenshot_it_shows(frozen_app: Path) -> None:
    docs = frozen_app.parent / "_internal" / "docs"
    guide = (docs / "user-guide.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((screenshots/[^)\s]+\.png)\)", guide)
    assert shown, "the bundled guide shows no screenshot"
    missing = [name for name in shown if not (docs / name).is_file()]
    assert not missing, missing
