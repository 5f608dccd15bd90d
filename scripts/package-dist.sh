#!/usr/bin/env bash
# After `pyinstaller build.spec`: strip debug symbols of selected compiled files in
# dist/annotator/, check the bundle still works, and write the versioned archive.
#
#   scripts/package-dist.sh [DIST_DIR]        (default: dist; run by `make dist`)
#
# Stripped: every ELF file under _internal/ that still carries debug info or a symbol table
# (spaCy/thinc/blis/... Cython extensions, libpython), with `strip --strip-unneeded`
# (dynamic symbols such as PyInit_* stay). Never stripped: numpy/ and numpy.libs/ (the bundled
# OpenBLAS breaks when stripped — the reason build.spec keeps PyInstaller's strip=False), and the
# executable itself (its archive is appended to the ELF file).
# Then replaces Qt's ICU data library with an English-only subset (scripts/trim-icu.sh:
# 31 MB -> 9.5 MB; collation tailorings, localized names of other locales, break dictionaries),
# runs `annotator --self-test` offscreen with an empty environment (no Python on PATH),
# and writes dist/annotator-<version>-linux-x86_64.tar.gz. Prints sizes before/after.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dist=${1:-$repo/dist}
app=$dist/annotator
exe=$app/annotator
[[ -x "$exe" ]] || { echo "package-dist: $exe missing: run pyinstaller build.spec --noconfirm first" >&2; exit 1; }
command -v strip >/dev/null || { echo "package-dist: strip missing: scripts/install-system-deps.sh (binutils)" >&2; exit 1; }

mib() { du -s --block-size=1M "$1" | cut -f1; }
mb() { du -s --apparent-size --block-size=1 "$1" | awk '{printf "%.1f", $1 / 1e6}'; }  # decimal MB

before=$(mib "$app")
stripped=0
while IFS= read -r -d '' file; do
    case "$file" in
        "$app"/_internal/numpy/*|"$app"/_internal/numpy.libs/*) continue ;;
    esac
    # ELF only; skip what is already stripped (`file` says "stripped" vs "not stripped").
    head -c 4 "$file" | grep -q $'\x7fELF' || continue
    info=$(file -b "$file")
    [[ "$info" == *"not stripped"* || "$info" == *"with debug_info"* ]] || continue
    strip --strip-unneeded "$file"
    stripped=$((stripped + 1))
done < <(find "$app/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)
after=$(mib "$app")
echo "package-dist: stripped $stripped files: ${before} MiB -> ${after} MiB unpacked"

# Qt's ICU data: English-only subset (docs/packaging.md, "ICU data"). Before the self-test.
bash "$repo/scripts/trim-icu.sh" "$app"
after=$(mib "$app")

# The bundle must still work after stripping and trimming (numpy, blis, spaCy's extensions,
# Qt offscreen with the trimmed ICU data).
selftest_log=$(mktemp)
if ! (cd / && env -i HOME="${HOME:-/tmp}" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
        ANNOTATOR_DATA_DIR="$(mktemp -d)" "$exe" --self-test) >"$selftest_log" 2>&1; then
    cat "$selftest_log" >&2
    echo "package-dist: the stripped/trimmed bundle FAILED its self-test; no archive written" >&2
    exit 1
fi
sed 's/^/  /' "$selftest_log"
rm -f "$selftest_log"

version=$(env -i PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen "$exe" --version | tail -n 1)
[[ "$version" =~ ^[0-9A-Za-z.+-]+$ ]] || { echo "package-dist: bad version from $exe --version: $version" >&2; exit 1; }

# Desktop integration: a .desktop file and the icon next to the executable.
cp "$repo/resources/icons/annotator.svg" "$app/annotator.svg"
cat > "$app/annotator.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=annotator
Comment=Annotate conflict news: entities, quotes and events
Exec=annotator %f
Icon=annotator
Terminal=false
Categories=Office;Education;
DESKTOP

archive=$dist/annotator-$version-linux-x86_64.tar.gz
rm -f "$dist"/annotator-*-linux-x86_64.tar.gz
# Reproducible-ish: sorted names, fixed owner; gzip -9 beats the default by ~2 %.
tar -C "$dist" --sort=name --owner=0 --group=0 --numeric-owner -cf - annotator | gzip -9 -n > "$archive"
echo "package-dist: $archive ($(mb "$archive") MB = $(du --block-size=1M "$archive" | cut -f1) MiB;" \
     "unpacked $(mb "$app") MB apparent, ${after} MiB du)"
