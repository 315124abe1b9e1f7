# The project's verbs. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run dev test test-postgres test-browser lint format check migrations-check messages superuser clean

# The site with its content, as visitors see it, on http://127.0.0.1:8000
run: $(VENV)/.installed .env
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) runserver $(HOST):$(PORT)

# The same with DJANGO_DEBUG on: tracebacks, and CSS changes picked up without collectstatic.
dev: $(VENV)/.installed .env
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# Only the browser tests (Debian's Chromium driven by Playwright; also part of `make test`).
test-browser: $(VENV)/.installed-dev
	$(PY) -m pytest tests/browser $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-dev
	DATABASE_URL=$(POSTGRES_TEST_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=centre.test_settings $(MANAGE) check
	DJANGO_SETTINGS_MODULE=centre.test_settings $(MANAGE) makemigrations --check --dry-run

migrations-check: check

# Extract UI strings into locale/*/django.po, then compile the .mo files (both are committed).
messages: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=centre.test_settings $(MANAGE) makemessages -l az -l en -l ru --no-obsolete --ignore=.venv --ignore=var
	DJANGO_SETTINGS_MODULE=centre.test_settings $(MANAGE) compilemessages --ignore=.venv

superuser: $(VENV)/.installed .env
	$(MANAGE) createsuperuser

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# A local settings file with a fresh secret key, made once.
.env:
	sed "s/^DJANGO_SECRET_KEY=.*/DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')/" .env.example > $@

clean:
	rm -rf $(VENV) var/static
