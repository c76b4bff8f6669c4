"""Main pages at 1×, 10× and 100× the demo organization (`build(scale=N)`: N copies of its people and
what they did), each as a multiple of a "fortunes" page requested alternately with it, with the
queries each page runs at every size (they must not grow with the data).

The fortunes page is the classic floor: one query, rows sorted in Python, a template with a loop and
autoescaping, served through the same middleware. Goal: every main page ≤ 10× it (issue #16 item 8).
`python -m tests.bench.pages --profile /feed/` prints a pyinstrument profile of one page instead.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.urls import include, path

from ripple.library.models import Prompt
from ripple.people.models import User
from tests.bench.harness import Report, median_seconds

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


SCALE = float(os.environ.get("BENCH_SCALE", "1"))
# The default organization, then ten and a hundred times it (BENCH_SCALE shrinks the multiples).
FACTORS = (1, max(2, round(10 * SCALE)), max(3, round(100 * SCALE)))


def _pages() -> dict[str, tuple[str, str]]:
    """label -> (who asks, url); the prompt page is the demo's most reused prompt at every size."""
    shared = Prompt.objects.filter(deleted_at__isnull=True, visibility="everyone", space=None)
    prompt = shared.order_by("-reuse_count", "id")[0]
    return {
        "feed page": ("member", "/feed/"),
        "library list": ("member", "/library/"),
        "library search": ("member", "/library/?q=email+customer"),
        "prompt page": ("member", prompt.get_absolute_url()),
        "people directory": ("member", "/people/"),
        "insights dashboard": ("admin", "/insights/"),
        "ripple map page": ("admin", "/insights/map/"),
        "ripple map API (JSON)": ("admin", "/api/v1/insights/ripple-map"),
    }


def _build() -> float:
    from ripple.demo import build

    print("  pages bench: building the demo organization…", file=sys.stderr)
    started = time.perf_counter()
    build.build(seed=2026, people=150)
    return time.perf_counter() - started


def _clients() -> dict[str, Client]:
    from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL

    clients = {}
    for who, email in (("member", MEMBER_EMAIL), ("admin", ADMIN_EMAIL)):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(email=email))
    return clients


def _client() -> Client:
    _build()
    return _clients()["member"]


def queries(client: Client, url: str) -> tuple[int, float]:
    """Queries and seconds of one warm request."""
    count = [0]

    def counting(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    client.get(url)
    with connection.execute_wrapper(counting):
        started = time.perf_counter()
        assert client.get(url).status_code == 200, url
        return count[0], time.perf_counter() - started


def interleaved(
    client: Client, url: str, floor_url: str, *, repeat: int = 41, floor_client: Client | None = None
) -> tuple[float, float]:
    """Median seconds of `url` and of the floor page, requested alternately so that both see the same
    machine (these machines are shared: a load spike then slows both, not one)."""
    samples: dict[str, list[float]] = {url: [], floor_url: []}
    asks = {url: client, floor_url: floor_client or client}
    warmup = 4 if repeat > 9 else 1
    for i in range(repeat + warmup):
        for target in (url, floor_url) if i % 2 else (floor_url, url):
            start = time.perf_counter()
            response = asks[target].get(target)
            elapsed = time.perf_counter() - start
            assert response.status_code == 200, target
            if i >= warmup:
                samples[target].append(elapsed)
    return statistics.median(samples[url]), statistics.median(samples[floor_url])


Measured = dict[str, tuple[float, float, int]]  # label -> (seconds, fortunes seconds, queries)


def measure(clients: dict[str, Client], pages: dict[str, tuple[str, str]]) -> Measured:
    out = {}
    for label, (who, url) in pages.items():
        client = clients[who]
        count, slow = queries(client, url)
        if slow > SLOW:  # one sample (the counted one) beside the floor's median: a median would take minutes
            out[label] = (slow, median_seconds(lambda: clients["member"].get(FLOOR), repeat=9), count)
            continue
        repeat = max(5, min(41, int(4.0 / max(slow, 1e-3))))  # slow pages at 100×: fewer, still a median
        seconds, floor = interleaved(client, url, FLOOR, repeat=repeat, floor_client=clients["member"])
        out[label] = (seconds, floor, count)
    return out


FLOOR = "/bench/fortunes/"
SLOW = 5.0  # seconds: past it a page is timed once


def run(report: Report) -> None:
    from ripple.demo.scale import remove_copies, scale_up
    from ripple.insights import actions as insights

    with override_settings(ROOT_URLCONF="tests.bench.pages"):
        built = _build()
        clients = _clients()
        pages = _pages()
        people = User.objects.filter(is_active=True).count()
        results: dict[int, Measured] = {}
        builds: dict[int, float] = {1: built}
        first_top: dict[str, int] | None = None
        size = 1
        for factor in FACTORS:
            if factor > size:
                print(f"  pages bench: copying the organization to {factor}×…", file=sys.stderr)
                started = time.perf_counter()
                with transaction.atomic():
                    top = scale_up(factor // size)
                    insights.refresh()
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
                size = size * (factor // size)
                builds[size] = time.perf_counter() - started
                first_top = first_top or top
            print(f"  pages bench: measuring at {size}×…", file=sys.stderr)
            results[size] = measure(clients, pages)
        if first_top is not None:  # the other modules start from the demo organization
            remove_copies(first_top)
            insights.refresh()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    _report(report, results, builds, people)


def _report(report: Report, results: dict[int, Measured], builds: dict[int, float], people: int) -> None:
    sizes = sorted(results)
    at = " · ".join(f"{n}×" for n in sizes)
    report.section(
        f"main pages at {at} the demo organization ({people:,} people), each ÷ a fortunes page requested "
        "alternately with it"
    )
    for n in sizes:
        what = "demo build (the story, via the actions)" if n == 1 else f"copies up to {n}× (INSERT … SELECT)"
        report.rows.append((f"{what}, {n * people:,} people", f"{builds.get(n, 0):.1f} s", ""))
    one = results[sizes[0]]
    for label in one:
        ratios = [results[n][label][0] / results[n][label][1] for n in sizes]
        counts = [results[n][label][2] for n in sizes]
        times = [results[n][label][0] for n in sizes]
        shown = [f"{t * 1000:.0f} (1 sample)" if t > SLOW else f"{t * 1000:.1f}" for t in times]
        report.values(f"{label}: ms at {at}", shown)
        report.values(f"{label} ÷ fortunes at {at}", [f"{r:.2f}×" for r in ratios], "≤ 10")
        report.values(
            f"{label}: " + " · ".join(f"{n}× ÷ {sizes[0]}×" for n in sizes[1:]) + " (÷ fortunes)",
            [f"{r / ratios[0]:.2f}×" for r in ratios[1:]],
            "≤ 1.5",
        )
        grows = "" if len(set(counts)) == 1 else " — GROWS with the data"
        report.values(f"{label}: queries at {at}", [str(c) for c in counts], "equal" + grows)
    floors = [statistics.median(v[1] for v in results[n].values()) for n in sizes]
    report.values(f"fortunes page (1 query, a loop): ms at {at}", [f"{f * 1000:.2f}" for f in floors])


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
