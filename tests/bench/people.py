"""People directory: page time at 10× the people ÷ at 1×, and against a bare Django view."""

from __future__ import annotations

import os

from django.contrib.auth.hashers import make_password
from django.test import Client

from ripple.people.models import Department, User
from tests.bench.harness import Report, median_seconds

SCALE = float(os.environ.get("BENCH_SCALE", "1"))


def _add_people(n: int, start: int, departments: list[Department], password: str) -> None:
    User.objects.bulk_create(
        [
            User(
                email=f"bench{start + i}@example.org",
                name=f"Bench Person {start + i:06d}",
                title="Analyst",
                skills="excel, forecasting" if i % 3 else "contract review",
                department=departments[i % len(departments)],
                password=password,
            )
            for i in range(n)
        ],
        batch_size=2000,
    )


def run(report: Report) -> None:
    report.section("people directory")
    password = make_password("bench-password-123")
    departments = [Department.objects.create(name=f"Bench dept {i}") for i in range(8)]
    small, large = int(1_000 * SCALE) or 10, int(10_000 * SCALE) or 100
    _add_people(small, 0, departments, password)
    viewer = User.objects.order_by("id").first()
    client = Client()
    client.force_login(viewer)

    def floor() -> None:
        client.get("/healthz")

    def directory() -> None:
        assert client.get("/people/").status_code == 200

    def search() -> None:
        assert client.get("/people/?q=contract").status_code == 200

    t_floor = median_seconds(floor)
    t_dir_small, t_search_small = median_seconds(directory), median_seconds(search)
    _add_people(large - small, small, departments, password)
    t_dir_large, t_search_large = median_seconds(directory), median_seconds(search)
    report.time("bare Django view", t_floor)
    report.time(f"directory page, {small:,} people", t_dir_small)
    report.time(f"directory page, {large:,} people", t_dir_large)
    report.ratio("directory 10× people ÷ 1×", t_dir_large / t_dir_small, "≤ 1.3")
    report.ratio("directory search 10× ÷ 1×", t_search_large / t_search_small, "≤ 2")
    report.ratio("directory page ÷ bare view", t_dir_small / t_floor, "≤ 10 × fortunes")
