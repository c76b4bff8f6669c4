"""The radar's pages (admins only, access.require_radar): pockets, a pocket, connectors, the harvest
queue and its review form, imports (upload → background job → status polled by HTMX), chat identities.
Thin: access → selectors/actions → template."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core import uploads
from ripple.core.forms import apply_errors, error_text
from ripple.core.htmx import render_page
from ripple.people.http import AuthedRequest
from ripple.radar import access, actions, selectors, slack
from ripple.radar.forms import CandidateForm, LinkForm
from ripple.radar.models import HarvestStatus

POLL_SECONDS = 2


def _community_link(name: str, purpose: str) -> str:
    """The communities app's "new community" form prefilled, or "" while that app is not installed."""
    try:
        base = reverse("communities:new")
    except NoReverseMatch:
        return ""
    return base + "?" + urlencode({"name": name, "purpose": purpose})


def _chart(weekly: dict[str, Any], labels: dict[int, str]) -> str:
    return json.dumps(
        {
            "labels": [w.strftime("%d %b") for w in weekly["weeks"]],
            "series": [{"label": labels[cid], "data": data} for cid, data in weekly["series"].items()],
        }
    )


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    access.require_radar(request.user)
    pockets = selectors.pockets()
    top = pockets[:5]
    weekly = selectors.weekly([p.channel.pk for p in top])
    context = {
        "pockets": pockets,
        "totals": selectors.totals(),
        "chart": _chart(weekly, {p.channel.pk: "#" + p.channel.name for p in top}),
        "weekly_rows": [
            (week, [weekly["series"][p.channel.pk][i] for p in top]) for i, week in enumerate(weekly["weeks"])
        ],
        "top": top,
        "harvest_counts": selectors.harvest_counts(),
        "imports": selectors.imports(limit=1),
    }
    return render(request, "radar/index.html", context)


@require_GET
@login_required
def pocket(request: AuthedRequest, channel_id: int) -> HttpResponse:
    channel = access.access_channel(request.user, channel_id)
    figures = selectors.pocket(channel)
    weekly = selectors.weekly([channel.pk])
    people = selectors.pocket_people(channel)
    matched = [p["user"] for p in people if p["user"] is not None]
    purpose = channel.purpose or f"People using AI, grown from the #{channel.name} Slack channel."
    context = {
        "pocket": figures,
        "channel": channel,
        "chart": _chart(weekly, {channel.pk: "#" + channel.name}),
        "rows": list(zip(weekly["weeks"], weekly["series"][channel.pk], strict=True)),
        "people": people,
        "matched": matched,
        "threads": selectors.pocket_threads(channel),
        "community_url": _community_link(channel.name, purpose),
        "showcase_url": reverse("showcase:index"),
    }
    return render(request, "radar/pocket.html", context)


def kudos_url(user_id: int, name: str, helped: int) -> str:
    message = f"Thank you, {name}, for answering {helped} people's AI questions in Slack. It helps us all."
    return reverse("feed:kudos") + "?" + urlencode({"to": user_id, "message": message})


@require_GET
@login_required
def connectors(request: AuthedRequest) -> HttpResponse:
    access.require_radar(request.user)
    rows = [
        {
            "c": c,
            "kudos": kudos_url(c.identity.user.pk, c.identity.user.name, c.helped) if c.identity.user else "",
        }
        for c in selectors.connectors()
    ]
    return render(request, "radar/connectors.html", {"rows": rows})


@require_GET
@login_required
def harvest(request: AuthedRequest) -> HttpResponse:
    access.require_radar(request.user)
    status = request.GET.get("status") or HarvestStatus.PENDING
    if status not in HarvestStatus.values:
        status = HarvestStatus.PENDING
    try:
        page = selectors.harvest_page(status=status, cursor=request.GET.get("cursor") or None)
    except ValueError:
        page = selectors.harvest_page(status=status)
    context = {
        "page": page,
        "status": status,
        "statuses": HarvestStatus.choices,
        "counts": selectors.harvest_counts(),
    }
    return render_page(request, "radar/harvest.html", context, partials={"harvest-list": "list"})


