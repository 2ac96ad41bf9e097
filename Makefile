# Two commands do everything on a fresh machine (Python 3.10+ with venv):
#   make build   creates .venv if needed and builds the example corpus's graph into exports/
#   make test    installs the test tools (and Debian's chromium when it can) and runs every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: build test bench docs clean

$(BIN)/kg: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	touch $@

$(VENV)/.test-tools: $(BIN)/kg
	$(PIP) install -e '.[test]'
	touch $@

build: $(BIN)/kg
	$(BIN)/kg build examples/seeds --out exports

test: $(VENV)/.test-tools
	scripts/install-test-services.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.test-tools   # long: see bench/README.md
	$(BIN)/python bench/perf.py --workers 2
	$(BIN)/python bench/quotes_polnear.py

docs: $(VENV)/.test-tools build   # docs/graph-view.png from the example build's view
	$(BIN)/python docs/screenshot.py exports/graph.html docs/graph-view.png

clean:
	rm -rf exports .pytest_cache
