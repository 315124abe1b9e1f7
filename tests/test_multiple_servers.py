"""
More than one app server: two gunicorn instances, on two ports, share one PostgreSQL database
and one Redis, as two servers behind a load balancer would. A page is cached through both; staff
log in and save a change through the first; the second serves the new text on the very next
request, and knows the staff member's session. Without Redis, the same through the file-based
cache the instances' workers share on one machine (the embedded default).

Runs where PostgreSQL answers (and Redis, for the Redis case; CI has both); skipped elsewhere.
"""

import http.cookiejar
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .admin_forms import form_data
from .factories import make_page
from .services import redis_answers, redis_url

ROOT = Path(settings.BASE_DIR)
PORTS = (8401, 8402)
# The address visitors use, whichever server answers; new for each run, so that no page cached
# by an earlier run (with other content under the same address) is found in Redis.
HOST = f"centre-{uuid.uuid4().hex[:12]}.test"
PASSWORD = "a-long-test-password"


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def database_url():
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(
    params=[
        pytest.param("redis", marks=pytest.mark.skipif(not redis_answers(), reason="needs Redis")),
        "files",
    ]
)
def servers(request, tmp_path, collected_static):
    """Two gunicorn instances with production settings, sharing the database and the cache."""
    env = {
        **os.environ,
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "centre.settings",
        "DJANGO_DEBUG": "0",
        # Shared by every server: sessions and signed cookies must be valid on all of them.
        "DJANGO_SECRET_KEY": "two-servers-one-secret-for-this-test-only-0123456789",
        "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": database_url(),
        # Redis, or no Redis: Django's file-based cache in one folder on this machine.
        "REDIS_URL": redis_url() if request.param == "redis" else "",
        "CACHE_DIR": str(tmp_path / "cache"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "STATIC_ROOT": str(collected_static),
        "PUBLIC_CACHE_SECONDS": "600",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    processes = [
        subprocess.Popen(
            [
                str(gunicorn),
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                # gunicorn 27 would otherwise give both instances the same control socket.
                "--no-control-socket",
            ],
            env=env,
            cwd=ROOT,
        )
        for port in PORTS
    ]
    try:
        for port, process in zip(PORTS, processes, strict=True):
            wait_until_up(port, process)
        yield [Browser(port) for port in PORTS]
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_until_up(port, process):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"gunicorn on {port} exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return
        except OSError:  # refused, or accepted before a worker is ready: try again
            time.sleep(0.2)
    pytest.fail(f"gunicorn on {port} did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One server's address; a cookie jar may be passed to be a logged-in browser."""

    def __init__(self, port):
        self.port = port

    def request(self, path, data=None, cookies=None, headers=None):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None,
            headers={"Host": HOST, **(headers or {})},
        )
        handlers = [NoRedirect()]
        if cookies is not None:
            handlers.append(urllib.request.HTTPCookieProcessor(cookies))
        opener = urllib.request.build_opener(*handlers)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx and 4xx arrive here
            response = error
        with response:
            return response.status, dict(response.headers), response.read().decode()


def log_in(browser, cookies, username):
    _status, _headers, page = browser.request("/admin/login/", cookies=cookies)
    data = form_data(page, form_id="login-form")
    data.update(username=username, password=PASSWORD, next="/admin/")
    status, _headers, _page = browser.request("/admin/login/", data=data, cookies=cookies)
    assert status == 302, "logged in"


def test_a_save_through_one_server_shows_at_once_through_the_other(
    servers, django_user_model, settings
):
    first, second = servers
    make_page("Ana səhifə", is_home=True)
    page = make_page("Haqqımızda", title_en="About us")
    # The servers run the production settings: a password hashed as they hash them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    django_user_model.objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )

    # Cached through both: the second server finds what the first stored in the shared cache.
    status, headers, html = first.request("/az/haqqimizda/")
    assert status == 200 and "Haqqımızda" in html
    assert headers["X-Page-Cache"] == "miss"
    assert first.request("/az/haqqimizda/")[1]["X-Page-Cache"] == "hit"
    assert second.request("/az/haqqimizda/")[1]["X-Page-Cache"] == "hit"

    # Staff save a change through the first server's admin.
    staff = http.cookiejar.CookieJar()
    log_in(first, staff, "editor")
    change = f"/admin/pages/page/{page.pk}/change/"
    status, _headers, form = first.request(change, cookies=staff)
    assert status == 200
    data = form_data(form)
    data["title_az"] = "Mərkəz haqqında"
    data["_save"] = "Save"
    status, _headers, _page = first.request(change, data=data, cookies=staff)
    assert status == 302, "saved"

    # The very next request, through the other server, has the new text.
    status, headers, html = second.request("/az/haqqimizda/")
    assert status == 200
    assert "Mərkəz haqqında" in html
    assert headers["X-Page-Cache"] == "miss"
    assert "Mərkəz haqqında" in first.request("/az/haqqimizda/")[2]

    # Nothing is kept in one server's memory: the session made on the first works on the second.
    status, _headers, html = second.request("/admin/", cookies=staff)
    assert status == 200
    assert "editor" in html
