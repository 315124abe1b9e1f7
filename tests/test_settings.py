"""Production settings fail closed; development settings need nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .processes import setting, start_django

ROOT = Path(__file__).resolve().parent.parent


def test_production_refuses_to_start_without_a_secret_key():
    result = start_django(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_django(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = start_django(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0  # DEBUG off by default: hosts are then required


def test_production_starts_with_the_documented_variables():
    result = start_django(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org"
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_needs_nothing():
    assert setting("settings.DEBUG", DJANGO_DEBUG="1") == "True"


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://postgres@127.0.0.1:5432/centre", "django.db.backends.postgresql"),
        ("sqlite:////tmp/centre.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_comes_from_database_url(url, engine):
    assert (
        setting("settings.DATABASES['default']['ENGINE']", DJANGO_DEBUG="1", DATABASE_URL=url)
        == engine
    )


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "django.core.cache.backends.filebased.FileBasedCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_redis_url_selects_the_shared_cache(redis_url, backend):
    expression = "settings.CACHES['default']['BACKEND']"
    assert setting(expression, DJANGO_DEBUG="1", REDIS_URL=redis_url) == backend


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "centre.settings",
            "DJANGO_ENV_FILE": "",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "a-production-secret-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "4sim.example.az",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("settings.SECURE_SSL_REDIRECT", "True"),
        ("settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE", "True"),
        ("settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY", "True"),
        ("settings.SECURE_HSTS_SECONDS", "31536000"),
        ("settings.X_FRAME_OPTIONS", "DENY"),
        ("settings.SECURE_CROSS_ORIGIN_OPENER_POLICY", "same-origin"),
    ],
)
def test_production_is_https_only_by_default(expression, value):
    production = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "a.az",
    }
    assert setting(expression, **production) == value


def test_a_local_plain_http_run_can_turn_https_off():
    local = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.az"}
    assert setting("settings.SECURE_SSL_REDIRECT", DJANGO_HTTPS="0", **local) == "False"


PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.az"}


@pytest.mark.parametrize("hosts", ["*", "a.az,*", "*.a.az"])
def test_production_refuses_any_host(hosts):
    result = start_django(**{**PRODUCTION, "DJANGO_ALLOWED_HOSTS": hosts})
    assert result.returncode != 0
    assert "not '*'" in result.stderr


def test_hsts_preload_is_opt_in():
    assert setting("settings.SECURE_HSTS_PRELOAD", **PRODUCTION) == "False"
    assert setting("settings.SECURE_HSTS_PRELOAD", DJANGO_HSTS_PRELOAD="1", **PRODUCTION) == "True"


def test_the_health_check_is_exempt_from_the_https_redirect():
    assert setting("settings.SECURE_SSL_REDIRECT", **PRODUCTION) == "True"
    assert setting("settings.SECURE_REDIRECT_EXEMPT", **PRODUCTION) == "['^healthz$']"


@pytest.mark.parametrize(
    ("value", "meaning"),
    [
        ("0", ""),
        ("", ""),
        ("1", "superusers"),
        ("superusers", "superusers"),
        ("Publishers", "publishers"),
        ("staff", "staff"),
    ],
)
def test_admin_require_2fa_values(value, meaning):
    assert setting("repr(settings.ADMIN_REQUIRE_2FA)", ADMIN_REQUIRE_2FA=value, **PRODUCTION) == (
        repr(meaning)
    )


def test_an_unknown_admin_require_2fa_value_is_refused():
    result = start_django(ADMIN_REQUIRE_2FA="everyone", **PRODUCTION)
    assert result.returncode != 0
    assert "ADMIN_REQUIRE_2FA must be" in result.stderr


def test_make_runs_env_prints_the_emails():
    # `make run` (debug off) has no mail server: with SMTP, no review e-mail was seen anywhere.
    lines = (ROOT / ".env.example").read_text().splitlines()
    environment = dict(
        line.split("=", 1) for line in lines if line.strip() and not line.startswith("#")
    )
    assert environment["DJANGO_DEBUG"] == "0"
    environment["DJANGO_SECRET_KEY"] = "x" * 50  # as `make run` writes it
    backend = setting("settings.EMAIL_BACKEND", **environment)
    assert backend == "django.core.mail.backends.console.EmailBackend"
