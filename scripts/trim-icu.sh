#!/usr/bin/env bash
# Replace the bundle's ICU data library (PySide6's libicudata.so.NN, ~31 MB) with one that
# holds only the ICU data Qt can use in an English-language app (~9.5 MB).
#
#   scripts/trim-icu.sh APP_DIR          (APP_DIR = dist/annotator; run by scripts/package-dist.sh)
#
# libicudata.so.NN is nothing but the ICU data package (a .dat file) as one exported symbol,
# icudtNN_dat, read by libicuuc/libicui18n. This script
#   1. cuts the package out of the .so (symbol address/size from readelf),
#   2. removes items with Debian's `icupkg` (icu-devtools; a build-only package, see
#      scripts/install-system-deps.sh), which copies the kept items byte for byte,
#   3. assembles the smaller package back under the same symbol name (`as`, .incbin) and links
#      libicudata.so.NN with the same SONAME (`ld -shared`; binutils, already needed by PyInstaller),
#   4. checks the new library (one symbol of the new package's size, same SONAME) and puts it
#      in place of the old one.
# Idempotent: a library that has nothing left to remove is left alone.
#
# Removed (docs/packaging.md explains why each is safe):
#   - every locale-specific item of locales other than root and en*, in every tree (locale
#     data, collation tailorings, currency/language/region/unit/zone display names, number
#     spell-out rules, break-iterator tailorings). ICU falls back to root for a missing locale
#     (U_USING_DEFAULT_WARNING, not an error): QCollator sorts by the root (UCA) order,
#     QLocale::toUpper/toLower are unaffected (their language rules are code, not data);
#   - the break dictionaries for Chinese/Japanese, Thai, Lao, Khmer, Burmese (brkitr/*.dict):
#     Qt does not use ICU break iterators (libQt6Core imports no ubrk_* function; its line, word
#     and grapheme breaking is its own), and ICU itself works without them;
#   - the transliteration rules (translit/): no Transliterator in Qt.
# Kept: root and en* locales, the shared key pools, res_index, supplemental data, time zones,
# root collation (ucadata), break rules (*.brk), normalisation (*.nrm), StringPrep (*.spp),
# character names, confusables, and every converter (*.cnv: QStringDecoder can ask for any).
set -euo pipefail

app=${1:?usage: scripts/trim-icu.sh APP_DIR}
for tool in icupkg readelf as ld; do
    command -v "$tool" >/dev/null || {
        echo "trim-icu: $tool missing: scripts/install-system-deps.sh (build group: binutils, icu-devtools)" >&2
        exit 1
    }
done

# The real file (the bundle root also has a symlink to it).
lib=$(find "$app/_internal" -type f -name 'libicudata.so.*' | head -n 1)
[[ -n "$lib" ]] || { echo "trim-icu: no libicudata.so.* under $app/_internal" >&2; exit 1; }
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
# e.g. "1: 0000000000001000 0x1e8bb80 OBJECT GLOBAL DEFAULT 5 icudt73_dat"
read -r sym_value sym_size sym_name < <(readelf -Ws --dyn-syms "$lib" \
    | awk '$8 ~ /^icudt[0-9]+_dat$/ && $7 != "UND" {print $2, $3, $8; exit}') \
    || { echo "trim-icu: no icudtNN_dat symbol in $lib" >&2; exit 1; }
pkg=${sym_name%_dat}l            # icudt73l: the package name (l = little-endian ASCII)

# File offset of the symbol: its section's file offset + (address - section address).
# Section headers: [Nr] Name Type Address Off Size ... ("[ 5]" or "[10]": cut that first).
read -r sec_addr sec_off < <(readelf -SW "$lib" | sed -n 's/^ *\[ *[0-9]*\] *//p' \
    | awk '$1 == ".rodata" {print $3, $4; exit}') \
    || { echo "trim-icu: no .rodata section in $lib" >&2; exit 1; }
offset=$(( 0x$sec_off + 0x$sym_value - 0x$sec_addr ))
size=$(( sym_size ))             # readelf prints the size in hex with 0x when large

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"
dd if="$lib" of="$work/in/$pkg.dat" iflag=skip_bytes,count_bytes skip="$offset" count="$size" status=none
[[ $(stat -c %s "$work/in/$pkg.dat") -eq $size ]] || { echo "trim-icu: could not read $size bytes at $offset of $lib" >&2; exit 1; }

