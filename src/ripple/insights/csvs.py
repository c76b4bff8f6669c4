"""Every insights table as CSV: the same rows the page shows (suppressed cells stay empty, with the note)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

Table = tuple[list[str], list[list[Any]]]


def _cells(row: dict[str, Any], keys: list[str]) -> list[Any]:
    return ["" if row.get(k) is None else row.get(k) for k in keys]


def table(rows: Iterable[dict[str, Any]], keys: list[str]) -> Table:
    return keys, [_cells(r, keys) for r in rows]


def adoption_tables(data: dict[str, Any]) -> dict[str, Table]:
    if data.get("suppressed"):
        return {}
    p = data["people"]
    outcomes = [{"source": o["label"], **r} for o in data["outcomes"] for r in o["rows"]]
    return {
        "weeks": table(
            data["weeks"], ["week", "habitual", "occasional", "new", "lapsed", "active", "events", "cross"]
        ),
        "departments": table(
            data["departments"],
            [
                "department",
                "members",
                "habitual",
                "occasional",
                "new",
                "lapsed",
                "not_yet",
                "events",
                "cross",
                "internal",
                "note",
            ],
        ),
        "people": (
            ["measure", "value"],
            [
                ["contributors", p["contributors"]],
                ["learners", p["learners"]],
                ["both", p["both"]],
                ["reuses", p["reuses"]],
                ["minutes saved (self-reported)", p["minutes"]],
            ],
        ),
        "teams": table(
            data["teams"],
            ["team", "department", "people", "state", "events_28d", "cross_team_28d", "cross_team_before"],
        ),
        "outcomes": table(outcomes, ["source", "label", "value", "note"]),
        "surveys": table(data["surveys"], ["round", "closed_on", "question", "mean", "n", "note"]),
    }


def map_tables(data: dict[str, Any]) -> dict[str, Table]:
    if data.get("suppressed"):
        return {}
    return {
        "people": table(
            data["nodes"], ["label", "department", "in_degree", "out_degree", "betweenness", "broker_pairs"]
        ),
        "departments": table(
            data["departments"], ["department", "people", "internal", "external", "ei", "note"]
        ),
        "edges": table(data["edges"], ["learned_from_label", "learner_label", "events", "kinds"]),
    }


def report_tables(data: dict[str, Any]) -> dict[str, Table]:
    return {
        "headline": table(data["headline"], ["label", "value", "previous", "change"]),
        "actions": table(data["actions"], ["action", "who", "why"]),
        "teams": table(
            data["teams"], ["team", "department", "people", "state", "events_28d", "cross_team_28d"]
        ),
        "connectors": table(data["connectors"], ["label", "department", "betweenness", "in_degree"]),
    }


def response(tables: dict[str, Table], name: str, filename: str) -> HttpResponse:
    """One table (`name`), or every table one after another (`all`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    chosen = tables.items() if name == "all" else [(name, tables[name])]
    for i, (title, (header, rows)) in enumerate(chosen):
        if name == "all":
            if i:
                writer.writerow([])
            writer.writerow([f"# {title}"])
        writer.writerow(header)
        for row in rows:
            writer.writerow([("; ".join(map(str, c)) if isinstance(c, list) else c) for c in row])
    resp = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{filename}-{name}.csv"'
    return resp
