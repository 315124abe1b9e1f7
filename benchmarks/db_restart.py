"""
PostgreSQL restarts while gunicorn serves: requests fail only while it is down, then succeed
again without restarting gunicorn.

    .venv/bin/python benchmarks/db_restart.py [--down-seconds 5] [--workers 2]

The script makes its own PostgreSQL cluster in a temporary folder (port 25432 unless told
otherwise; see benchmarks/support.py for what it needs), migrates and loads the demo content,
starts gunicorn with the production settings over plain HTTP (DJANGO_HTTPS=0), and keeps asking
for a page and for /healthz. It then stops PostgreSQL, waits, starts it again, and prints when
requests failed, how, and how long the site took to recover, and whether gunicorn (master and
workers) stayed the same processes throughout. Everything is removed at the end.
"""

import argparse
import threading
import time
from collections import Counter

import support


class Poller(threading.Thread):
    """Asks for one address every ``interval`` seconds; records (time, status, error)."""

    def __init__(self, port, path, interval, started):
        super().__init__(daemon=True)
        self.port, self.path, self.interval, self.started = port, path, interval, started
        self.results, self.stopping = [], threading.Event()

    def run(self):
        while not self.stopping.is_set():
            at = time.monotonic() - self.started
            status, seconds, error, _size = support.request(self.port, self.path, timeout=10)
            self.results.append((at, status, error, seconds))
            self.stopping.wait(self.interval)

    def healthy_since(self):
        """Seconds of unbroken success up to now (0 when the last request failed)."""
        last_failure = max((at for at, status, *_ in self.results if status != 200), default=None)
        if not self.results or self.results[-1][1] != 200:
            return 0
        first = self.results[0][0] if last_failure is None else last_failure
        return self.results[-1][0] - first


def outcome(status, error):
    return str(status) if status else f"connection error ({error})"


def report(poller, stopped_at, started_at):
    failures = [(at, status, error) for at, status, error, _ in poller.results if status != 200]
    before = [r for r in poller.results if r[0] < stopped_at]
    after = [r for r in poller.results if r[0] >= started_at]
    print(f"\n{poller.path}: {len(poller.results)} requests")
    print(f"  before the stop: {sum(r[1] == 200 for r in before)}/{len(before)} answered 200")
    if not failures:
        print("  no request failed")
    else:
        kinds = Counter(outcome(status, error) for _at, status, error in failures)
        first, last = failures[0][0], failures[-1][0]
        print(
            f"  failed: {len(failures)} requests from t={first:.2f}s to t={last:.2f}s "
            f"({', '.join(f'{count}x {kind}' for kind, count in kinds.most_common())})"
        )
    recovered = next((at for at, status, *_ in after if status == 200), None)
    if recovered is None:
        print("  NOT RECOVERED")
        return None
    late = [r for r in after if r[0] > recovered and r[1] != 200]
    print(
        f"  first success after PostgreSQL was back: t={recovered:.2f}s, "
        f"{recovered - started_at:.2f}s after it accepted connections again"
    )
    print(f"  failures after that: {len(late)}")
    slowest = max((seconds for *_, seconds in poller.results), default=0)
    print(f"  slowest answer: {slowest * 1000:.0f} ms")
    return recovered - started_at if not late else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--down-seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    # Below Linux's range of ports for outgoing connections (32768 and up): a port there may
    # still be held by one of the many connections a load test just closed.
    parser.add_argument("--pg-port", type=int, default=25432)
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--interval", type=float, default=0.1)
    args = parser.parse_args()

    with support.site_on_gunicorn(args.pg_port, args.port, args.workers) as site:
        return observe_a_restart(site, args)


def observe_a_restart(site, args):
    postgres, gunicorn = site.postgres, site.gunicorn
    master, workers = gunicorn.process.pid, gunicorn.worker_pids()
    clock = time.monotonic()
    pollers = [
        start_poller(args, path, clock) for path in (site.urls["publication list"], "/healthz")
    ]
    time.sleep(5)
    stopped_at = time.monotonic() - clock
    support.log(f"t={stopped_at:.2f}s stopping PostgreSQL (pg_ctl stop -m fast)")
    postgres.stop()
    support.log(f"t={time.monotonic() - clock:.2f}s PostgreSQL is down")
    time.sleep(args.down_seconds)
    support.log(f"t={time.monotonic() - clock:.2f}s starting PostgreSQL")
    postgres.start()
    started_at = time.monotonic() - clock
    support.log(f"t={started_at:.2f}s PostgreSQL accepts connections again")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(p.healthy_since() < 5 for p in pollers):
        time.sleep(0.2)
    for poller in pollers:
        poller.stopping.set()
        poller.join()

    print(f"\nPostgreSQL was down from t={stopped_at:.2f}s to t={started_at:.2f}s")
    recoveries = [report(poller, stopped_at, started_at) for poller in pollers]
    same = gunicorn.process.pid == master and gunicorn.worker_pids() == workers
    print(
        f"\ngunicorn: master {master}, workers {workers} before; master "
        f"{gunicorn.process.pid}, workers {gunicorn.worker_pids()} after: "
        f"{'not restarted' if same else 'RESTARTED'}"
    )
    if None in recoveries or not same:
        print("RESULT: the site did not recover by itself")
        return 1
    print(
        f"RESULT: recovered without restarting gunicorn, "
        f"{max(recoveries):.2f}s after PostgreSQL was back"
    )
    return 0


def start_poller(args, path, clock):
    poller = Poller(args.port, path, args.interval, clock)
    poller.start()
    return poller


if __name__ == "__main__":
    raise SystemExit(main())
