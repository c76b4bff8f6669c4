"""Take screenshots of Ripple's main pages with headless Chromium (for looking at the UI).

Usage: .venv/bin/python scripts/screenshots.py [BASE_URL] [OUT_DIR] [PATH ...]
Signs in as the demo admin first. Needs a running server (`make demo`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
DEFAULT_PATHS = ["/people/", "/settings/", "/manage/people/", "/feed/", "/library/", "/insights/"]


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
    paths = sys.argv[3:] or DEFAULT_PATHS
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"{base}/signin/")
        page.screenshot(path=str(out / "signin.png"))
        page.get_by_label("Email").fill("admin@example.org")
        page.get_by_label("Password").fill("ripple-demo-2026")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        for path in paths:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            name = path.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(out / f"{name}.png"), full_page=False)
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
