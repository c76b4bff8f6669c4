"""Browser tests: pytest-playwright driving Debian's chromium against Django's live server."""

from __future__ import annotations

import os

import pytest

from tests.factories import PASSWORD

CHROMIUM = os.environ.get("RIPPLE_CHROMIUM", "/usr/bin/chromium")

# Playwright's sync API runs an event loop; Django's ORM in the test process is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def _e2e_marker(request):
    request.node.add_marker(pytest.mark.e2e)


@pytest.fixture
def sign_in(live_server, page):
    """Sign `person` in through the real form; returns the page."""

    def do(person, password: str = PASSWORD):
        page.goto(f"{live_server.url}/signin/")
        page.get_by_label("Email").fill(person.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/signin/" not in url)
        return page

    return do
