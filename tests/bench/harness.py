"""Timing helpers for `make bench`: medians of repeated runs, reported as ratios taken in one run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def median_seconds(fn: Callable[[], object], *, repeat: int = 15, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


@dataclass
class Report:
    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def time(self, label: str, seconds: float) -> None:
        self.rows.append((label, f"{seconds * 1000:.2f} ms", ""))

    def ratio(self, label: str, value: float, goal: str = "") -> None:
        self.rows.append((label, f"{value:.2f}×", goal))

    def share(self, label: str, value: float, goal: str = "") -> None:
        self.rows.append((label, f"{value:.0%}", goal))

    def rate(self, label: str, per_second: float) -> None:
        self.rows.append((label, f"{per_second:,.0f}/s", ""))

    def values(self, label: str, values: list[str], goal: str = "") -> None:
        """Several figures of one measure in one row (e.g. at 1×, 10× and 100× the data)."""
        self.rows.append((label, " · ".join(values), goal))

    def section(self, title: str) -> None:
        self.rows.append((f"— {title} —", "", ""))

    def render(self) -> str:
        width = max(len(r[0]) for r in self.rows) if self.rows else 10
        lines = [f"{'measure'.ljust(width)}  {'value':>12}  goal", "-" * (width + 22)]
        lines += [f"{label.ljust(width)}  {value:>12}  {goal}" for label, value, goal in self.rows]
        return "\n".join(lines)

    def markdown(self, machine: str, when: str, note: str = "") -> str:
        """docs/performance.md: the whole run as one table (`note`: e.g. what else ran on the machine)."""
        lines = [
            "# Performance (written by `make bench`)",
            "",
            "Every figure below was measured in one run, side by side, on the machine named; ratios compare",
            "figures from that same run, so they hold across machines better than the absolute times.",
            *([note] if note else []),
            "",
            f"- machine: {machine}",
            f"- date: {when}",
            "",
            "| measure | value | goal |",
            "| --- | ---: | --- |",
        ]
        for label, value, goal in self.rows:
            if label.startswith("— "):
                lines.append(f"| **{label.strip('— ')}** | | |")
            else:
                lines.append(f"| {label} | {value} | {goal} |")
        return "\n".join(lines) + "\n"
