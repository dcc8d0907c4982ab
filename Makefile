# sendplan: `make run` serves the example plan on http://127.0.0.1:8000; `make test` runs every test.
# Both set everything up first: Python virtual environment, pinned packages, front-end build.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
EXAMPLE := sendplan/plans/example/example-plan.docx

.PHONY: setup run test lint format bench browser clean

setup: $(VENV)/.installed sendplan/static/build/.built

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "sendplan needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

sendplan/static/build/.built: node_modules/.installed sendplan/frontend/main.scss sendplan/frontend/build.mjs
	npm run -s build
	touch $@

# Debian's Chromium, for the browser tests (installed only when missing).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null; \
	  else sudo apt-get install -y -q chromium >/dev/null; fi; }

run: setup
	$(BIN)/sendplan migrate --no-input
	$(BIN)/sendplan import-plan $(EXAMPLE) --slug example-plan --partnership "Riverside Local Area SEND and AP Partnership" --quiet
	SECURE_COOKIES=$${SECURE_COOKIES:-false} $(BIN)/sendplan serve --host $(HOST) --port $(PORT)

test: setup browser
	$(BIN)/ruff check sendplan
	$(BIN)/ruff format --check sendplan
	$(BIN)/sendplan makemigrations --check --dry-run
	$(BIN)/pytest

lint:
	$(BIN)/ruff check sendplan && $(BIN)/ruff format --check sendplan

format:
	$(BIN)/ruff format sendplan && $(BIN)/ruff check --fix sendplan

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules sendplan/static/build var
