"""Main pages at demo size, each as a multiple of a "fortunes" page measured in the same run.

The fortunes page is the classic floor: one query, rows sorted in Python, a template with a loop and
autoescaping, served through the same middleware. Goal: every main page ≤ 10× it (issue #16 item 8).
`python -m tests.bench.pages --profile /feed/` prints a pyinstrument profile of one page instead.
"""

from __future__ import annotations

import statistics
import sys
import time

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.urls import include, path

from ripple.library.models import Prompt
from ripple.people.models import User
from tests.bench.harness import Report

FORTUNES = engines["django"].from_string(
    "<!doctype html><html><head><title>Fortunes</title></head><body><table>"
    "<tr><th>id</th><th>message</th></tr>"
    "{% for id, message in fortunes %}<tr><td>{{ id }}</td><td>{{ message }}</td></tr>{% endfor %}"
    "</table></body></html>"
)


def fortunes(request: HttpRequest) -> HttpResponse:
    rows = list(Prompt.objects.order_by("id").values_list("id", "title")[:12])
    rows.append((0, "Additional fortune added at request time."))
    rows.sort(key=lambda row: row[1])
    return HttpResponse(FORTUNES.render({"fortunes": rows}, request))


urlpatterns = [path("bench/fortunes/", fortunes), path("", include("ripple.urls"))]


def _pages(client: Client) -> dict[str, str]:
    prompt = Prompt.objects.filter(deleted_at__isnull=True, visibility="everyone").order_by("-reuse_count")[0]
    return {
        "feed page": "/feed/",
        "library list": "/library/",
        "library search": "/library/?q=email+customer",
        "prompt page": prompt.get_absolute_url(),
        "people directory": "/people/",
    }


def _client() -> Client:
    from ripple.demo import build
    from ripple.demo.people import MEMBER_EMAIL

    print("  pages bench: building the demo organization…", file=sys.stderr)
    build.build(seed=2026, people=150)
    client = Client()
    client.force_login(User.objects.get(email=MEMBER_EMAIL))
    return client


def interleaved(client: Client, url: str, floor_url: str, *, repeat: int = 41) -> tuple[float, float]:
    """Median seconds of `url` and of the floor page, requested alternately so that both see the same
    machine (these machines are shared: a load spike then slows both, not one)."""
    samples: dict[str, list[float]] = {url: [], floor_url: []}
    for i in range(repeat + 4):
        for target in (url, floor_url) if i % 2 else (floor_url, url):
            start = time.perf_counter()
            response = client.get(target)
            elapsed = time.perf_counter() - start
            assert response.status_code == 200, target
            if i >= 4:  # warm-up
                samples[target].append(elapsed)
    return statistics.median(samples[url]), statistics.median(samples[floor_url])


def run(report: Report) -> None:
    report.section("pages at demo size ÷ fortunes page")
    with override_settings(ROOT_URLCONF="tests.bench.pages"):
        client = _client()
        floors = []
        for label, url in _pages(client).items():
            seconds, floor = interleaved(client, url, "/bench/fortunes/")
            floors.append(floor)
            report.time(label, seconds)
            report.ratio(f"{label} ÷ fortunes", seconds / floor, "≤ 10")
        report.time("fortunes page (1 query, a loop in a template; median)", statistics.median(floors))


def profile(url: str) -> None:
    from pyinstrument import Profiler

    with override_settings(ROOT_URLCONF="tests.bench.pages"):
        client = _client()
        for _ in range(5):
            client.get(url)
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(30):
            client.get(url)
        profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
