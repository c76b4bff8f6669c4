"""Load test: `ripple serve` on PostgreSQL with the demo organization, hammered by wrk.

    .venv/bin/python tests/load/run.py [--duration 30] [--connections 50] [--database loadtest]

Not a pytest test (not collected: no test_ prefix) and not timed in CI. It needs wrk (installed with
apt-get when it is missing and the script may: root or passwordless sudo) and PostgreSQL
(LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432); the database `--database` is
created, loaded with `ripple demo --no-serve`, and dropped afterwards.
Everything listens on and talks to 127.0.0.1 only. For the feed page, a search and an API list it
prints requests/s, p50/p99 latency and the count of non-2xx answers and socket errors (goal: 0 and 0).
The API limit (RIPPLE_RATE_API) is raised for the run: one token is used by every connection.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
PSQL = shutil.which("psql") or "psql"
LUA = """
wrk.headers["Cookie"] = os.getenv("LOAD_COOKIE") or ""
wrk.headers["Authorization"] = os.getenv("LOAD_AUTH") or nil
done = function(summary, latency, requests)
  local p = function(q) return latency:percentile(q) / 1000 end
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f non2xx=%d errors=%d requests=%d\\n",
    summary.requests / (summary.duration / 1e6), p(50), p(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
"""


def ensure_wrk() -> str:
    """wrk's path; installed from the distribution (Debian/Ubuntu package `wrk`) when missing, so a
    fresh machine runs the load test without a manual step."""
    found = shutil.which("wrk")
    if found:
        return found
    apt = shutil.which("apt-get")
    sudo = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if apt and sudo is not None:
        print("wrk is missing: installing the distribution's package…", file=sys.stderr)
        quiet = {"stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
        if subprocess.run([*sudo, apt, "install", "-y", "-q", "wrk"], check=False, **quiet).returncode:
            subprocess.run([*sudo, apt, "update", "-q"], check=False, **quiet)
            subprocess.run([*sudo, apt, "install", "-y", "-q", "wrk"], check=False, **quiet)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit(
            "wrk is missing and could not be installed: `sudo apt-get install wrk`, then run again."
        )
    return found


def machine_load() -> str:
    """The load average and the busiest other processes: the machine may be shared."""
    one, five, _ = os.getloadavg()
    ps = subprocess.run(
        [shutil.which("ps") or "/bin/ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers"],
        capture_output=True,
        text=True,
        check=False,
    )
    busy = [line.split(None, 1) for line in ps.stdout.splitlines()[:6] if line.strip()]
    top = ", ".join(f"{name.strip()} {cpu}%" for cpu, name in busy if float(cpu) >= 5)
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min); busiest: {top or 'nothing else'}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ripple(env: dict[str, str], *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [str(BIN / "ripple"), *args], env=env, check=True, text=True, capture_output=capture, timeout=900
    )
    return done.stdout if capture else ""


def psql(server: str, sql: str) -> None:
    subprocess.run([PSQL, f"{server}/postgres", "-q", "-c", sql], check=True)


def session_cookie(env: dict[str, str]) -> str:
    code = (
        "from django.contrib.auth import get_user_model; from django.test import Client; "
        "c = Client(); c.force_login(get_user_model().objects.get(email='member@example.org')); "
        "print(c.cookies['sessionid'].value)"
    )
    return ripple(env, "shell", "--no-imports", "-c", code, capture=True).strip().splitlines()[-1]


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("ripple serve exited early")
        try:
            if urllib.request.urlopen(url + "/healthz", timeout=2).read() == b"ok":  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("ripple serve did not answer")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--database", default="ripple_load")
    parser.add_argument("--workers", default="", help="ripple serve --workers (default: its own)")
    args = parser.parse_args()
    wrk_path = ensure_wrk()
    server_url = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    home = Path(tempfile.mkdtemp(prefix="ripple-load-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=f"{server_url}/{args.database}",
        RIPPLE_HOME=str(home),
        RIPPLE_DEMO="1",
        PORT=str(port),
        RIPPLE_RATE_API="1000000/min",
        RIPPLE_LOG_LEVEL="ERROR",
    )
    psql(server_url, f'DROP DATABASE IF EXISTS "{args.database}"')
    psql(server_url, f'CREATE DATABASE "{args.database}"')
    server = None
    try:
        print("loading the demo organization…", file=sys.stderr)
        ripple(env, "demo", "--no-serve")
        cookie = f"sessionid={session_cookie(env)}"
        token = ripple(env, "token", "create", "member@example.org", "--name", "load", capture=True)
        token = token.strip().splitlines()[-1]
        serve = [str(BIN / "ripple"), "serve", "--bind", f"127.0.0.1:{port}"]
        if args.workers:
            serve += ["--workers", args.workers]
        log = (home / "serve.log").open("w")
        server = subprocess.Popen(serve, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, server)
        script = home / "report.lua"
        script.write_text(LUA)
        before = machine_load()
        targets = {
            "feed page": ("/feed/", {"LOAD_COOKIE": cookie}),
            "library search": ("/library/?q=email+customer", {"LOAD_COOKIE": cookie}),
            "API prompt list": ("/api/v1/prompts?limit=20", {"LOAD_AUTH": f"Bearer {token}"}),
        }
        rows = []
        for label, (path, extra) in targets.items():
            headers = {"Cookie": cookie, "Authorization": f"Bearer {token}"}
            warm_up = urllib.request.Request(url + path, headers=headers)  # noqa: S310 - loopback
            urllib.request.urlopen(warm_up).read()  # noqa: S310 - loopback
            wrk = subprocess.run(
                [wrk_path, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s",  # noqa: E501
                 "-s", str(script), url + path],
                env={**os.environ, **extra}, check=True, capture_output=True, text=True,
            )  # fmt: skip
            found = re.search(r"RESULT (.*)", wrk.stdout)
            if not found:
                raise SystemExit(wrk.stdout + wrk.stderr)
            values = dict(item.split("=") for item in found.group(1).split())
            rows.append((label, values))
            print(f"  {label}: {found.group(1)}", file=sys.stderr)
        cores = os.cpu_count()
        print(
            f"\nripple serve on PostgreSQL, {args.connections} connections × {args.duration} s, {cores} cores"
        )
        print(f"before: {before}\nafter:  {machine_load()}")
        print(f"{'target':<18} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'errors':>7}")
        for label, v in rows:
            print(
                f"{label:<18} {float(v['rps']):>8.1f} {float(v['p50']):>8.1f} {float(v['p99']):>8.1f} "
                f"{v['non2xx']:>8} {v['errors']:>7}"
            )
        bad = sum(int(v["non2xx"]) + int(v["errors"]) for _, v in rows)
        return 1 if bad else 0
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        psql(server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
