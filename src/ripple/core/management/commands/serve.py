"""`ripple serve`: gunicorn with production settings and a background worker beside it, supervised.

    ripple serve [--bind 127.0.0.1:8000] [--workers N] [--threads N] [--timeout S] [--no-worker]

Web: gunicorn (`gthread`), workers 2 × CPU cores + 1 capped at 8, 4 threads each, a 120 s timeout
(the slowest request — an export or a small import — stays well inside it; big imports run as tasks),
access log on stdout. Every value can come from the environment too (`RIPPLE_BIND`, `RIPPLE_WORKERS`,
`RIPPLE_THREADS`, `RIPPLE_TIMEOUT`). Worker: `ripple worker` (django-tasks' db_worker) as a child
process, restarted if it dies. Ctrl-C or SIGTERM stops both gracefully, then exits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

WORKERS_CAP = 8
GRACE_SECONDS = 30


def default_workers(cores: int | None = None) -> int:
    cores = cores or os.cpu_count() or 1
    return max(2, min(2 * cores + 1, WORKERS_CAP))


def gunicorn_command(*, bind: str, workers: int, threads: int, timeout: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "ripple.wsgi:application",
        f"--bind={bind}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        f"--timeout={timeout}",
        f"--graceful-timeout={GRACE_SECONDS}",
        "--keep-alive=5",
        "--max-requests=5000",  # recycle workers now and then (a leak never grows without bound)
        "--max-requests-jitter=500",
        "--access-logfile=-",
        "--error-logfile=-",
        "--no-control-socket",  # several servers on one host must not share ~/.gunicorn/gunicorn.ctl
        "--forwarded-allow-ips=" + os.environ.get("RIPPLE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    ]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "ripple", "worker"]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Children get SIGTERM if `ripple serve` itself is killed (-9), so nothing is left running."""
    os.setpgrp()  # Ctrl-C reaches `ripple serve` only; it stops the children in order
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise CommandError(f"{name} must be a positive whole number, not {value!r}.")
    return int(value)


class Command(BaseCommand):
    help = "Serve Ripple with gunicorn and run the background worker beside it."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        port = os.environ.get("PORT", "8000")
        parser.add_argument("--bind", default=os.environ.get("RIPPLE_BIND", f"127.0.0.1:{port}"))
        parser.add_argument("--workers", type=int, default=None, help="web processes (2×cores+1, ≤ 8)")
        parser.add_argument("--threads", type=int, default=None, help="threads per web process (default 4)")
        parser.add_argument("--timeout", type=int, default=None, help="seconds a request may take (120)")
        parser.add_argument("--no-worker", action="store_true", help="do not run the background worker")

    def handle(self, *args: Any, **opts: Any) -> None:
        workers = opts["workers"] or _env_int("RIPPLE_WORKERS", default_workers())
        threads = opts["threads"] or _env_int("RIPPLE_THREADS", 4)
        timeout = opts["timeout"] or _env_int("RIPPLE_TIMEOUT", 120)
        if min(workers, threads, timeout) < 1:
            raise CommandError("--workers, --threads and --timeout must be at least 1.")
        web_cmd = gunicorn_command(bind=opts["bind"], workers=workers, threads=threads, timeout=timeout)
        Supervisor(self, web_cmd, None if opts["no_worker"] else worker_command()).run()


class Supervisor:
    """Runs the web server and the worker; restarts the worker; stops both on SIGINT/SIGTERM."""

    def __init__(self, command: BaseCommand, web_cmd: list[str], worker_cmd: list[str] | None) -> None:
        self.out = command.stdout
        self.web_cmd, self.worker_cmd = web_cmd, worker_cmd
        self.web: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None
        self.stopping = False

    def _start(self, cmd: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(cmd, preexec_fn=_die_with_parent)  # noqa: S603, PLW1509 - our own argv

    def _stop(self, *_: Any) -> None:
        self.stopping = True

    def run(self) -> None:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.web = self._start(self.web_cmd)
            self.out.write(f"ripple serve: web server pid {self.web.pid} ({' '.join(self.web_cmd[4:8])})")
            backoff, started = 1.0, time.monotonic()
            if self.worker_cmd:
                self.worker = self._start(self.worker_cmd)
                self.out.write(f"ripple serve: background worker pid {self.worker.pid}")
            self.out.flush()
            while not self.stopping:
                if self.web.poll() is not None:
                    self.out.write(f"ripple serve: the web server exited ({self.web.returncode}); stopping")
                    break
                if self.worker is not None and self.worker.poll() is not None:
                    if time.monotonic() - started > 60:
                        backoff = 1.0
                    self.out.write(
                        f"ripple serve: the worker exited ({self.worker.returncode}); "
                        f"restarting in {backoff:.0f} s"
                    )
                    self._sleep(backoff)
                    backoff, started = min(backoff * 2, 30.0), time.monotonic()
                    if not self.stopping:
                        self.worker = self._start(self.worker_cmd or [])
                        self.out.write(f"ripple serve: background worker pid {self.worker.pid}")
                self._sleep(0.5)
        finally:
            self._shutdown()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        code = self.web.returncode if self.web is not None else 0
        if not self.stopping and code:
            sys.exit(code)

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.1)

    def _shutdown(self) -> None:
        children = [p for p in (self.worker, self.web) if p is not None and p.poll() is None]
        for child in children:
            child.send_signal(signal.SIGTERM)  # gunicorn: graceful; the worker finishes its task
        deadline = time.monotonic() + GRACE_SECONDS + 5
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        self.out.write("ripple serve: stopped")
        self.out.flush()
