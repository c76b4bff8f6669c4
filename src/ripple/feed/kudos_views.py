"""The kudos page: give a public thank-you (prefilled from links such as the radar's "send kudos")
and read the latest ones."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ripple.core.forms import apply_errors
from ripple.core.pagination import InvalidCursor
from ripple.feed import access, actions, selectors
from ripple.feed.forms import KudosForm
from ripple.feed.views import _int
from ripple.people.http import AuthedRequest


@require_http_methods(["GET", "POST"])
@login_required
def kudos(request: AuthedRequest) -> HttpResponse:
    initial: dict[str, Any] = {
        "post": _int(request.GET.get("post")),
        "prompt": _int(request.GET.get("prompt")),
    }
    if request.GET.get("to"):
        initial["to"] = [v for v in request.GET.getlist("to") if v.isdigit()]
    if request.GET.get("message"):  # prefilled by links such as the radar's "send kudos"
        initial["message"] = request.GET["message"][:1000]
    form = KudosForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        post = None
        if form.cleaned_data.get("post"):
            post = access.access_post(request.user, form.cleaned_data["post"])
        try:
            actions.kudos_give(
                actor=request.user, recipients=list(form.cleaned_data["to"]),
                message=form.cleaned_data["message"], post=post, prompt_id=form.cleaned_data.get("prompt"),
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Kudos sent — that will make someone's day.")
            return redirect("feed:kudos")
    try:
        page = selectors.kudos_page(cursor=request.GET.get("cursor") or None)
    except InvalidCursor:
        return redirect("feed:kudos")
    return render(
        request, "feed/kudos.html", {"form": form, "page": page},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip
