# Ripple's commands. `make demo` and `make test` set up everything they need on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)
# Two stamps: `make demo` installs only what Ripple needs to run; test, lint and browser tools come with
# the first `make test` / `make lint` / `make e2e` (both pinned by constraints.txt).
RUNTIME := $(VENV)/.runtime-$(HASH)
DEV := $(VENV)/.dev-$(HASH)
PIP := $(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt

.PHONY: demo test test-sqlite test-postgres e2e bench lint fmt vendor clean

$(RUNTIME): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $$(command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
	@$(PIP) -e .
	@rm -f $(VENV)/.runtime-* $(VENV)/.installed-* && touch $@

$(DEV): $(RUNTIME)
	@$(PIP) -e '.[dev]'
	@rm -f $(VENV)/.dev-* && touch $@

demo: $(RUNTIME)  ## Run Ripple with the demo organization on http://127.0.0.1:$${PORT:-8000}
	$(BIN)/ripple demo

test: $(DEV)  ## The whole suite on SQLite, then on PostgreSQL
	@scripts/test.sh

test-sqlite: $(DEV)
	@scripts/test.sh sqlite

test-postgres: $(DEV)
	@scripts/test.sh postgres

e2e: $(DEV)  ## Browser tests (Debian chromium, installed if missing)
	@scripts/install-chromium.sh
	$(BIN)/pytest tests/e2e -m e2e -p no:randomly

bench: $(DEV)  ## Benchmarks: ratios measured side by side in one run
	$(BIN)/python -m tests.bench

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(DEV)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

vendor:  ## Refresh vendored front-end files from the npm registry
	@scripts/vendor.sh

clean:
	rm -rf $(VENV) var/test
