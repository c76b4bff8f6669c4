from __future__ import annotations

import zoneinfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ripple.core.context_processors import home_url


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The first section the apps registered (the feed)."""
    return redirect(home_url())


TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


def _zone_words(zone: str) -> str:
    return zone.lower().replace("_", " ").replace("/", " ")


@require_GET
@login_required
def time_zones(request: HttpRequest) -> JsonResponse:
    """The time-zone picker's suggestions: zones whose words start with every word typed ("paris",
    "new york", "europe/lon"), cities that start with it first; ten at most."""
    words = request.GET.get("q", "")[:60].lower().replace("/", " ").replace("_", " ").split()
    found = [
        z for z in TIME_ZONES if all(any(w.startswith(t) for w in _zone_words(z).split()) for t in words)
    ]
    first = words[0] if words else ""
    found.sort(key=lambda z: (not _zone_words(z).split(" ", 1)[-1].startswith(first), "/" not in z, z))
    items = [{"value": z, "label": z.replace("_", " "), "hint": ""} for z in found[:10]]
    return JsonResponse({"items": items})


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"code": 403, "message": str(exception or "") or "You do not have access to this page."},
        status=403,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"code": 404, "message": "This page does not exist, or you do not have access to it."},
        status=404,
    )
