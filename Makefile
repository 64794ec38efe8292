# Two commands do all set-up on a fresh machine:
#   make demo   - install into .venv, then run the main job on generated data
#   make test   - install into .venv (and Chromium, for the browser tests), then run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test bench install

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

demo: $(BIN)/.installed
	$(BIN)/fecscreen demo

test: $(BIN)/.installed
	tools/install-chromium
	$(BIN)/pytest -q

# Every benchmark at its default size (long: tens of minutes; see docs/benchmarks.md).
bench: $(BIN)/.installed
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done
