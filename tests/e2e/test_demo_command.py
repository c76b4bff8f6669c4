"""The README's first command: `ripple demo` serves the demo on $PORT with its data in $RIPPLE_HOME."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def demo_server(tmp_path: Path):
    port = free_port()
    ripple = Path(sys.executable).with_name("ripple")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(PORT=str(port), RIPPLE_HOME=str(tmp_path / "home"))
    log = open(tmp_path / "demo.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [str(ripple), "demo"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(url + "/healthz", timeout=2).read() == b"ok":  # noqa: S310 - local URL
                    break
            except OSError:
                time.sleep(0.5)
            assert process.poll() is None, (tmp_path / "demo.log").read_text()
        else:
            pytest.fail("ripple demo did not answer in time:\n" + (tmp_path / "demo.log").read_text())
        yield url, tmp_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_ripple_demo_serves_the_demo_organization(demo_server, page: Page):
    url, tmp_path = demo_server
    output = (tmp_path / "demo.log").read_text()
    assert "admin@example.org" in output and "member@example.org" in output
    assert (tmp_path / "home" / "ripple.sqlite3").exists() and (tmp_path / "home" / "secret_key").exists()
    page.goto(url + "/signin/")
    page.get_by_label("Email").fill("member@example.org")
    page.get_by_label("Password").fill("ripple-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda u: "/signin/" not in u)
    page.goto(url + "/people/")
    expect(page.locator(".person-card")).to_have_count(30)
    expect(page.get_by_role("link", name="More people →")).to_be_visible()
