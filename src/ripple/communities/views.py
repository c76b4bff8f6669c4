"""Community pages: the directory, starting one (prefilled from ?name=&purpose=, as the radar links it),
a community's page with its posts, prompts, members and show-and-tell, and the writes behind its buttons.
Thin: parse → access → action/selector → render (or redirect with a message; an error changes nothing)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.communities import access, actions, selectors
from ripple.communities.forms import (
    CommunityForm,
    CommunityPostForm,
    CommunityPromptForm,
    EndorseForm,
    InviteForm,
    RequestForm,
    WithdrawForm,
)
from ripple.core.forms import apply_errors, error_text
from ripple.feed import actions as feed_actions
from ripple.people import access as people_access
from ripple.people.http import AuthedRequest
from ripple.showcase import access as showcase_access
from ripple.showcase import selectors as showcase_selectors


def _int(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _form_errors(form: Any) -> str:
    return "; ".join(str(e) for errs in form.errors.values() for e in errs)


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    filter = request.GET.get("filter", "")
    filter = filter if filter in selectors.FILTERS else ""
    q = request.GET.get("q", "")[:100]
    communities = selectors.directory(viewer=request.user, filter=filter, search_text=q)
    context = {"communities": communities, "filter": filter, "q": q, "filters": selectors.FILTERS}
    return render(request, "communities/index.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def new(request: AuthedRequest) -> HttpResponse:
    initial = {"name": request.GET.get("name", "")[:120], "purpose": request.GET.get("purpose", "")[:2000]}
    form = CommunityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            community = actions.community_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, "Your community is ready: invite people, post a first tip, add a prompt."
            )
            return redirect(community)
    status = 400 if form.errors else 200
    return render(request, "communities/form.html", {"form": form, "creating": True}, status=status)


@require_GET
@login_required
def by_space(request: AuthedRequest, space_id: int) -> HttpResponse:
    """A space's page (the feed's community badge links here): the community that owns it."""
    return redirect(selectors.community_of_space(viewer=request.user, space_id=space_id))


@require_GET
@login_required
def detail(request: AuthedRequest, slug: str) -> HttpResponse:
    community, readable = access.access_invited(request.user, slug)
    if not readable:
        return render(request, "communities/invited.html", {"community": community})
    data = selectors.page(viewer=request.user, community=community)
    context = {
        "p": data, "c": community, "can_endorse": access.can_endorse(request.user),
        "post_form": CommunityPostForm(), "prompt_form": CommunityPromptForm(), "invite_form": InviteForm(),
        "endorse_form": EndorseForm(), "withdraw_form": WithdrawForm(),
        "hosted": showcase_selectors.hosted_series(viewer=request.user) if data.is_lead else [],
        "request_url": request.build_absolute_uri(
            reverse("communities:ask", args=[community.slug, community.request_token])
        ),
    }  # fmt: skip
    return render(request, "communities/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: AuthedRequest, slug: str) -> HttpResponse:
    community = access.access_community(request.user, slug)
    access.require_lead(request.user, community)
    initial = {"name": community.name, "purpose": community.purpose, "visibility": community.space.visibility}
    form = CommunityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.community_update(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(community)
    status = 400 if form.errors else 200
    return render(request, "communities/form.html", {"form": form, "c": community}, status=status)


def _done(request: AuthedRequest, community: Any, work: Any, success: str, anchor: str = "") -> HttpResponse:
    """Run `work`; a refusal becomes a message and nothing changes."""
    try:
        work()
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, success)
    return redirect(community.get_absolute_url() + anchor)


@require_POST
@login_required
def join(request: AuthedRequest, slug: str) -> HttpResponse:
    community, _readable = access.access_invited(request.user, slug)
    return _done(
        request,
        community,
        lambda: actions.join(actor=request.user, community=community),
        f"Welcome to {community.name}!",
    )


@require_POST
@login_required
def decline_invite(request: AuthedRequest, slug: str) -> HttpResponse:
    community, _readable = access.access_invited(request.user, slug)
    try:
        actions.decline_invite(actor=request.user, community=community)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Invitation declined.")
    return redirect("communities:index")


@require_POST
@login_required
def leave(request: AuthedRequest, slug: str) -> HttpResponse:
    community = access.access_community(request.user, slug)
    return _done(
        request, community, lambda: actions.leave(actor=request.user, community=community), "You left."
    )


@require_http_methods(["GET", "POST"])
@login_required
def ask(request: AuthedRequest, slug: str, token: str) -> HttpResponse:
    """A private community's request link: its name and purpose, and a button to ask to join."""
    community = access.access_by_token(request.user, slug, token)
    if access.is_member(request.user, community):
        return redirect(community)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_join(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Asked: a lead will let you in. You will get a notification.")
            return redirect("communities:index")
    return render(
        request,
        "communities/ask.html",
        {"community": community, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def decide(request: AuthedRequest, slug: str, request_id: int, decision: str) -> HttpResponse:
    community = access.access_community(request.user, slug)
    access.require_lead(request.user, community)
    join_request = access.access_request(community, request_id)
    work = actions.approve if decision == "approve" else actions.decline
    done = "Approved: they are a member now." if decision == "approve" else "Declined."
    return _done(
        request, community, lambda: work(actor=request.user, request=join_request), done, "#requests"
    )


@require_POST
@login_required
def invite(request: AuthedRequest, slug: str) -> HttpResponse:
    community = access.access_community(request.user, slug)
    access.require_lead(request.user, community)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(community.get_absolute_url() + "#members")
    person = people_access.access_person(request.user, form.cleaned_data["person"])
    return _done(
        request, community, lambda: actions.invite(actor=request.user, community=community, person=person),
        f"Invited {person.name}.", "#members",
    )  # fmt: skip


@require_POST
@login_required
def set_role(request: AuthedRequest, slug: str, person_id: int) -> HttpResponse:
    community = access.access_community(request.user, slug)
    person = people_access.access_person(request.user, person_id)
    role = request.POST.get("role", "")
    return _done(
        request, community,
        lambda: actions.set_role(actor=request.user, community=community, person=person, role=role),
        "Roles updated.", "#members",
    )  # fmt: skip


@require_POST
@login_required
def post(request: AuthedRequest, slug: str) -> HttpResponse:
    """Post in the community: a feed post in its space (members only)."""
    community = access.access_community(request.user, slug)
    form = CommunityPostForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(community.get_absolute_url() + "#posts")
    access.require(
        access.is_member(request.user, community), "Only members post here; join the community first."
    )
    return _done(
        request, community,
        lambda: feed_actions.post_create(actor=request.user, space=community.space, **form.cleaned_data),
        "Posted in the community.", "#posts",
    )  # fmt: skip


@require_POST
@login_required
def prompt(request: AuthedRequest, slug: str) -> HttpResponse:
    community = access.access_community(request.user, slug)
    form = CommunityPromptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(community.get_absolute_url() + "#prompts")
    return _done(
        request, community,
        lambda: actions.prompt_add(actor=request.user, community=community, **form.cleaned_data),
        "Prompt added to the community's collection.", "#prompts",
    )  # fmt: skip


@require_POST
@login_required
def endorse(request: AuthedRequest, slug: str) -> HttpResponse:
    community = access.access_community(request.user, slug)
    access.require_admin(request.user)
    form = EndorseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(community.get_absolute_url() + "#endorsement")
    return _done(
        request, community,
        lambda: actions.endorse(actor=request.user, community=community, **form.cleaned_data),
        f"{community.name} is endorsed; its leads are told.", "#endorsement",
    )  # fmt: skip


@require_POST
@login_required
def withdraw(request: AuthedRequest, slug: str) -> HttpResponse:
    community = access.access_community(request.user, slug)
    access.require_admin(request.user)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _done(
        request, community, lambda: actions.withdraw(actor=request.user, community=community, reason=reason),
        "Endorsement withdrawn; it stays in the history.", "#endorsement",
    )  # fmt: skip


@require_POST
@login_required
def series(request: AuthedRequest, slug: str) -> HttpResponse:
    """A lead attaches (or detaches) a show-and-tell series they host."""
    community = access.access_community(request.user, slug)
    access.require_lead(request.user, community)
    series_id = _int(request.POST.get("series"))
    if series_id is None:
        messages.error(request, "Choose one of the series you host.")
        return redirect(community.get_absolute_url() + "#show")
    try:
        found = showcase_access.access_series(request.user, series_id)
    except Http404:
        messages.error(request, "Choose one of the series you host.")
        return redirect(community.get_absolute_url() + "#show")
    attach = request.POST.get("detach") != "1"
    return _done(
        request, community,
        lambda: actions.series_attach(actor=request.user, community=community, series=found, attach=attach),
        "Show-and-tell series attached." if attach else "Series detached.", "#show",
    )  # fmt: skip
