"""Django started in a fresh process, with the environment a test gives it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_django(code="print('started')", **environment):
    """Run ``code`` after ``django.setup()`` in a fresh process with ``environment``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    # A developer's .env file must not answer for the environment under test.
    env.update(environment, DJANGO_SETTINGS_MODULE="centre.settings", DJANGO_ENV_FILE="")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def setting(expression, **environment):
    result = start_django(f"from django.conf import settings; print({expression})", **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
