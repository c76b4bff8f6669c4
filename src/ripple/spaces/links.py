"""Where a space's page is: the owning app (cohorts, communities) names the URL that takes a space id
(`register("community", "communities:by_space")` in its `ready()`), so apps below it — the feed's
community badge — link a space without importing the app above (ADR 0020). It may also name the page
that lists its spaces (`register_directory("community", "communities:index")`): the feed's community
filter points there when the viewer can read no community yet."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

_pages: dict[str, str] = {}
_directories: dict[str, str] = {}


def register(kind: str, url_name: str) -> None:
    _pages[kind] = url_name


def register_directory(kind: str, url_name: str) -> None:
    _directories[kind] = url_name


def directory_url(kind: str) -> str:
    """The page listing the spaces of `kind` (a URL name without arguments), or "" when none is registered."""
    name = _directories.get(kind)
    if not name:
        return ""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def url_for(space: Any) -> str:
    """The page of `space` (its owner's page by space id), or "" when no app registered its kind."""
    name = _pages.get(getattr(space, "kind", ""))
    if not name or space is None:
        return ""
    try:
        return reverse(name, args=[space.pk])
    except NoReverseMatch:
        return ""
