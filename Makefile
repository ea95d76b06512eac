# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test browser eval bench lint types check-contacts clean-demo messages

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Browser tests use Debian's Chromium (never a test tool's own download) and axe-core from npm.
browser: node_modules/axe-core/axe.min.js
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium がありません: sudo apt-get install chromium"; exit 1; fi; }

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# `make run` shows the platform's demo (clearly marked); citizens' answers never include it.
run: export DEMO_MODE ?= true
run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py send_outbox --loop & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test browser
	$(BIN)/python -m pytest -q $(PYTEST_ARGS); rc=$$?; [ $$rc -ne 5 ] || { echo "pytest ran no test"; exit 1; }; exit $$rc

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install-test
	$(BIN)/mypy tsunagari

check-contacts:
	$(PY) ../shared/tools/check_contacts.py --repo .

eval: install
	$(BIN)/python -m tsunagari.navigator.evaluate ../shared/eval/navigator_dev.jsonl

bench: install
	$(BIN)/python bench/recommend_bench.py

clean-demo: install
	$(BIN)/python manage.py remove_demo

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'
