# Callback: `make run` serves the app, `make test` checks it. Both install what is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# pytest-xdist workers for `make pytest` (the tests are sized for a 2-core machine)
TEST_WORKERS ?= 2
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run index test lint check-types check-imports pytest bench chromium postgres clean

install: $(STAMP)

# The CPU build of torch is installed first so that nothing pulls the multi-GB CUDA build.
# llama-cpp-python is compiled for portable AVX2 rather than for the build machine's own
# CPU: the native build of 0.3.36 crashes in decode (a general protection fault in
# libggml-cpu) on AVX-512 machines here. No pip cache, so a native wheel built earlier is
# never reused.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip show llama-cpp-python >/dev/null 2>&1 || \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install --quiet --no-cache-dir \
		'llama-cpp-python[server]==0.3.36'
	$(BIN)/python -m pip install --quiet -e '.[embedded,voice,dev]'
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

# Debian's PostgreSQL for the persistence tests: role callback (password callback, may create
# databases) and database callback_test on 127.0.0.1:5432, the default of
# CALLBACK_TEST_POSTGRES_URL. Installed, started and set up only when that database does not
# answer; with CALLBACK_TEST_POSTGRES_URL set, the tests use that server and nothing is done here.
PG_PSQL := runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1
postgres:
	@if [ -n "$${CALLBACK_TEST_POSTGRES_URL:-}" ] || PGCONNECT_TIMEOUT=3 psql -X -tAc 'select 1' \
		postgresql://callback:callback@127.0.0.1:5432/callback_test >/dev/null 2>&1; then exit 0; fi; \
	set -e; \
	if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then \
		echo "postgres: installing Debian's postgresql"; \
		apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi; \
	ver=$$(ls /usr/lib/postgresql | sort -V | tail -n 1); \
	pg_lsclusters -h | grep -q "^$$ver main " || pg_createcluster $$ver main >/dev/null; \
	pg_lsclusters -h | grep -q "^$$ver main .* online" || pg_ctlcluster $$ver main start; \
	for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	$(PG_PSQL) -tAc "select 1 from pg_roles where rolname = 'callback'" | grep -q 1 || \
		$(PG_PSQL) -c "create role callback login createdb password 'callback'"; \
	$(PG_PSQL) -tAc "select 1 from pg_database where datname = 'callback_test'" | grep -q 1 || \
		$(PG_PSQL) -c "create database callback_test owner callback"; \
	PGCONNECT_TIMEOUT=3 psql -X -tAc 'select 1' \
		postgresql://callback:callback@127.0.0.1:5432/callback_test >/dev/null; \
	echo "postgres: PostgreSQL $$ver is serving callback_test on 127.0.0.1:5432"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-types: install
	$(BIN)/mypy

check-imports: install
	$(BIN)/lint-imports

# Two workers for everything but the tests that bound a measured time, which then run alone.
pytest: install chromium postgres
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal -m "not timing" --durations=20
	$(BIN)/pytest -q -m timing

test: lint check-types check-imports pytest

bench: install index
	$(BIN)/python -m evals.bench
	$(BIN)/python -m evals.load


clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache test-output
