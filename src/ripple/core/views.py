from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ripple.core.context_processors import home_url


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The first section the apps registered (the feed)."""
    return redirect(home_url())


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
