"""
What load.py and db_restart.py share: a throw-away PostgreSQL cluster, the site loaded into it,
and gunicorn serving it on 127.0.0.1 (the production environment and gunicorn.conf.py, as
server.py starts them for http_bench and download_bench).

Needs: the project's virtual environment (``make test`` makes it; gunicorn is in
requirements.txt) and PostgreSQL's server programs (``apt-get install -y postgresql``: initdb and
pg_ctl under /usr/lib/postgresql/<version>/bin). Nothing here touches another PostgreSQL server:
each cluster lives in its own temporary folder, on its own port, and is deleted afterwards. Run as
root, the cluster runs as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

import contextlib
import glob
import http.client
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import server  # benchmarks/, beside this file


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def postgres_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if not found:
        sys.exit("PostgreSQL's server programs are missing: apt-get install -y postgresql")
    return Path(found[-1]).parent


def _version(path):
    return int(Path(path).parent.parent.name.split(".")[0])


class TemporaryPostgres:
    """A PostgreSQL cluster of its own, in ``workdir``, listening on 127.0.0.1:``port``."""

    def __init__(self, workdir, port, database="centre"):
        self.bin = postgres_bin()
        self.port, self.database = port, database
        self.data = Path(workdir) / "pgdata"
        self.socket_dir = Path(workdir) / "pgsocket"
        self.logfile = Path(workdir) / "postgres.log"
        self.as_postgres = os.geteuid() == 0

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *command, check=True):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(
            [*prefix, *map(str, command)], check=check, capture_output=True, text=True
        )

    def create(self):
        for path in (self.data, self.socket_dir):
            path.mkdir(parents=True)
        self.logfile.touch()
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            for path in (self.data, self.socket_dir, self.logfile):
                os.chown(path, user.pw_uid, user.pw_gid)
        self._run(
            self.bin / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-locale",
        )  # fmt: skip
        self.start()
        self._run(
            self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres",
            self.database,
        )  # fmt: skip
        return self

    def start(self):
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.logfile, "-o", options, "-w",
                  "start")  # fmt: skip

    def stop(self, mode="fast"):
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)


def site_environment(workdir, database_url):
    """The benchmarks' production environment (server.py)."""
    return server.site_environment(
        workdir,
        database_url,
        DJANGO_LOG_LEVEL="CRITICAL",  # the scripts report errors themselves
    )


def manage(env, *arguments):
    result = server.manage(env, *arguments, capture=True)
    return result.stdout


def prepare_site(env):
    log("migrating, loading the demo content, collecting static files")
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput")


SAMPLE_URLS = """
import json
from django.urls import reverse
from django.utils import translation
from pages.models import Page
from partners.models import Partner
from publications.models import Publication, PublicationFile
with translation.override("az"):
    print(json.dumps({
        "home": reverse("pages:home"),
        "page": Page.objects.published().filter(parent__isnull=False).first().get_absolute_url(),
        "partner list": reverse("partners:list"),
        "partner": Partner.objects.active().first().get_absolute_url(),
        "publication list": reverse("publications:list"),
        "publication": Publication.objects.published().first().get_absolute_url(),
        "search": reverse("search") + "?q=inqilab",
        "download": PublicationFile.objects.order_by("-size").first().get_absolute_url(),
    }))
"""


def sample_urls(env):
    """One real address per page type, from the loaded content."""
    return json.loads(manage(env, "shell", "-v", "0", "-c", SAMPLE_URLS).splitlines()[-1])


class Gunicorn(server.Gunicorn):
    """server.Gunicorn, quiet, saying when it is up."""

    def __init__(self, env, port, workers):
        super().__init__(env, port, workers, quiet=True)

    def start(self):
        super().start()
        log(f"gunicorn {self.process.pid} serves 127.0.0.1:{self.port}, {self.workers} workers")
        return self


def request(port, path, timeout=10, connection=None):
    """``(status or None, seconds, error or None, body bytes)`` for one GET."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        size = len(response.read())
        return response.status, time.perf_counter() - started, None, size
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        return None, time.perf_counter() - started, type(error).__name__, 0
    finally:
        if own:
            connection.close()


def make_workdir():
    workdir = Path(tempfile.mkdtemp(prefix="centre-bench-"))
    workdir.chmod(0o755)  # the postgres user must reach its data folder
    return workdir


def remove_workdir(workdir):
    shutil.rmtree(workdir, ignore_errors=True)


@dataclass
class Site:
    postgres: TemporaryPostgres
    gunicorn: Gunicorn
    urls: dict  # one real address per kind of page


@contextlib.contextmanager
def site_on_gunicorn(pg_port, port, workers):
    """A new PostgreSQL cluster with the demo content, served by gunicorn; all gone afterwards."""
    workdir = make_workdir()
    postgres = TemporaryPostgres(workdir, pg_port)
    gunicorn = None
    try:
        log(f"creating a PostgreSQL cluster in {workdir} on port {pg_port}")
        postgres.create()
        env = site_environment(workdir, postgres.url)
        prepare_site(env)
        urls = sample_urls(env)
        gunicorn = Gunicorn(env, port, workers).start()
        yield Site(postgres, gunicorn, urls)
    finally:
        if gunicorn:
            gunicorn.stop()
        postgres.stop(mode="immediate")
        remove_workdir(workdir)
