#!/usr/bin/env bash
# The kill harness's long run: N trials per scenario (default 40), figures to kills.jsonl.
#   scripts/kill-harness.sh [TRIALS] [REPORT]
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-40}"
report="${2:-kills.jsonl}"
rm -f "$report"
ANNOTATOR_KILL_TRIALS="$trials" ANNOTATOR_KILL_REPORT="$report" ANNOTATOR_KILL_SEED="${ANNOTATOR_KILL_SEED:-$RANDOM}" \
    .venv/bin/python -m pytest -q -s -p no:cacheprovider tests/e2e/test_kill_harness.py
cat "$report"
