# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Mails and gathering pages link to the address `make run` serves (make run PORT=8123 → :8123).
SITE_URL ?= http://$(HOST):$(PORT)
RUN_ENV = SITE_URL=$(SITE_URL)
# DEBUG is off unless switched on (tsunagari/settings.py). Every target here is a developer's
# (the dev server, tests, lint, types, training), so the Makefile switches it on; production
# runs gunicorn with DEBUG unset and SECRET_KEY set (README.md).
export DEBUG ?= true

.PHONY: run test install install-test browser eval train bench lint types check-contacts clean-demo messages load drill

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

# つながりサポーター certificates, the handbook and posters are drawn with Japanese fonts from
# Debian (BIZ UD, Noto CJK as the fallback); WeasyPrint needs Debian's pango and harfbuzz-subset.
.PHONY: fonts
CERT_FONT := /usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf
PDF_DEBS := fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
PDF_FILES := $(CERT_FONT) /usr/share/fonts/truetype/bizud-mincho/BIZUDPMincho-Regular.ttf /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
fonts:
	@for f in $(PDF_FILES); do [ -f $$f ] || missing=1; done; \
	ldconfig -p | grep -q libpangoft2-1.0.so.0 && ldconfig -p | grep -q libharfbuzz-subset.so.0 || missing=1; \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS) >/dev/null; \
	  else echo "日本語フォントか pango がありません: sudo apt-get install $(PDF_DEBS)"; exit 1; fi; }

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# `make run` shows the platform's demo (clearly marked); citizens' answers never include it.
# The task worker (mail, reminders) runs beside the server and stops with it.
run: export DEMO_MODE ?= true
run: install fonts
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_seed
	$(RUN_ENV) $(BIN)/python manage.py run_worker & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test browser fonts
	$(BIN)/python -m pytest -q $(PYTEST_ARGS); rc=$$?; [ $$rc -ne 5 ] || { echo "pytest ran no test"; exit 1; }; exit $$rc

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install-test
	$(BIN)/mypy tsunagari

check-contacts:
	$(PY) ../shared/tools/check_contacts.py --repo .

EVAL ?= ../shared/eval
eval: install
	$(BIN)/python -m tsunagari.navigator.evaluate $(EVAL)/navigator_dev.jsonl $(EVAL)/navigator_real_dev.jsonl --long $(EVAL)/navigator_real_dev.jsonl

train: install
	$(BIN)/python manage.py train_navigator

bench: install fonts
	$(BIN)/python bench/recommend_bench.py
	$(BIN)/python bench/survey_bench.py
	$(BIN)/python bench/handbook_bench.py

clean-demo: install
	$(BIN)/python manage.py remove_demo

# One catalog per interface language (settings.LANGUAGES but Japanese, the msgids' language;
# decision 0039). makemessages keeps the translations already there and adds new msgids.
LOCALES := ja_Easy en zh_Hans ko vi pt_BR es tl ne
messages: install
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(LOCALES)) --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages $(addprefix -l ,$(LOCALES)) --ignore '.venv/*'

# Load test (bench/load/): gunicorn + PostgreSQL, then SQLite, users stepped up; prints the
# table and the knee. A benchmark, not part of `make test`. LOAD_STEPS=2,4,8 LOAD_STEP_SECONDS=30
.PHONY: load
load: install
	$(BIN)/pip install -q -e '.[load]'
	$(BIN)/python bench/load/run.py $(LOAD_ARGS)

# Fault drills, each printing what was lost: kill -9 of a gunicorn worker during saves
# (SQLite, then PostgreSQL), then SMTP down, disk full and the database-gone page (tests).
drill: install-test
	$(BIN)/pip install -q -e '.[load]'
	$(BIN)/python bench/drills/kill_worker.py
	DRILL_DB=postgresql $(BIN)/python bench/drills/kill_worker.py
	$(BIN)/python -m pytest -q -s -p no:logging tsunagari/ops/tests/test_drills.py
