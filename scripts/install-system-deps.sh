#!/usr/bin/env bash
# Install the Debian packages the app and its tests need, only those that are missing.
#
#   scripts/install-system-deps.sh                 Qt offscreen + Xvfb window + build tools (binutils, icu-devtools)
#   scripts/install-system-deps.sh --screenshot    also imagemagick (for scripts/screenshot.sh `import`)
#   scripts/install-system-deps.sh --check         list what is missing, install nothing (exit 1 if any)
#
# Works as root without sudo; as another user it uses sudo when available. Runs
# `apt-get update` once, and only when something has to be installed.
set -euo pipefail

# Qt's offscreen platform (tests, CI). Fonts: DejaVu for text, Noto Color Emoji so that emoji
# in articles (quoted posts) are drawn rather than shown as empty boxes.
OFFSCREEN=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
           fonts-noto-color-emoji)
# A real window under Xvfb (the xcb platform plugin), for screenshots and start-up timing.
XCB=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
     libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1)
# Build-only (`make dist`, and `make test`, which rebuilds the frozen app when stale): PyInstaller
# needs objdump; scripts/trim-icu.sh needs icupkg (icu-devtools) and as/ld. The app does not.
BUILD=(binutils icu-devtools)
SCREENSHOT=(imagemagick)

wanted=("${OFFSCREEN[@]}" "${XCB[@]}" "${BUILD[@]}")
check_only=0
for arg in "$@"; do
    case "$arg" in
        --screenshot) wanted+=("${SCREENSHOT[@]}") ;;
        --check) check_only=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "install-system-deps: unknown option: $arg" >&2; exit 2 ;;
    esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-system-deps: not a Debian/Ubuntu system (no dpkg-query); install the Qt libraries yourself:" >&2
    echo "  ${wanted[*]}" >&2
    exit 0
fi

missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    echo "install-system-deps: all ${#wanted[@]} system packages present"
    exit 0
fi

if ((check_only)); then
    echo "install-system-deps: missing: ${missing[*]}"
    exit 1
fi

if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-system-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >/dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
echo "install-system-deps: done"
