# Callback: `make run` serves the app, `make test` checks it. Both install what is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run index test lint check-types check-imports pytest bench chromium clean

install: $(STAMP)

# The CPU build of torch is installed first so that nothing pulls the multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[embedded,dev]'
	touch $(STAMP)

# Builds the guidance index if it is missing or stale; unchanged documents are skipped.
index: install
	$(BIN)/callback-sim ingest --rebuild-if-stale

run: install index
	$(BIN)/callback-sim serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-types: install
	$(BIN)/mypy

check-imports: install
	$(BIN)/lint-imports

pytest: install chromium
	$(BIN)/pytest -q

test: lint check-types check-imports pytest

bench: install index
	$(BIN)/python -m evals.bench
	$(BIN)/python -m evals.load


clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache test-output
