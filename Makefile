# annotator — everyday commands. See README.md.
#
#   make run     install (venv, pinned packages, Debian Qt libraries) and start the app on the sample
#   make test    install the same, then import-linter, ruff, mypy and the whole pytest suite (offscreen)
#   make dist    PyInstaller one-folder app in dist/annotator/ and its .tar.gz (docs/packaging.md)
#   make dist-check  build the app when stale, then its frozen tests (CI runs make test, then this)
#   make bench   run every benchmarks/*.py

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
PIP         := $(BIN)/python -m pip install --quiet --progress-bar off --constraint constraints.txt
STAMP       := $(VENV)/.installed-test
BUILD_STAMP := $(VENV)/.installed-build
SAMPLE      := resources/samples/ukraine-russia-pow-exchange.txt
DEMO_DB     ?= demo.db
PYTEST_ARGS ?=

.PHONY: help run test lint pytest dist dist-check dist-coldstart bench install system-deps constraints clean

help:
	@sed -n '3,7p' Makefile | sed 's/^# \{0,1\}//'

## --- installing -------------------------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian, apt-get install python3-venv" >&2; exit 1; }

# Reinstalls when pyproject.toml or constraints.txt change.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[test,cluster]'
	@touch $@

$(BUILD_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[test,cluster,build]'
	@touch $@ $(STAMP)

install: $(STAMP)

# Only installs what is missing (apt-get; as root, or through sudo).
system-deps:
	@bash scripts/install-system-deps.sh

# Rewrite constraints.txt from the current venv (after a deliberate upgrade).
constraints: | $(BIN)/python
	@{ echo "# Exact versions the project was tested with (pip freeze of .venv, minus the editable annotator)."; \
	   echo "# Used as: pip install -c constraints.txt -e '.[test]'   (also covers the 'build' extra)"; \
	   echo "# Regenerate: make constraints"; \
	   $(BIN)/python -m pip freeze --exclude-editable | grep -vi '^annotator[= @]' | LC_ALL=C sort -f; \
	 } > constraints.txt
	@echo "constraints.txt: $$(grep -vc '^#' constraints.txt) pins"

## --- using --------------------------------------------------------------------------------

# Imports the bundled sample into $(DEMO_DB) once, then opens it. With no display
# (no DISPLAY / WAYLAND_DISPLAY) the window is started under Xvfb.
run: install system-deps
	@if [ ! -e "$(DEMO_DB)" ]; then \
	    echo "importing $(SAMPLE) into $(DEMO_DB)"; \
	    $(BIN)/annotator import "$(DEMO_DB)" "$(SAMPLE)" --preannotate \
	        || { rm -f "$(DEMO_DB)" "$(DEMO_DB)-wal" "$(DEMO_DB)-shm"; exit 1; }; \
	fi
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] || [ -n "$${QT_QPA_PLATFORM:-}" ]; then \
	    exec $(BIN)/annotator gui "$(DEMO_DB)"; \
	else \
	    echo "no display: starting the window under Xvfb (see scripts/screenshot.sh to look at it)"; \
	    exec xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/annotator gui "$(DEMO_DB)"; \
	fi

## --- checking -----------------------------------------------------------------------------

# Both checks always run; the target fails if either failed (pytest's own exit code wins).
# The PyInstaller build and the frozen-app tests are not part of it: make dist-check.
test: $(STAMP) system-deps
	@status=0; \
	echo "== lint-imports"; \
	$(BIN)/lint-imports || status=$$?; \
	echo "== ruff check"; $(BIN)/ruff check . || status=$$?; \
	echo "== ruff format --check"; $(BIN)/ruff format --check . || status=$$?; \
	echo "== mypy"; $(BIN)/mypy || status=$$?; \
	echo "== pytest"; \
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	exit $$status

lint: install
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

pytest: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	@set -e; for f in $(sort $(wildcard benchmarks/*.py)); do \
	    echo "== $$f"; QT_QPA_PLATFORM=offscreen $(BIN)/python "$$f"; \
	done

## --- packaging ----------------------------------------------------------------------------

# PyInstaller one-folder build (build.spec) -> dist/annotator/, then scripts/package-dist.sh
# strips selected extensions, re-runs the self-test and writes
# dist/annotator-<version>-linux-x86_64.tar.gz. See docs/packaging.md.
dist: $(BUILD_STAMP) system-deps
	$(BIN)/pyinstaller build.spec --noconfirm
	bash scripts/package-dist.sh

# The frozen-app tests (tests/e2e/test_frozen_app.py, marker `frozen`): build dist/annotator
# like `make dist` when it is missing or older than the sources, then run its self-test
# offscreen with an empty environment.
dist-check: $(BUILD_STAMP) system-deps
	ANNOTATOR_FROZEN=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m frozen tests/e2e/test_frozen_app.py $(PYTEST_ARGS)

# Cold start of the frozen app to a painted window under Xvfb, and docs/screenshots/frozen-app.png.
dist-coldstart: $(BUILD_STAMP) system-deps
	$(BIN)/python scripts/frozen-cold-start.py --runs 5 --screenshot docs/screenshots/frozen-app.png

clean:
	rm -rf build dist .pytest_cache .hypothesis .import_linter_cache .mypy_cache .ruff_cache
