"""
What both benchmarks share: the site's data, and gunicorn started the way production starts it.

The site runs with production settings (``DJANGO_DEBUG=0``, hashed static files, real 404s)
except for plain HTTP (``DJANGO_HTTPS=0``), from ``gunicorn.conf.py``, with the benchmark's
baseline view switched on (``DJANGO_BENCHMARK_BASELINE=1``). Everything it writes goes to a
work directory (``var/bench`` unless told otherwise), never to the developer's own site data.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

# The data set both benchmarks use: generate_content tops it up, so a second run adds nothing.
CONTENT = {
    "pages": 300,
    "partners": 300,
    "publications": 1000,
    "large_pdfs": 2,
    "large_pdf_mb": 200,
}


def add_arguments(parser):
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="The benchmark's database (default: SQLite in the work directory). For figures "
        "like production's: postgres://postgres@127.0.0.1:5432/centre_bench",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", ""),
        help="Redis for the page cache (default: each worker's memory).",
    )
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--port", type=int, default=8411)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--skip-data", action="store_true", help="Use the work directory's data as it is."
    )


def site_environment(workdir, database_url, redis_url="", **extra):
    """
    The environment of every command and server a benchmark starts: production settings over
    plain HTTP, with everything the site writes inside ``workdir``.
    """
    workdir = Path(workdir)
    env = {
        **os.environ,
        "DJANGO_ENV_FILE": "",  # not the developer's .env
        "DJANGO_SETTINGS_MODULE": "centre.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "STATIC_ROOT": str(workdir / "static"),
        "PUBLIC_CACHE_STATE_FILE": str(workdir / "cache-generation"),
        "REDIS_URL": redis_url,
        "DJANGO_BENCHMARK_BASELINE": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


def environment(options, **extra):
    """``site_environment`` for http_bench, download_bench and page_profile's options."""
    workdir = Path(options.workdir)
    database = options.database_url or f"sqlite:///{workdir / 'db.sqlite3'}"
    return site_environment(workdir, database, options.redis_url, **extra)


def manage(env, *args, capture=False):
    command = [str(PYTHON), str(ROOT / "manage.py"), *args]
    return subprocess.run(
        command, env=env, cwd=ROOT, check=True, capture_output=capture, text=capture
    )


def ensure_database(url):
    """Create the PostgreSQL database named in ``url`` if it does not exist yet."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def prepare(options, log=print):
    """Migrate, generate the content (a no-op once there), collect the static files."""
    Path(options.workdir).mkdir(parents=True, exist_ok=True)
    env = environment(options)
    if options.skip_data:
        return
    if options.database_url.startswith("postgres"):
        ensure_database(options.database_url)
    log("== preparing the data (migrate, generate_content, collectstatic)")
    manage(env, "migrate", "--noinput", "-v0")
    manage(
        env,
        "generate_content",
        *(f"--{name.replace('_', '-')}={value}" for name, value in CONTENT.items()),
    )
    manage(env, "collectstatic", "--noinput", "-v0")


def start_cache_generation(options):
    """
    Make every page cached by an earlier run stale (centre.cache.invalidate), so that the pages
    measured are those this code renders, not what Redis kept from before a change.
    """
    manage(
        environment(options),
        "shell",
        "-v0",
        "-c",
        "from centre.cache import invalidate; invalidate()",
    )


SHELL_QUERY = """
import json
from django.utils import translation
from centre.generated_text import SLUG_MARK_REGEX
from pages.models import Page
from partners.models import Partner
from publications.models import Publication, PublicationFile
generated = {"slug_az__regex": SLUG_MARK_REGEX}
with translation.override("az"):
    page = Page.objects.published().filter(**generated).order_by("-url_path_az").first()
    partner = Partner.objects.active().filter(**generated).exclude(logo="").first()
    publication = Publication.objects.published().filter(**generated, files__isnull=False).first()
    large = PublicationFile.objects.filter(
        publication__in=Publication.objects.published()).order_by("-size").first()
    print(json.dumps({
        "page": page.get_absolute_url(),
        "partner": partner.get_absolute_url(),
        "publication": publication.get_absolute_url(),
        "large_file": large.get_absolute_url(),
        "large_file_name": large.file.name,
        "large_file_size": large.size,
        "counts": {
            "pages": Page.objects.count(),
            "partners": Partner.objects.count(),
            "publications": Publication.objects.count(),
        },
    }))
"""


def site_facts(options):
    """Addresses of generated objects to fetch, and what the database holds."""
    result = manage(environment(options), "shell", "-c", SHELL_QUERY, capture=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def page_addresses(facts):
    """(name, address) of every public page type the benchmarks fetch, the baseline first."""
    return [
        ("baseline (bare view)", "/benchmark/baseline/"),
        ("home", "/az/"),
        ("page", facts["page"]),
        ("partners list", "/az/terefdaslar/"),
        ("partner", facts["partner"]),
        ("publications list, filtered", "/en/publications/?technology=artificial-intelligence"),
        ("publication", facts["publication"]),
        ("search", "/az/axtaris/?q=texnologiya"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap page (50 objects)", "/sitemap-publications.xml"),
    ]


def database_label(options):
    return "PostgreSQL" if options.database_url.startswith("postgres") else "SQLite"


class Gunicorn:
    """gunicorn from the site's gunicorn.conf.py on 127.0.0.1:``port``, as production runs it."""

    def __init__(self, env, port, workers, quiet=False):
        self.env = {**env, "GUNICORN_WORKERS": str(workers)}
        self.port, self.workers, self.quiet = port, workers, quiet
        self.process = None

    def start(self):
        command = [
            str(GUNICORN),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            # Its own control socket would be shared by every gunicorn started here.
            "--no-control-socket",
        ]
        output = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=output, stderr=output
        )
        try:
            wait_until_up(f"http://127.0.0.1:{self.port}/healthz", self.process)
        except BaseException:
            self.stop()
            raise
        return self

    def worker_pids(self):
        return worker_pids(self.process.pid)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def gunicorn(options, **extra):
    """gunicorn serving the benchmark's site (``options``) until the block ends."""
    server = Gunicorn(environment(options, **extra), options.port, options.workers).start()
    try:
        yield server.process
    finally:
        server.stop()


def wait_until_up(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, or accepted before a worker is ready
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {url} within {seconds} s")


def worker_pids(master_pid):
    """The gunicorn workers: the master's child processes."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            children.append(int(entry.name))
    return sorted(children)


def rss_mb(pid):
    """A process's resident memory in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
