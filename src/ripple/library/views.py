from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ripple.library import access
from ripple.people.http import AuthedRequest


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(request, "library/index.html")


@require_GET
@login_required
def prompt(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    return HttpResponse(item.title, content_type="text/plain")


@require_GET
@login_required
def collection(request: AuthedRequest, collection_id: int) -> HttpResponse:
    item = access.access_collection(request.user, collection_id)
    return HttpResponse(item.title, content_type="text/plain")