@require_http_methods(["GET", "POST"])
@login_required
def candidate(request: AuthedRequest, candidate_id: int) -> HttpResponse:
    item = access.access_candidate(request.user, candidate_id)
    initial = {"kind": item.kind, "title": item.title, "body": item.body}
    form = CandidateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.candidate_approve(actor=request.user, candidate=item, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Published “{form.cleaned_data['title']}”, credited to its author.")
            return redirect("radar:harvest")
    context = {"item": item, "form": form, "similar_url": _similar_url(item.similar_prompt_id)}
    return render(request, "radar/candidate.html", context, status=422 if form.errors else 200)


def _similar_url(prompt_id: int | None) -> str:
    return reverse("library:prompt", args=[prompt_id]) if prompt_id else ""


@require_POST
@login_required
def candidate_reject(request: AuthedRequest, candidate_id: int) -> HttpResponse:
    item = access.access_candidate(request.user, candidate_id)
    try:
        actions.candidate_reject(actor=request.user, candidate=item)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Rejected “{item.title}”.")
    return redirect("radar:harvest")


@require_http_methods(["GET", "POST"])
@login_required
def candidate_decline(request: AuthedRequest, candidate_id: int) -> HttpResponse:
    item = access.access_candidate(request.user, candidate_id, as_author=True)
    if request.method == "POST":
        try:
            actions.candidate_decline(actor=request.user, candidate=item)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Done: it is no longer published in your name.")
        return redirect("radar:candidate_decline", candidate_id=item.pk)
    urls = {
        "prompt": reverse("library:prompt", args=[item.prompt_id]) if item.prompt_id else "",
        "post": reverse("feed:post", args=[item.post_id]) if item.post_id else "",
    }
    return render(
        request,
        "radar/decline.html",
        {"item": item, **urls, "is_author": access.is_author(request.user, item)},
    )


# --- imports --------------------------------------------------------------------------------------


@csrf_exempt  # checked in _imports once the size cap is in place
def imports(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST" and access.can_view_radar(request.user):
        if uploads.declared_too_big(request, slack.LIMITS.archive_bytes):
            return _import_error(request, str(uploads.too_big(slack.LIMITS.archive_bytes)), status=413)
        uploads.cap_upload(request, slack.LIMITS.archive_bytes)
    return _imports(request)


def _import_error(request: HttpRequest, message: str, status: int = 422) -> HttpResponse:
    context = {"error": message, "imports": selectors.imports()}
    return render(request, "radar/imports.html", context, status=status)


@csrf_protect
@require_http_methods(["GET", "POST"])
@login_required
def _imports(request: AuthedRequest) -> HttpResponse:
    access.require_radar(request.user)
    if request.method == "GET":
        return render(request, "radar/imports.html", {"imports": selectors.imports()})
    upload = request.FILES.get("file")
    if uploads.upload_too_big(request):
        return _import_error(request, str(uploads.too_big(slack.LIMITS.archive_bytes)), status=413)
    if upload is None:
        return _import_error(request, "Choose the Slack export (.zip) to import.")
    private = [n for n in request.POST.get("include_private", "").split(",") if n.strip()]
    try:
        job = actions.job_create(
            actor=request.user,
            stream=upload,
            name=Path(upload.name or "export.zip").name,
            skip_bad_files=request.POST.get("skip_bad_files") == "on",
            include_private=private,
        )
    except uploads.UploadError as exc:
        return _import_error(request, str(exc))
    target = reverse("radar:import_job", args=[job.pk])
    if request.headers.get("X-Requested-With") == "upload.js":
        return HttpResponse(json.dumps({"url": target}), content_type="application/json", status=201)
    return redirect(target)


@require_GET
@login_required
def import_job(request: AuthedRequest, import_id: Any) -> HttpResponse:
    job = access.access_import(request.user, import_id)
    context = {"job": job, "poll": POLL_SECONDS}
    return render_page(request, "radar/import_job.html", context, partials={"import-job": "status"})


# --- chat identities ------------------------------------------------------------------------------


@require_GET
@login_required
def identities(request: AuthedRequest) -> HttpResponse:
    access.require_radar(request.user)
    show_all = request.GET.get("all") == "1"
    try:
        page = selectors.identities_page(
            unmatched_only=not show_all, cursor=request.GET.get("cursor") or None
        )
    except ValueError:
        page = selectors.identities_page(unmatched_only=not show_all)
    rows = [(i, LinkForm(auto_id=f"link-{i.pk}-%s")) for i in page.items]
    return render(request, "radar/identities.html", {"page": page, "rows": rows, "show_all": show_all})


@require_POST
@login_required
def identity_link(request: AuthedRequest, identity_id: int) -> HttpResponse:
    identity = access.access_identity(request.user, identity_id)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the Ripple person this chat identity belongs to.")
        return redirect("radar:identities")
    try:
        events = actions.identity_link(
            actor=request.user, identity=identity, person=form.cleaned_data["person"]
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"Linked {identity.name} to {form.cleaned_data['person'].name}; "
            f"{events} past answer(s) recorded.",
        )
    return redirect("radar:identities")
