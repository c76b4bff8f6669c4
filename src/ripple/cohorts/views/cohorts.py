"""Cohort pages: the list, creating and editing one, its page, joining and leaving, people (requests,
invitations, the waiting list). Thin: parse → access → action/selector → render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.cohorts import access, actions, hooks, selectors
from ripple.cohorts.forms import CohortForm, InviteForm
from ripple.cohorts.models import Status
from ripple.cohorts.views.common import attempt
from ripple.core.forms import apply_errors
from ripple.people.http import AuthedRequest


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "cohorts/index.html",
        {"cards": selectors.cohort_list(request.user), "can_create": access.can_create(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def new(request: AuthedRequest) -> HttpResponse:
    access.require(access.can_create(request.user), "Only facilitators and admins can start a cohort.")
    tz = request.user.time_zone or "Europe/London"
    form = CohortForm(request.POST or None, initial={"time_zone": tz})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = actions.cohort_create(
                actor=request.user,
                data=form.data_for_action(),
                visibility=form.cleaned_data["visibility"],
                facilitators=list(form.cleaned_data.get("facilitators") or []),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, "Your cohort is ready. Invite people or share its page so they can join."
            )
            return redirect(cohort)
    return render(request, "cohorts/form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    form = CohortForm(request.POST or None, initial=CohortForm.initial_for(cohort))
    if request.method == "POST" and form.is_valid():
        try:
            actions.cohort_update(
                actor=request.user,
                cohort=cohort,
                data=form.data_for_action(),
                visibility=form.cleaned_data["visibility"],
                facilitators=list(form.cleaned_data.get("facilitators") or []),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Saved. Messages not sent yet follow the new dates.")
            return redirect(cohort)
    return render(
        request, "cohorts/form.html", {"form": form, "cohort": cohort}, status=400 if form.errors else 200
    )


@require_GET
@login_required
def detail(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    page = selectors.cohort_page(request.user, cohort)
    extras = hooks.extras_for(request.user, cohort, page.week) if page.is_member and page.week else []
    return render(
        request,
        "cohorts/detail.html",
        {
            "page": page,
            "cohort": cohort,
            "extras": extras,
            "can_report": access.can_see_report(request.user, cohort),
        },
    )


@require_POST
@login_required
def join(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    waitlist = request.POST.get("waitlist") == "1"
    try:
        enrolment = actions.join(actor=request.user, cohort=cohort, waitlist=waitlist)
    except ValidationError as exc:
        from ripple.core.forms import error_text

        messages.error(request, error_text(exc))
        return redirect(cohort)
    texts: dict[str, str] = {
        Status.MEMBER: f"Welcome to “{cohort.name}”.",
        Status.WAITING: "The cohort is full: you are on its waiting list and will hear when a place opens.",
        Status.REQUESTED: "Asked. A facilitator will answer; you will hear in your inbox.",
    }
    messages.success(request, texts.get(enrolment.status, "Done."))
    return redirect(cohort)


@require_POST
@login_required
def leave(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    if attempt(
        request, lambda: actions.leave(actor=request.user, cohort=cohort), f"You left “{cohort.name}”."
    ):
        return redirect("cohorts:index") if cohort.space.is_private else redirect(cohort)
    return redirect(cohort)


@require_GET
@login_required
def people(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_board(request.user, cohort)
    facilitator = access.is_facilitator(request.user, cohort)
    statuses = (
        (Status.MEMBER, Status.REQUESTED, Status.INVITED, Status.WAITING) if facilitator else (Status.MEMBER,)
    )
    return render(
        request,
        "cohorts/people.html",
        {
            "cohort": cohort,
            "rows": list(selectors.enrolments(cohort, statuses=statuses)),
            "facilitator": facilitator,
            "invite_form": InviteForm() if facilitator else None,
        },
    )


@require_POST
@login_required
def invite(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a person to invite.")
    else:
        person = form.cleaned_data["person"]
        attempt(
            request,
            lambda: actions.invite(actor=request.user, cohort=cohort, person=person),
            f"{person.name} is invited.",
        )
    return redirect("cohorts:people", cohort.pk)


@require_POST
@login_required
def answer(request: AuthedRequest, cohort_id: int, person_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    person = selectors.person_by_id(person_id)
    approve = request.POST.get("approve") == "1"
    if person is None:
        messages.error(request, "No such person.")
    else:
        attempt(
            request,
            lambda: actions.answer_request(actor=request.user, cohort=cohort, person=person, approve=approve),
            f"{person.name} {'approved' if approve else 'declined'}.",
        )
    return redirect("cohorts:people", cohort.pk)
