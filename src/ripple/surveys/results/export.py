"""Results as CSV: the same figures and suppression as the page; never an answer row."""

from __future__ import annotations

import csv
import io
from typing import Any


class _SafeWriter:
    """csv.writer that defuses cells a spreadsheet would run as a formula."""

    def __init__(self, buf: io.StringIO) -> None:
        self._w = csv.writer(buf)

    def writerow(self, row: list[Any]) -> None:
        self._w.writerow(
            [f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row]
        )


def results_csv(results: dict[str, Any]) -> str:
    """The figures as CSV, one row per figure; a suppressed group or question is one row saying so."""
    buf = io.StringIO()
    w = _SafeWriter(buf)
    w.writerow(["group", "question", "measure", "option", "value"])
    label = results["group"]["label"]
    if results.get("suppressed"):
        w.writerow([label, "", "suppressed", "", results.get("reason", "")])
        return buf.getvalue()
    w.writerow([label, "", "answers", "", results["n"]])
    w.writerow([label, "", "response rate %", "", results["response"]["rate"]])
    for q in results["questions"]:
        if q["suppressed"]:
            w.writerow([label, q["text"], "suppressed", "", q["reason"]])
            continue
        w.writerow([label, q["text"], "answers", "", q["n"]])
        for key in ("mean", "ci_low", "ci_high", "sd"):
            if key in q:
                w.writerow([label, q["text"], key, "", q[key]])
        for d in q.get("distribution", []):
            w.writerow([label, q["text"], "count", d["label"], d["count"]])
            w.writerow([label, q["text"], "percent", d["label"], d["percent"]])
        for t in q.get("texts", []):
            w.writerow([label, q["text"], "text", "", t])
    for row in results.get("breakdown", []):
        if row["suppressed"]:
            w.writerow([row["name"], "", "suppressed", "", row["reason"]])
            continue
        for m in row["means"]:
            w.writerow([row["name"], m["key"], "mean", "", "suppressed" if m["mean"] is None else m["mean"]])
    return buf.getvalue()
