# The project's verbs. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run dev test test-postgres test-browser lint format check migrations-check messages superuser clean

# The site with its content, as visitors see it, on http://$(HOST):$(PORT) (127.0.0.1:8000), served
# as in production: gunicorn with gunicorn.conf.py, static files by WhiteNoise, DJANGO_DEBUG off.
# Each start brings the database up to date, adds any missing demo content (seed_demo leaves
# what exists alone) and collects the static files. Ctrl-C stops it.
run: $(VENV)/.installed .env
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput -v0
	$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT)

# Django's development server with DJANGO_DEBUG on: tracebacks, code reloaded on change, and CSS
# changes picked up without collectstatic.
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

# A superuser for the admin. At a terminal it asks; with DJANGO_SUPERUSER_USERNAME, _EMAIL and
# _PASSWORD set it asks nothing (createsuperuser --noinput). Without either it stops with an
# error, where Django would skip the account and report success.
superuser: $(VENV)/.installed .env
	@if [ -n "$$DJANGO_SUPERUSER_USERNAME" ]; then \
		if [ -z "$$DJANGO_SUPERUSER_PASSWORD" ]; then \
			echo "make superuser: DJANGO_SUPERUSER_PASSWORD is not set; an account without a password cannot log in." >&2; \
			exit 1; \
		fi; \
		$(MANAGE) createsuperuser --noinput; \
	elif [ -t 0 ]; then \
		$(MANAGE) createsuperuser; \
	else \
		echo "make superuser: no terminal to ask for a user name and password. Set them instead:" >&2; \
		echo "  DJANGO_SUPERUSER_USERNAME=admin DJANGO_SUPERUSER_EMAIL=admin@example.com DJANGO_SUPERUSER_PASSWORD=... make superuser" >&2; \
		exit 1; \
	fi

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
