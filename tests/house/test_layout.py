"""The house rules that a linter does not see: thin views and API modules, apps plugged in through the
registries, every module a readable size."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "ripple"


def _entry_modules() -> list[Path]:
    """Every views.py / api.py, and every module of a views/ or api/ package, in every app."""
    found = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if "migrations" in rel.parts:
            continue
        if path.name in ("views.py", "api.py") or (len(rel.parts) > 2 and rel.parts[-2] in ("views", "api")):
            found.append(path)
    return sorted(found)


def _orm_uses(path: Path, root: Path = SRC) -> list[str]:
    """Lines of `path` that reach the database through a model manager (`X.objects`)."""
    uses = []
    for lineno, line in enumerate(path.read_text().splitlines(), start=1):
        code = line.split("#", 1)[0]
        if ".objects." in code or code.rstrip().endswith(".objects"):
            uses.append(f"{path.relative_to(root)}:{lineno}: {line.strip()}")
    return uses


def test_views_and_api_modules_exist_for_each_app():
    names = {p.relative_to(SRC).as_posix().replace("/__init__.py", ".py") for p in _entry_modules()}
    apps = ("library", "feed", "people", "notifications", "surveys", "showcase")
    assert {f"{app}/views.py" for app in apps} <= names
    assert {f"{app}/api.py" for app in apps} <= names


@pytest.mark.parametrize("path", _entry_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_orm_in_views_or_api(path):
    """Views and API modules parse, check access and call actions/selectors; the ORM lives there."""
    assert _orm_uses(path) == []


def test_the_orm_check_catches_a_query_in_a_view(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text("def page(request):\n    return Prompt.objects.filter(pk=1)\n")
    assert _orm_uses(bad, root=tmp_path) == ["views.py:2: return Prompt.objects.filter(pk=1)"]


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_modules_stay_readable(path):
    """A module past ~400 lines becomes a package (docs/architecture.md): 450 is the hard line."""
    lines = len(path.read_text().splitlines())
    assert lines <= 450, f"{path.relative_to(SRC)} has {lines} lines: split it into a package"


def _named_apps(path: Path, apps: tuple[str, ...]) -> set[str]:
    """The apps a core file imports (Python) or whose URLs it names (templates and string literals)."""
    text = path.read_text()
    named = set()
    if path.suffix == ".py":
        for node in ast.walk(ast.parse(text)):
            modules = []
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                named |= {app for app in apps if re.match(rf"{app}:\w", node.value)}
            named |= {m.split(".")[1] for m in modules if m.startswith("ripple.") and m.split(".")[1] in apps}
    else:
        named |= {app for app in apps if re.search(rf"url ['\"]{app}:", text)}
    return named


def test_core_names_no_app():
    """Core's code and templates import no app and name no app's URLs: apps plug in through core.registry."""
    apps = ("people", "notifications", "library", "feed", "upcoming", "surveys", "cohorts", "showcase",
            "communities", "radar", "insights")  # fmt: skip
    offenders = [
        f"{path.relative_to(SRC)} names {app}"
        for path in sorted((SRC / "core").rglob("*"))
        if path.suffix in (".py", ".html", ".txt") and "migrations" not in path.parts
        for app in sorted(_named_apps(path, apps))
    ]
    assert offenders == []


def test_the_core_check_catches_an_app_url_in_a_template(tmp_path):
    page = tmp_path / "base.html"
    page.write_text("<a href=\"{% url 'feed:index' %}\">Feed</a>")
    code = tmp_path / "views.py"
    code.write_text("from ripple.library import selectors\nHOME = 'library:index'\n")
    assert _named_apps(page, ("feed",)) == {"feed"} and _named_apps(code, ("library",)) == {"library"}


def test_actions_are_keyword_only():
    """Every public action takes keyword arguments only (`def prompt_fork(*, actor, ...)`)."""
    loose = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if not (path.name == "actions.py" or "actions" in rel.parts[:-1]) or path.name == "__init__.py":
            continue
        for node in ast.parse(path.read_text()).body:
            atomic = isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Attribute) and d.attr == "atomic" for d in node.decorator_list
            )
            if atomic and not node.name.startswith("_") and node.args.args:
                loose.append(f"{rel}: {node.name}")
    assert loose == []
