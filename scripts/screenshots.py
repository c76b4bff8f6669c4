"""Take screenshots of Ripple's main pages with headless Chromium, at desktop and phone widths.

Usage: .venv/bin/python scripts/screenshots.py [BASE_URL] [OUT_DIR] [PATH ...]
Signs in as the demo admin first (needs a running server: `make demo`). Without paths it shoots every main
page, finding a post, a prompt and a person from the lists; each at 1280 px and 390 px wide
(`<name>-1280.png`, `<name>-390.png`) and, at 390 px, once more with the menu open.
Set WIDTHS=1280,768,390 to change the widths, FULL=1 for full-page shots.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
FIXED = [
    "/feed/", "/feed/new/", "/feed/new/?kind=question", "/feed/kudos/", "/library/", "/library/prompts/new/",
    "/library/import/", "/library/collections/", "/people/", "/people/me/", "/settings/", "/inbox/",
    "/inbox/preferences/", "/inbox/digest/", "/manage/people/", "/manage/structure/", "/manage/invitations/",
    "/feed/moderation/", "/cohorts/", "/showcase/", "/communities/", "/insights/",
]  # fmt: skip


def first_link(page: Page, base: str, list_path: str, pattern: str) -> str | None:
    page.goto(base + list_path)
    for href in page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if href and re.fullmatch(pattern, href):
            return str(href)
    return None


def discovered(page: Page, base: str) -> list[str]:
    found = []
    post = first_link(page, base, "/feed/", r"/feed/posts/\d+/")
    prompt = first_link(page, base, "/library/", r"/library/prompts/\d+/")
    person = first_link(page, base, "/people/", r"/people/\d+/")
    collection = first_link(page, base, "/library/collections/", r"/library/collections/\d+/")
    for path in (post, prompt, person, collection):
        if path:
            found.append(path)
    if prompt:
        found += [f"{prompt}edit/", f"{prompt}history/"]
    return found


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
    widths = [int(w) for w in os.environ.get("WIDTHS", "1280,390").split(",")]
    full = os.environ.get("FULL") == "1"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        page = context.new_page()
        page.goto(f"{base}/signin/")
        page.screenshot(path=str(out / "signin-1280.png"))
        page.get_by_label("Email").fill("admin@example.org")
        page.get_by_label("Password").fill("ripple-demo-2026")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        paths = sys.argv[3:] or FIXED + discovered(page, base)
        for width in widths:
            page.set_viewport_size({"width": width, "height": 860 if width > 600 else 844})
            for path in paths:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                name = re.sub(r"[^a-z0-9]+", "_", path.strip("/").lower()).strip("_") or "home"
                shot = out / f"{name}-{width}.png"
                page.screenshot(path=str(shot), full_page=full)
                wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                print(shot, f"(too wide by {wide}px)" if wide > 0 else "")
            if width < 1080:
                page.goto(base + "/feed/")
                page.get_by_role("button", name="Menu").click()
                page.screenshot(path=str(out / f"menu-{width}.png"))
        browser.close()


if __name__ == "__main__":
    main()
