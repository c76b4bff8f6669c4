"""Pure scoring (no ORM): matching marks to the key, an attempt's score, calibration (ADR 0015).

Matching: a mark matches a flaw when the two spans overlap by at least one character AND the overlap
is at least half of the shorter of the two spans (the overlap coefficient >= 0.5). Pairs are taken
greedily, largest overlap first, one mark per flaw and one flaw per mark — so one mark over the whole
text finds one flaw at most. A further mark on a flaw already found is a duplicate (neither found
nor a false alarm); any other unmatched mark is a false alarm.

Score: found / (flaws + false alarms), in [0, 1] (1 when there is nothing to find and nothing marked).

Calibration: the stated confidence (50–100 %) is the person's forecast of their score. The Brier
score is the mean of (confidence/100 - score)^2 over their attempts (0 is perfect; always saying 100 %
and scoring half is 0.25); the gap is mean confidence minus mean score, in points (positive:
overconfident). Buckets 50–59, 60–69, 70–79, 80–89, 90–100 carry counts beside the means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

MATCH_OVERLAP = 0.5
BUCKETS = [(50, 59), (60, 69), (70, 79), (80, 89), (90, 100)]


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def matches(mark: Span, flaw: Span) -> bool:
    shared = overlap(mark, flaw)
    return shared >= 1 and shared >= MATCH_OVERLAP * min(mark.length, flaw.length)


@dataclass
class Result:
    flaw_of_mark: list[int | None]  # for each mark, the index of the flaw it found (None: not found)
    duplicate: list[bool]  # for each mark: it lies on a flaw another mark found
    found: int = 0
    missed: int = 0
    false_alarms: int = 0
    score: float = 0.0
    found_flaws: set[int] = field(default_factory=set)


def score_marks(marks: Sequence[Span], flaws: Sequence[Span]) -> Result:
    pairs = sorted(
        (
            (overlap(m, f), mi, fi)
            for mi, m in enumerate(marks)
            for fi, f in enumerate(flaws)
            if matches(m, f)
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    flaw_of_mark: list[int | None] = [None] * len(marks)
    taken: set[int] = set()
    for _shared, mi, fi in pairs:
        if flaw_of_mark[mi] is None and fi not in taken:
            flaw_of_mark[mi] = fi
            taken.add(fi)
    duplicate = [
        flaw_of_mark[mi] is None and any(matches(m, flaws[fi]) for fi in taken) for mi, m in enumerate(marks)
    ]
    false_alarms = sum(1 for mi in range(len(marks)) if flaw_of_mark[mi] is None and not duplicate[mi])
    found = len(taken)
    denominator = len(flaws) + false_alarms
    return Result(
        flaw_of_mark=flaw_of_mark,
        duplicate=duplicate,
        found=found,
        missed=len(flaws) - found,
        false_alarms=false_alarms,
        score=1.0 if denominator == 0 else found / denominator,
        found_flaws=taken,
    )


def bucket_of(confidence: int) -> int:
    for i, (low, high) in enumerate(BUCKETS):
        if low <= confidence <= high:
            return i
    raise ValueError(confidence)


def calibration(rows: Sequence[tuple[int, float]]) -> dict:
    """Figures for (confidence 50–100, score 0–1) pairs: n, Brier score, mean confidence and mean score
    (both in points), the gap, and the buckets (label, count, mean confidence, mean score in points)."""
    n = len(rows)
    buckets = []
    for i, (low, high) in enumerate(BUCKETS):
        inside = [(c, s) for c, s in rows if bucket_of(c) == i]
        count = len(inside)
        buckets.append(
            {
                "label": f"{low}–{high}%",
                "count": count,
                "mean_confidence": round(sum(c for c, _ in inside) / count, 1) if count else None,
                "mean_score": round(100 * sum(s for _, s in inside) / count, 1) if count else None,
            }
        )
    if not n:
        return {
            "n": 0,
            "brier": None,
            "mean_confidence": None,
            "mean_score": None,
            "gap": None,
            "buckets": buckets,
        }
    mean_c = sum(c for c, _ in rows) / n
    mean_s = 100 * sum(s for _, s in rows) / n
    return {
        "n": n,
        "brier": round(sum((c / 100 - s) ** 2 for c, s in rows) / n, 3),
        "mean_confidence": round(mean_c, 1),
        "mean_score": round(mean_s, 1),
        "gap": round(mean_c - mean_s, 1),
        "buckets": buckets,
    }


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of `text`, the end including its "\\n"."""
    out, start = [], 0
    for piece in text.splitlines(keepends=True):
        out.append((start, start + len(piece)))
        start += len(piece)
    return out or [(0, 0)]


def line_span(text: str, first: int, last: int) -> Span | None:
    """Lines `first`..`last` (1-based, inclusive) as a span without the final newline; None if outside."""
    all_lines = lines(text)
    if not 1 <= first <= last <= len(all_lines):
        return None
    start, end = all_lines[first - 1][0], all_lines[last - 1][1]
    if end > start and text[end - 1] == "\n":
        end -= 1
    return Span(start, end) if end > start else None
