# Vigie: `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench setup clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/vigie demo

test: $(STAMP)
	$(BIN)/python -m ruff check listener tui tests bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/python -m ruff check listener tui tests bench

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/ingest.py --feeds 200 --feeds 1000

clean:
	rm -rf $(VENV) build *.egg-info
