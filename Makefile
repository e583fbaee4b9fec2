# Lexikon: `make site` builds the site, `make test` runs every check. Both set up .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
SUDO   := $(if $(filter 0,$(shell id -u)),,sudo)
# Debian packages the tests drive: the browser, the Nu HTML checker's Java runtime, jing (RELAX NG)
# and Saxon (schematron). Lighthouse comes from npm into .venv/lighthouse.
DEB_TEST_TOOLS := chromium default-jre-headless jing libsaxonhe-java
LIGHTHOUSE := $(VENV)/lighthouse/node_modules/.bin/lighthouse

export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output (the sitemap's) come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site serve check test test-long lint test-tools constraints clean bench screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install -c constraints.txt -e .
	@touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps
	$(PIP) install -c constraints.txt -e '.[test]'
	@touch $@

## site: build the site into site/ (fails on any warning)
site: $(VENV)/.site-deps
	$(BIN)/mkdocs build --strict

## serve: preview on http://127.0.0.1:8000/, rebuilt when glossary/, docs/ or hooks/ change
serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --livereload

## check: the glossary's findings without a build (FORMAT=github for CI annotations)
check: $(VENV)/.site-deps
	$(BIN)/lexicon check $(if $(FORMAT),--format $(FORMAT))

## test: lint and the whole suite, browser tests included
test: $(VENV)/.test-deps test-tools $(LIGHTHOUSE)
	$(BIN)/ruff check hooks tests
	$(BIN)/pytest -n 2 -m "not lighthouse"
	$(BIN)/pytest -m lighthouse

## test-long: the property tests with many more examples and a random seed (minutes)
test-long: $(VENV)/.test-deps
	LEXIKON_HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/unit/test_properties.py tests/builds/test_hostile_site.py

## bench: time check, build, search and serve on synthetic glossaries; the table, and JSON with
##        BENCH_ARGS="--json bench.json" (--sizes, --check-sizes, --search-sizes: see --help);
##        then the worst single files (any 1 MiB file checked; plain text and the converter on
##        hostile text) and a 50 MB TBX imported, each against its target
BENCH_ARGS ?=
bench: $(VENV)/.test-deps test-tools
	$(BIN)/python -m tests.bench $(BENCH_ARGS)
	$(BIN)/python -m tests.bench.worst_case
	$(BIN)/python -m tests.bench.worst_render
	$(BIN)/python -m tests.bench.imports

## screenshots: PNGs of every page kind, both languages, light and dark, desktop and phone,
##              into .screenshots/ (or OUT=folder): look at them before merging template or CSS changes
screenshots: $(VENV)/.test-deps test-tools
	$(BIN)/python -m tests.screenshots $(or $(OUT),.screenshots)

lint: $(VENV)/.test-deps
	$(BIN)/ruff check hooks tests

## test-tools: the Debian packages the tests drive (installed only when missing)
test-tools:
	@missing=$$(for p in $(DEB_TEST_TOOLS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(LIGHTHOUSE): | $(BIN)/python
	npm install --prefix $(VENV)/lighthouse --no-audit --no-fund --loglevel=error lighthouse@12.8.2

## constraints: re-pin exact versions after a change to pyproject.toml
constraints: $(VENV)/.test-deps
	{ echo "# Exact versions for reproducible installs (make uses them as pip constraints)."; \
	  echo "# Refresh: make constraints (after changing pyproject.toml)."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^#'; } > constraints.txt

clean:
	rm -rf site .cache/lexikon .pytest_cache .ruff_cache
