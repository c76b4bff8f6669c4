"""Headers, CSRF and settings that keep a deployment safe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/signin/", "/people/", "/api/v1/openapi.json", "/healthz"])
def test_security_headers_on_every_response(member_client, url):
    response = member_client.get(url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_have_no_inline_scripts(member_client):
    for url in ["/people/", "/settings/", "/feed/", "/library/", "/cohorts/"]:
        html = member_client.get(url).content.decode()
        for chunk in html.split("<script")[1:]:
            assert chunk.split(">")[0].strip().startswith("src="), f"inline script on {url}"
        assert " onclick=" not in html and " style=" not in html


def test_forms_need_csrf(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post("/settings/tokens/", {"name": "x"}).status_code == 403
    page = client.get("/settings/")
    token = page.cookies["csrftoken"].value
    assert client.post("/settings/tokens/", {"name": "x"}, HTTP_X_CSRFTOKEN=token).status_code == 302


def test_htmx_sends_csrf_token_header(member_client):
    html = member_client.get("/people/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken":' in html


def _settings_process(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "RIPPLE_DEBUG", "RIPPLE_DEMO", "RIPPLE_HTTPS"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import ripple.settings as s; "
            "print(getattr(s, 'SESSION_COOKIE_SECURE', False), getattr(s, 'SECURE_HSTS_SECONDS', 0))",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_a_real_secret_key(tmp_path):
    result = _settings_process({"RIPPLE_HOME": str(tmp_path)})
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr
    result = _settings_process({"RIPPLE_HOME": str(tmp_path), "SECRET_KEY": "change-me"})
    assert result.returncode != 0 and "too weak" in result.stderr


def test_demo_generates_and_keeps_a_key_and_https_turns_on_transport_security(tmp_path):
    assert _settings_process({"RIPPLE_HOME": str(tmp_path), "RIPPLE_DEMO": "1"}).returncode == 0
    assert (tmp_path / "secret_key").exists()
    strong = "k" * 40 + "0123456789abcdef"
    result = _settings_process({"RIPPLE_HOME": str(tmp_path), "SECRET_KEY": strong, "RIPPLE_HTTPS": "1"})
    assert result.returncode == 0 and result.stdout.split() == ["True", "31536000"]
    result = _settings_process({"RIPPLE_HOME": str(tmp_path), "SECRET_KEY": strong})
    assert result.stdout.split() == ["False", "0"]  # the demo on http://127.0.0.1 must still sign in
