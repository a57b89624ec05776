# LiveTally: `make run` opens the app, `make test` runs every check. Both create .venv
# (Python 3.11+) and install the project with its dev extra the first time.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Tests never need a screen: Qt draws off-screen unless a display is asked for.
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint screenshots check-python clean bench system-deps

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory check-python
	@test -x $(BIN)/python || { echo "==> Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "==> Installing LiveTally and what it needs into $(VENV) (a minute or two the first time)"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)
	@echo "==> $(VENV) is ready"

check-python:
	@test -n "$(PYTHON)" || { echo "LiveTally needs Python 3.11 or newer (python3.11, python3.12, ...) on PATH." >&2; exit 1; }

# Qt's runtime libraries, Xvfb and make on Debian or Ubuntu, only those missing (uses sudo).
system-deps:
	bash .ci/system-deps

run: $(STAMP)
	$(BIN)/livetally $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desktop tests packaging
	$(BIN)/ruff format --check desktop tests packaging
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

# A PNG of each tab and dialog, empty and with sample data, light and dark, drawn on a
# virtual screen (Xvfb); then the whole of a 1024x640 screen as the window opens on it.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
		$(BIN)/python -m livetally.screenshots build/screenshots
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1024x640x24" \
		$(BIN)/python -m livetally.screenshots build/screenshots

# Start-up, 100,000-stream scale, import and memory, each against a floor measured in the
# same run (a few minutes; not part of the tests). Off-screen unless QT_QPA_PLATFORM says
# otherwise; needs GNU time (/usr/bin/time) for peak memory. Writes build/bench.json.
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis

# The standalone app and its installers (packaging/, README "Build the installer").
# `package-tools` adds PyInstaller (the `package` extra) to .venv, for developers only.
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: package-tools package package-test

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PACKAGE_STAMP)

package-tools: $(PACKAGE_STAMP)

# dist/livetally/ (PyInstaller onedir) and this platform's installer (a .deb on Linux).
package: $(PACKAGE_STAMP)
	$(BIN)/python packaging/build.py

# Install the .deb, run it on Xvfb, validate, measure, remove (as root: see packaging/).
package-test: package
	$(BIN)/python packaging/package_test.py
