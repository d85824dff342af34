# foodsafe (食安台账) — the two commands of the README contract:
#   make demo   set up this machine, load demo data, serve http://127.0.0.1:8000 on SQLite
#   make test   set up this machine and run the whole suite (lint, migrations, unit and browser tests)
# DATABASE_URL=postgres://… make test runs the suite on PostgreSQL (that is what .ci/run does).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# WeasyPrint draws PDFs with Pango; Noto CJK gives real Chinese glyphs, harfbuzz-subset keeps
# font subsetting under a second (fontTools takes 13–20 s per PDF without it).
RUNTIME_APT := fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 python3-venv
# pg_dump/pg_restore/psql for backup and restore; Debian's postgresql-client matches its server (15).
TEST_APT := $(RUNTIME_APT) chromium poppler-utils postgresql-client
DEMO_ENV := DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test check lint format bench system-deps-runtime system-deps-test venv venv-dev clean

demo: system-deps-runtime venv
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo
	@echo "食安台账已启动：http://$(HOST):$(PORT)/  （Ctrl+C 停止）"
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: system-deps-test venv-dev check
	$(BIN)/pytest -n 2 --dist loadgroup -p no:cacheprovider

# Static checks: lint, formatting, migrations in step with the models, production settings.
check: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-only-$$(date +%s)-a-long-random-looking-string ALLOWED_HOSTS=foodsafe.example \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

lint: check

format: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv-dev
	DEBUG=1 $(BIN)/python bench/run.py

system-deps-runtime:
	@./.ci/apt-ensure $(RUNTIME_APT)

system-deps-test:
	@./.ci/apt-ensure $(TEST_APT)

venv: $(VENV)/.runtime-installed
venv-dev: $(VENV)/.dev-installed

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "需要 Python 3.11 或更新版本"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
