# caseflow — the two commands a new user needs: `make run` and `make test`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench lint clean screenshots system-packages

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## run: set up the database, load the demo and serve on http://$(HOST):$(PORT)
run: $(BIN)/.installed
	$(BIN)/caseflow db upgrade
	$(BIN)/caseflow demo
	$(BIN)/caseflow serve --host $(HOST) --port $(PORT)

## system-packages: the Debian packages the tests drive (Chromium, PostgreSQL client tools, nginx), if missing
system-packages:
	@.ci/system-packages

## test: lint and the whole suite (SQLite; PostgreSQL when CASEFLOW_TEST_DATABASE_URL is set)
test: $(BIN)/.installed system-packages
	$(BIN)/ruff check caseflow tests bench
	$(BIN)/python -m pytest

## screenshots: run the browser tests and save the main pages to docs/screenshots/*.png (Debian's chromium)
screenshots: $(BIN)/.installed system-packages
	CASEFLOW_SCREENSHOTS=1 $(BIN)/python -m pytest -q -m browser tests/browser

## bench: benchmarks with same-run baselines (figures in bench/results/)
bench: $(BIN)/.installed
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
