#!/usr/bin/env bash
# Run a command under a virtual X server, wait, and save a PNG of the whole screen.
#
#   scripts/screenshot.sh OUT.png SECONDS COMMAND [ARGS...]
#   e.g. scripts/screenshot.sh docs/screenshots/main.png 5 .venv/bin/annotator gui demo.db
#
# Screen: 1400x900x24 (xvfb-run -a). The screen is grabbed with ImageMagick's `import` when
# installed (scripts/install-system-deps.sh --screenshot), otherwise with a small Qt program
# (PySide6 from .venv, or $SCREENSHOT_PYTHON), otherwise with `xwd` + `convert`.
# Exits non-zero if the command ended before the grab or no image was written.
set -euo pipefail

if (($# < 3)); then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
out=$1 wait_s=$2
shift 2

repo=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v xvfb-run >/dev/null 2>&1; then
    bash "$repo/scripts/install-system-deps.sh"
fi
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -f "$out"

py=${SCREENSHOT_PYTHON:-}
if [[ -z "$py" ]]; then
    if [[ -x "$repo/.venv/bin/python" ]]; then py="$repo/.venv/bin/python"; else py=python3; fi
fi
export SCREENSHOT_OUT=$out SCREENSHOT_WAIT=$wait_s SCREENSHOT_PY=$py

# The part that runs inside Xvfb ($DISPLAY is set there).
inner=$(cat <<'INNER'
set -uo pipefail
"$@" &
app=$!
sleep "$SCREENSHOT_WAIT"
if ! kill -0 "$app" 2>/dev/null; then
    wait "$app"; rc=$?
    echo "screenshot: the command ended (exit $rc) before the grab" >&2
    exit 1
fi
grab_qt() {
    QT_QPA_PLATFORM=xcb "$SCREENSHOT_PY" -c '
import os, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
ok = app.primaryScreen().grabWindow(0).save(os.environ["SCREENSHOT_OUT"], "PNG")
sys.exit(0 if ok else 1)'
}
if command -v import >/dev/null 2>&1 && import -version 2>/dev/null | grep -q ImageMagick; then
    import -window root "$SCREENSHOT_OUT"
elif "$SCREENSHOT_PY" -c 'import PySide6' 2>/dev/null; then
    grab_qt
elif command -v xwd >/dev/null 2>&1; then
    xwd -root -silent | convert xwd:- "png:$SCREENSHOT_OUT"
else
    echo "screenshot: no grabber: run scripts/install-system-deps.sh --screenshot" >&2
fi
rc=$?
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit $rc
INNER
)

xvfb-run -a -s "-screen 0 1400x900x24" bash -c "$inner" screenshot "$@"
if [[ ! -s "$out" ]]; then
    echo "screenshot: no image written to $out" >&2
    exit 1
fi
echo "screenshot: $out"
