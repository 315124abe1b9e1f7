"""
The Makefile's verbs for a newcomer: `make run` serves with gunicorn on HOST:PORT, and
`make superuser` never waits for a terminal it does not have, nor reports success without an
account. Run with make's "assume old" for the virtualenv and .env, so nothing is installed.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def make(*args, **environ):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_SUPERUSER_", "MAKE"))}
    return subprocess.run(
        [MAKE, "-s", "-o", ".venv/.installed", "-o", ".env", *args],
        cwd=ROOT,
        env={**env, **environ},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_serves_with_gunicorn_on_host_and_port():
    result = make("-n", "run", "HOST=0.0.0.0", "PORT=8765")
    assert result.returncode == 0, result.stderr
    commands = result.stdout.strip().splitlines()
    assert commands[-1] == ".venv/bin/gunicorn -c gunicorn.conf.py --bind 0.0.0.0:8765"
    assert not any("runserver" in command for command in commands)
    # Each start: migrations, the demo content (idempotent), the static files.
    assert [c.split()[2] for c in commands[:3]] == ["migrate", "seed_demo", "collectstatic"]


def test_superuser_without_a_terminal_or_the_variables_fails_and_says_how():
    result = make("superuser")
    assert result.returncode != 0
    assert "no terminal" in result.stderr
    assert "DJANGO_SUPERUSER_PASSWORD=" in result.stderr


def test_superuser_without_a_password_fails_rather_than_make_an_account_that_cannot_log_in():
    result = make("superuser", DJANGO_SUPERUSER_USERNAME="admin")
    assert result.returncode != 0
    assert "DJANGO_SUPERUSER_PASSWORD is not set" in result.stderr
