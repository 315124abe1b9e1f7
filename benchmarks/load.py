"""
Load: many visitors at once against gunicorn on 127.0.0.1, over every kind of page.

    .venv/bin/python benchmarks/load.py [--clients 50] [--seconds 60] [--workers N]

The script makes its own PostgreSQL cluster (port 25433) and site, as benchmarks/db_restart.py
does (see benchmarks/support.py for what it needs: the project's .venv and
``apt-get install -y postgresql``), and serves it with gunicorn on 127.0.0.1:8302, production
settings over plain HTTP. Each client asks, in turn, for the home page, a page, the partner
list, a partner, the publication list, a publication, a search and a PDF download, as fast as it
is answered. The script prints requests per second and latency per kind of page, the status
codes, and fails (exit status 1) on any 5xx answer or connection error. Python's standard
library only.
"""

import argparse
import os
import statistics
import threading
import time
from collections import Counter, defaultdict
from http.client import HTTPConnection

import support


class Client(threading.Thread):
    def __init__(self, number, port, urls, until, results):
        super().__init__(daemon=True)
        self.number, self.port, self.urls, self.until = number, port, urls, until
        self.results = results

    def run(self):
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        kinds = list(self.urls)
        turn = self.number  # clients start at different kinds of page
        while time.monotonic() < self.until:
            kind = kinds[turn % len(kinds)]
            turn += 1
            status, seconds, error, size = support.request(
                self.port, self.urls[kind], connection=connection
            )
            if error:
                connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.results.append((kind, status, error, seconds, size))


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def report(results, seconds, clients):
    by_kind = defaultdict(list)
    for kind, status, error, elapsed, size in results:
        by_kind[kind].append((status, error, elapsed, size))
    statuses = Counter(status for _kind, status, _e, _s, _size in results if status)
    errors = Counter(error for _kind, _status, error, _s, _size in results if error)
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    print(f"\n{clients} clients for {seconds:.0f} s: {len(results)} requests, "
          f"{len(results) / seconds:.1f} requests/s")  # fmt: skip
    print(f"{'kind':<18}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p90 ms':>9}"
          f"{'p99 ms':>9}{'max ms':>9}  statuses")  # fmt: skip
    for kind, rows in by_kind.items():
        times = [elapsed * 1000 for _status, _error, elapsed, _size in rows]
        codes = Counter(str(status) if status else "error" for status, *_ in rows)
        print(
            f"{kind:<18}{len(rows):>9}{len(rows) / seconds:>8.1f}"
            f"{statistics.median(times):>9.0f}{percentile(times, 0.9):>9.0f}"
            f"{percentile(times, 0.99):>9.0f}{max(times):>9.0f}  "
            + ", ".join(f"{code}: {count}" for code, count in sorted(codes.items()))
        )
    downloads = by_kind.get("download", [])
    if downloads:
        total = sum(size for *_rest, size in downloads)
        print(f"download: {total / 1024 / 1024:.1f} MB sent, "
              f"{total / 1024 / 1024 / seconds:.1f} MB/s")  # fmt: skip
    times = [elapsed * 1000 for _k, _s, _e, elapsed, _size in results]
    print(f"all: p50 {statistics.median(times):.0f} ms, p99 {percentile(times, 0.99):.0f} ms")
    print(f"status codes: {dict(sorted(statuses.items()))}")
    print(f"5xx answers: {server_errors}; connection errors: {sum(errors.values())} {dict(errors)}")
    return server_errors == 0 and not errors


def run(port, urls, clients, seconds):
    support.log(f"{clients} clients for {seconds} s against 127.0.0.1:{port}")
    for kind, path in urls.items():
        status = support.request(port, path)[0]
        support.log(f"  {kind:<17} {path} -> {status}")
    results = []
    until = time.monotonic() + seconds
    started = time.monotonic()
    threads = [Client(number, port, urls, until, results) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return report(results, time.monotonic() - started, clients)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--pg-port", type=int, default=25433)
    parser.add_argument("--port", type=int, default=8302)
    args = parser.parse_args()

    with support.site_on_gunicorn(args.pg_port, args.port, args.workers) as site:
        ok = run(args.port, site.urls, args.clients, args.seconds)
    print(f"\ngunicorn: {args.workers} sync workers on {os.cpu_count()} CPUs (shared with "
          f"the clients and PostgreSQL)")  # fmt: skip
    print("RESULT:", "no 5xx, no connection errors" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
