# Ripple's commands. `make demo` and `make test` set up everything they need on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)

.PHONY: demo test test-sqlite test-postgres e2e bench lint fmt vendor clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $$(command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
	@$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

demo: $(STAMP)  ## Run Ripple with the demo organization on http://127.0.0.1:$${PORT:-8000}
	$(BIN)/ripple demo

test: $(STAMP)  ## The whole suite on SQLite, then on PostgreSQL
	@scripts/test.sh

test-sqlite: $(STAMP)
	@scripts/test.sh sqlite

test-postgres: $(STAMP)
	@scripts/test.sh postgres

e2e: $(STAMP)  ## Browser tests (Debian chromium, installed if missing)
	@scripts/install-chromium.sh
	$(BIN)/pytest tests/e2e -m e2e -p no:randomly

bench: $(STAMP)  ## Benchmarks: ratios measured side by side in one run
	$(BIN)/python -m tests.bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

vendor:  ## Refresh vendored front-end files from the npm registry
	@scripts/vendor.sh

clean:
	rm -rf $(VENV) var/test