# (icupkg -l exits non-zero on a package trimmed before: the dictionaries are missing.)
allowed_missing='^Item [^ ]+ depends on missing item brkitr/[^/ ]+\.dict$'
icupkg -l "$work/in/$pkg.dat" 2> "$work/deps.log" | tr -d '\r' > "$work/items.txt" || true
total=$(wc -l < "$work/items.txt")
if (( total == 0 )) || grep -Ev "$allowed_missing" "$work/deps.log" >&2; then
    echo "trim-icu: icupkg cannot read the ICU data in $lib" >&2
    exit 1
fi

# Locale items: names of 2-3 lower-case letters, optionally followed by _..., e.g. de.res,
# zh_Hant_TW.res, coll/de__PHONEBOOK.res; kept: root*, en*, res_index.
{
    grep -E '^brkitr/[^/]+\.dict$' "$work/items.txt" || true
    grep -E '^translit/' "$work/items.txt" || true
    grep -E '(^|/)[a-z]{2,3}(_[A-Za-z0-9_]*)?\.res$' "$work/items.txt" \
        | grep -Ev '(^|/)((en|root)(_[A-Za-z0-9_]*)?|res_index)\.res$' || true
} | sort -u > "$work/remove.txt"
removed=$(wc -l < "$work/remove.txt")
if (( removed == 0 )); then
    echo "trim-icu: $(basename "$lib") has nothing left to remove ($total items, $(( size / 1000000 )) MB)"
    exit 0
fi

# --ignore-deps: brkitr/root.res names the dictionaries removed on purpose. Listing the new
# package checks every item's dependencies again (icupkg then exits non-zero): any missing item
# other than those dictionaries is a mistake in the lists above and stops the build.
(cd "$work" && icupkg --ignore-deps -r remove.txt "in/$pkg.dat" "out/$pkg.dat") > "$work/icupkg.log" 2>&1 || {
    cat "$work/icupkg.log" >&2; echo "trim-icu: icupkg failed" >&2; exit 1; }
icupkg -l "$work/out/$pkg.dat" 2> "$work/deps.log" | tr -d '\r' > "$work/kept.txt" || true
if grep -Ev "$allowed_missing" "$work/deps.log" >&2; then
    echo "trim-icu: the trimmed ICU package is incomplete (above)" >&2
    exit 1
fi
kept=$(wc -l < "$work/kept.txt")
(( kept == total - removed )) || { echo "trim-icu: expected $((total - removed)) items, got $kept" >&2; exit 1; }
new_size=$(stat -c %s "$work/out/$pkg.dat")

# The package as the one exported, read-only symbol, like ICU's genccode output (16-byte aligned).
cat > "$work/icudata.s" <<ASM
    .section .note.GNU-stack,"",%progbits
    .section .rodata
    .globl $sym_name
    .type $sym_name, %object
    .balign 16
$sym_name:
    .incbin "$work/out/$pkg.dat"
    .size $sym_name, . - $sym_name
ASM
as -o "$work/icudata.o" "$work/icudata.s"
ld -shared -soname "$soname" -Bsymbolic -z noexecstack --build-id -o "$work/$soname" "$work/icudata.o"
strip --strip-unneeded "$work/$soname" 2>/dev/null || true

# The new library must export the symbol with the new package's size, under the same SONAME.
check=$(readelf -Ws --dyn-syms "$work/$soname" | awk -v s="$sym_name" '$8 == s && $7 != "UND" {print $3; exit}')
[[ -n "$check" && $(( check )) -eq "$new_size" ]] \
    || { echo "trim-icu: $sym_name missing or wrong size in the new library" >&2; exit 1; }
[[ $(readelf -d "$work/$soname" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p') == "$soname" ]] \
    || { echo "trim-icu: wrong SONAME in the new library" >&2; exit 1; }

chmod --reference="$lib" "$work/$soname"
cp "$work/$soname" "$lib"
echo "trim-icu: $(basename "$lib"): removed $removed of $total ICU data items," \
     "$(awk -v a="$size" -v b="$new_size" 'BEGIN {printf "%.1f MB -> %.1f MB", a / 1e6, b / 1e6}') of data"
