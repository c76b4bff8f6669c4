"""A page, or the one region of it an HTMX request swaps — decided the same way in every view.

HTMX sends `HX-Request: true` and, when the element it swaps has an id, `HX-Target: <that id>`. A view
names the regions it can render alone, `{target id: partial name}` (django-template-partials'
`{% partialdef name %}` in the page's template), and calls

    return render_page(request, "library/index.html", context, partials={"results": "results"})

which renders `library/index.html#results` when the request targets `#results`, and the whole page
otherwise: a plain visit, a boosted link, a request aimed at another region. Keying on the target,
not on `HX-Request` alone, means a new HTMX element on the page never receives a fragment meant for
another one. Responses vary on both headers, so a cache (or the browser's history) never serves a
fragment for a page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

VARY = ("HX-Request", "HX-Target")


def target_partial(request: HttpRequest, partials: Mapping[str, str]) -> str | None:
    """The partial for the region this HTMX request swaps, when the view knows it; else None."""
    if request.headers.get("HX-Request") != "true":
        return None
    return partials.get(request.headers.get("HX-Target", ""))


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    partials: Mapping[str, str],
    page_context: Callable[[], Mapping[str, Any]] | None = None,
    status: int | None = None,
) -> HttpResponse:
    """`template#partial` for an HTMX request aimed at one of `partials`, else the whole `template`.

    `page_context` adds what only the whole page shows (computed only when the whole page is rendered,
    so a fragment costs no query it does not need)."""
    partial = target_partial(request, partials)
    if partial is None and page_context is not None:
        context = {**context, **page_context()}
    response = render(request, f"{template}#{partial}" if partial else template, context, status=status)
    patch_vary_headers(response, VARY)
    return response
