"""Docs tested against code: the API reference lists every endpoint the OpenAPI document has."""

from __future__ import annotations

import re
from pathlib import Path

from ripple.api.urls import api

ROOT = Path(__file__).resolve().parents[2]


def test_api_doc_lists_every_endpoint():
    rows = re.findall(
        r"\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*`([^`]+)`", (ROOT / "docs/api.md").read_text()
    )
    documented = set(rows)
    spec = api.get_openapi_schema()
    actual = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in spec["paths"].items()
        for method in operations
    }
    assert actual - documented == set(), "endpoints missing from docs/api.md"
    assert documented - actual == set(), "docs/api.md lists endpoints that do not exist"


def test_readme_gives_the_two_commands_and_ci_calls_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci/run").read_text()
