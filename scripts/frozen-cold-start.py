"""Cold start of the frozen app to a painted window with the seed article, under Xvfb.

    .venv/bin/python scripts/frozen-cold-start.py [--runs 5] [--drop-caches] [--screenshot PNG]

Builds nothing: needs dist/annotator/annotator (`make dist`). Steps:
1. imports and pre-annotates the bundled seed article into a temporary project with the
   frozen app's own CLI;
2. starts Xvfb (1400x900x24), then for each run starts `dist/annotator/annotator gui PROJECT`
   with an empty environment (no Python on PATH, HOME/XDG/ANNOTATOR_DATA_DIR in a temp folder);
3. this process (venv PySide6, a separate X client — the app itself is untouched) grabs the
   screen every 25 ms from the moment the app is started and reports when the window was first
   painted with the article: the first frame with at least 20 % non-black pixels and 64 or
   more distinct colours (text, highlights), and when the screen stopped changing.

`--drop-caches` writes 3 to /proc/sys/vm/drop_caches before each run (root only): a true
cold start from disk. Prints one line per run and the median; target < 4 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "dist" / "annotator" / "annotator"
SEED = REPO / "resources" / "samples" / "ukraine-russia-pow-exchange.txt"
TARGET_S = 4.0


def clean_env(home: Path, display: str | None = None) -> dict[str, str]:
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "ANNOTATOR_DATA_DIR": str(home / "annotator"),
        "ANNOTATOR_NAME": "cold-start",
        "ANNOTATOR_NO_DIALOGS": "1",
        "LANG": "C.UTF-8",
    }
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env.update(QT_QPA_PLATFORM="offscreen")
    return env


def start_xvfb() -> tuple[subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise SystemExit("Xvfb did not start (scripts/install-system-deps.sh installs it)")
    return xvfb, f":{number}"


def frame_stats(image) -> tuple[float, int, bytes]:
    """Share of non-black pixels, distinct colours (sampled), and a digest of the frame."""
    import hashlib

    small = image.scaled(350, 225)  # every 4th pixel: fast, still sees text and highlights
    width, height = small.width(), small.height()
    colours, lit = set(), 0
    for y in range(height):
        for x in range(width):
            rgb = small.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            lit += rgb != 0
    raw = bytes(image.constBits())
    return lit / (width * height), len(colours), hashlib.blake2b(raw, digest_size=16).digest()


def measure(
    project: Path, home: Path, display: str, screenshot: Path | None, timeout: float = 30.0
) -> tuple[float, float]:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    started = time.perf_counter()
    app = subprocess.Popen(
        [str(APP), "gui", str(project)], env=clean_env(home, display), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    painted = settled = None
    last_digest, last_change = None, started
    first_image = None
    try:
        while time.perf_counter() - started < timeout:
            image = screen.grabWindow(0).toImage()
            now = time.perf_counter()
            lit, colours, digest = frame_stats(image)
            if digest != last_digest:
                last_digest, last_change = digest, now
            if painted is None and lit >= 0.20 and colours >= 64:
                painted, first_image = now - started, image
            if painted is not None and now - last_change >= 2.0:
                settled = last_change - started
                break
            if app.poll() is not None:
                raise SystemExit(f"the app ended (exit {app.returncode}): {app.stderr.read().decode()[-2000:]}")
            time.sleep(0.025)
    finally:
        final = screen.grabWindow(0)
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
    if painted is None:
        raise SystemExit(f"no painted window within {timeout} s")
    if screenshot is not None:
        final.save(str(screenshot), "PNG")
        first_image.save(str(screenshot.with_name(screenshot.stem + "-first-paint.png")), "PNG")
    return painted, settled if settled is not None else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drop-caches", action="store_true")
    parser.add_argument("--screenshot", type=Path, help="save the settled screen of the last run here")
    args = parser.parse_args()
    if not APP.is_file():
        raise SystemExit(f"{APP} missing: run `make dist` first")
    if shutil.which("Xvfb") is None:
        raise SystemExit("Xvfb missing: scripts/install-system-deps.sh")

    with tempfile.TemporaryDirectory(prefix="annotator-coldstart-") as tmp:
        home = Path(tmp)
        project = home / "seed.db"
        subprocess.run(
            [str(APP), "import", str(project), str(SEED), "--preannotate"],
            env=clean_env(home),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        xvfb, display = start_xvfb()
        try:
            os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            from PySide6.QtGui import QGuiApplication

            _grabber = QGuiApplication(sys.argv[:1])  # noqa: F841 - keeps the connection open
            painted, settled = [], []
            for run in range(1, args.runs + 1):
                if args.drop_caches:
                    subprocess.run(["sync"], check=False)
                    Path("/proc/sys/vm/drop_caches").write_text("3\n")
                shot = args.screenshot if run == args.runs else None
                first, last = measure(project, home, display, shot)
                painted.append(first)
                settled.append(last)
                print(
                    f"run {run}: painted with the article {first:.2f} s, screen settled {last:.2f} s"
                    + (" (page cache dropped)" if args.drop_caches else "")
                )
        finally:
            xvfb.terminate()
            xvfb.wait(10)
    median = statistics.median(painted)
    print(
        f"cold start to a painted window (median of {args.runs}): {median:.2f} s; target < {TARGET_S:.0f} s"
        f" -> {'OK' if median < TARGET_S else 'OVER'}"
    )
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
