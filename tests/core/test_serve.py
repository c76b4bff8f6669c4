"""`ripple serve`: gunicorn with production settings and the background worker beside it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ripple.core.management.commands.serve import default_workers, gunicorn_command

RIPPLE = str(Path(sys.executable).with_name("ripple"))


def test_workers_follow_the_cpu_count_with_a_cap():
    assert [default_workers(n) for n in (1, 2, 3, 16)] == [3, 5, 7, 8]


def test_gunicorn_gets_production_settings():
    argv = gunicorn_command(bind="127.0.0.1:9", workers=5, threads=4, timeout=120)
    assert "ripple.wsgi:application" in argv
    for flag in ["--workers=5", "--threads=4", "--timeout=120", "--access-logfile=-", "--no-control-socket"]:
        assert flag in argv


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        RIPPLE_HOME=str(home),
        SECRET_KEY="serve-test-secret-key-0123456789-abcdefghij",
        RIPPLE_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        DATABASE_URL="",
    )
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A data folder (SQLite) migrated once; each test serves a copy of it."""
    home = tmp_path_factory.mktemp("serve") / "home"
    subprocess.run([RIPPLE, "migrate", "-v0"], env=_env(home), check=True, timeout=120)
    return home


@pytest.fixture
def home(migrated: Path, tmp_path: Path) -> dict[str, str]:
    copy = tmp_path / "home"
    shutil.copytree(migrated, copy)
    return _env(copy)


def _enqueue(env: dict[str, str]) -> str:
    code = (
        "from ripple.notifications.tasks import send_pending_notification_emails as t; print(t.enqueue().id)"
    )
    done = subprocess.run(
        [RIPPLE, "shell", "--no-imports", "-c", code],
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().replace("-", "")


def _status(env: dict[str, str], task_id: str) -> str:
    with sqlite3.connect(Path(env["RIPPLE_HOME"]) / "ripple.sqlite3") as db:
        row = db.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?", [task_id]
        ).fetchone()
    return row[0]


def _serve(env: dict[str, str], log: Path, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    stream = log.open("w")
    process = subprocess.Popen(
        [RIPPLE, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", *extra],
        env=env,
        stdout=stream,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if urllib.request.urlopen(url + "/healthz", timeout=2).read() == b"ok":  # noqa: S310 - loopback
                return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("ripple serve did not answer:\n" + log.read_text())


def _pids(log: Path, what: str) -> list[int]:
    return [int(line.split("pid ")[1].split()[0]) for line in log.read_text().splitlines() if what in line]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is gone for our purposes.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[1].startswith("Z"))


def test_serve_runs_queued_tasks_and_stops_cleanly(home, tmp_path):
    log = tmp_path / "serve.log"
    process, url = _serve(home, log)
    try:
        # Static files are served without DEBUG (WhiteNoise's finders, no collectstatic needed).
        css = urllib.request.urlopen(url + "/static/ripple/app.css", timeout=5)  # noqa: S310 - loopback
        assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
        task_id = _enqueue(home)
        deadline = time.monotonic() + 60
        while _status(home, task_id) != "SUCCESSFUL":
            assert time.monotonic() < deadline, "the worker beside the server did not run the task"
            time.sleep(0.2)
        assert '"GET /healthz HTTP/1.1" 200' in log.read_text()  # the access log
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=60)
    assert code == 0, log.read_text()
    web, worker = _pids(log, "web server pid"), _pids(log, "background worker pid")
    assert web and worker
    assert not any(_alive(pid) for pid in web + worker), log.read_text()
    assert "ripple serve: stopped" in log.read_text()


def test_no_worker_leaves_tasks_queued(home, tmp_path):
    log = tmp_path / "serve.log"
    process, _url = _serve(home, log, "--no-worker")
    try:
        task_id = _enqueue(home)
        time.sleep(2)
        assert _status(home, task_id) == "READY"
        assert not _pids(log, "background worker pid")
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        assert process.wait(timeout=60) == 0, log.read_text()
