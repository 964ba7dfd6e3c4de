# Frontline Coach. `make demo` to try it, `make test` to check everything. Both set up a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
COACH := $(VENV)/bin/coach
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-16)

.PHONY: setup demo test lint unit nlu-up nlu-down nlu-eval clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the app into $(VENV)..."
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 \
	  | grep -v "is ignored: it is neither a file nor a directory" || true
	@$(VENV)/bin/python -c 'import bot.cli'
	@rm -f $(VENV)/.installed-* && touch $@

## setup: app venv, Rasa venv, NLU model (cached by content hash), database, demo data. Idempotent.
setup: $(STAMP)
	@bash nlu/setup-rasa-venv.sh
	@$(COACH) nlu train
	@$(COACH) db upgrade
	@$(COACH) demo

## demo: set up, start the NLU server, open a drill in the terminal; stops the server it started.
demo: setup
	@$(COACH) demo --play

## nlu-up / nlu-down: the local Rasa server in the background (pid in var/rasa.pid).
nlu-up: $(STAMP)
	@$(COACH) nlu up

nlu-down: $(STAMP)
	@$(COACH) nlu down

## nlu-eval: element detection on the held-out and external labelled sets, plus Rasa cross-validation.
nlu-eval: setup
	@$(COACH) nlu eval

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## test: set up, then ruff, mypy, `rasa data validate` and every test (real Rasa; PostgreSQL when TEST_DATABASE_URL is set).
test: setup lint
	@echo "rasa data validate"
	@cd nlu && out=$$(PYTHONPATH=.. ../.venv-rasa/bin/rasa data validate --domain domain.yml --data data 2>&1) \
	  || { echo "$$out"; exit 1; }
	$(VENV)/bin/pytest -q

## unit: the fast tests only, without Rasa or PostgreSQL.
unit: $(STAMP)
	$(VENV)/bin/pytest -q tests/unit

clean:
	rm -rf $(VENV) .venv-rasa var .mypy_cache .ruff_cache .pytest_cache
