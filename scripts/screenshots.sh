#!/usr/bin/env bash
# Retake the screenshots of the README and docs/user-guide.md under Xvfb.
#
#   scripts/screenshots.sh [OUT_DIR]        default: docs/screenshots
#
# Builds a throw-away project in a temporary folder: the bundled sample plus the re3d
# CENTCOM articles from ../shared/samples (read in place, never copied into the repo),
# pre-annotated; then runs scripts/make_screenshots.py once per picture, each with fresh
# settings. Light, dark and 200% (QT_SCALE_FACTOR=2) on the sample and a CENTCOM article.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/docs/screenshots}
centcom=$repo/../shared/samples/re3d/centcom/documents.json
[[ -f $centcom ]] || { echo "screenshots: $centcom not found" >&2; exit 1; }
py=$repo/.venv/bin/python
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
"$repo/.venv/bin/annotator" import "$tmp/p.db" "$repo/resources/samples/ukraine-russia-pow-exchange.txt" "$centcom" --preannotate >/dev/null
CENTCOM_TITLE="DoD Spokesman"

shot() {  # NAME STATE [TITLE] [env...]
    local name=$1 state=$2 title=${3:-}
    shift 3 || shift $#
    rm -rf "$tmp/settings"
    env ANNOTATOR_DATA_DIR="$tmp/settings/data" XDG_CONFIG_HOME="$tmp/settings/config" ANNOTATOR_NAME=alice \
        ANNOTATOR_NO_MODEL=1 "$@" "$repo/scripts/screenshot.sh" "$out/$name.png" 7 "$py" "$repo/scripts/make_screenshots.py" \
        "$tmp/p.db" "$state" "$title"
}

shot seed seed ""
shot event event ""
shot quotes quotes ""
shot tags tags ""
shot done done ""
shot dark event "" ANNOTATOR_THEME=dark
shot scale-200 seed "" QT_SCALE_FACTOR=2
shot centcom event "$CENTCOM_TITLE"
shot centcom-tags tags "$CENTCOM_TITLE"
shot centcom-dark tags "$CENTCOM_TITLE" ANNOTATOR_THEME=dark
shot centcom-200 event "$CENTCOM_TITLE" QT_SCALE_FACTOR=2

# The article list with 10,000 articles: the CENTCOM texts under varied titles and dates.
"$py" - "$tmp/many.db" "$centcom" <<'PY'
import json, sys
from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store.articles import insert_articles
docs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
articles = []
for i in range(10_000):
    doc = docs[i % len(docs)]
    text = f"{doc['text']}\n\n(Copy {i} for the list screenshot.)"
    articles.append(Article(article_uid(text), text, doc["title"], doc.get("sourceName", ""),
                            published=f"20{16 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}"))
with Project.open(sys.argv[1]) as project:
    insert_articles(project.db, articles)
PY
rm -rf "$tmp/settings"
env ANNOTATOR_DATA_DIR="$tmp/settings/data" XDG_CONFIG_HOME="$tmp/settings/config" ANNOTATOR_NAME=alice ANNOTATOR_NO_MODEL=1 \
    "$repo/scripts/screenshot.sh" "$out/article-list-10000.png" 7 "$py" "$repo/scripts/make_screenshots.py" "$tmp/many.db" list
