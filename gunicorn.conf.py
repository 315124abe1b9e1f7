"""
gunicorn's settings for the site: ``gunicorn -c gunicorn.conf.py centre.wsgi:application``.

Each can be changed by the environment (or on the command line, which wins). Sync workers suit
this site: pages come from the page cache or a few quick queries, and downloads stream in
chunks; nginx in front buffers slow clients, so a worker is never held by one.
"""

import multiprocessing
import os

wsgi_app = "centre.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two workers per core and one more, the usual rule for sync workers.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# GUNICORN_MAX_REQUESTS replaces a worker after that many requests (with jitter, so not all at
# once). Off by default: memory stays flat (see benchmarks/), and a leak should show, not hide.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = 500
# The access log goes to the proxy in front; errors to stderr, for journald.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# Several gunicorn instances on one machine (two sites, or a rolling restart) must not share
# gunicorn 27's control socket, whose default path is one per user.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") == ""
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
