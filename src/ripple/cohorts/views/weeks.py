"""The weekly part of a cohort: check-ins, the board, nudges, quotes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.cohorts import access, actions, hooks, selectors
from ripple.cohorts.forms import CheckInForm
from ripple.cohorts.models import CheckIn
from ripple.cohorts.views.common import attempt
from ripple.core.forms import apply_errors, error_text
from ripple.core.htmx import render_page
from ripple.people.http import AuthedRequest


def _initial(checkin: CheckIn | None) -> dict[str, object]:
    if checkin is None:
        return {}
    c = checkin
    return {
        "tried": c.tried,
        "happened": c.happened,
        "minutes_saved": c.minutes_saved,
        "confidence": c.confidence,
        "blocked": c.blocked,
        "learned_from": c.learned_from,
        "prompt_ids": ",".join(str(p.pk) for p in c.prompts.all()),
        "post_ids": ",".join(str(p.pk) for p in c.posts.all()),
    }


@require_http_methods(["GET", "POST"])
@login_required
def checkin(request: AuthedRequest, cohort_id: int, week: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require(
        access.is_member(request.user, cohort), "Only the cohort's members check in: join it first."
    )
    try:
        actions.check_week(cohort, week)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(cohort)
    existing = selectors.checkins(cohort, person=request.user, week=week).first()
    form = CheckInForm(request.POST or None, initial=_initial(existing))
    if request.method == "POST" and form.is_valid():
        try:
            actions.checkin_save(actor=request.user, cohort=cohort, week=week, data=form.data_for_action())
        except ValidationError as exc:
            apply_errors(form, exc, labels={"prompts": "Prompts", "posts": "Posts"})
        else:
            messages.success(request, f"Checked in for week {week}. You can change it until the week ends.")
            return redirect("cohorts:board", cohort.pk)
    return render(
        request,
        "cohorts/checkin.html",
        {
            "cohort": cohort,
            "week": week,
            "form": form,
            "existing": existing,
            "extras": hooks.extras_for(request.user, cohort, week),
        },
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def board(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_board(request.user, cohort)
    return render_page(
        request,
        "cohorts/board.html",
        {
            "cohort": cohort,
            "board": selectors.board(cohort),
            "facilitator": access.is_facilitator(request.user, cohort),
        },
        partials={"board": "board"},
    )


@require_POST
@login_required
def nudge(request: AuthedRequest, cohort_id: int, person_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    person = selectors.person_by_id(person_id)
    if person is None:
        raise Http404("No such person.")
    attempt(
        request,
        lambda: actions.nudge(actor=request.user, cohort=cohort, person=person),
        f"{person.name} was nudged.",
    )
    return redirect("cohorts:board", cohort.pk)


@require_GET
@login_required
def checkins(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_board(request.user, cohort)
    return render(
        request,
        "cohorts/checkins.html",
        {
            "cohort": cohort,
            "checkins": list(selectors.checkins(cohort)),
            "facilitator": access.is_facilitator(request.user, cohort),
        },
    )


@require_POST
@login_required
def quote(request: AuthedRequest, cohort_id: int, checkin_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    item = selectors.checkin_by_id(cohort, checkin_id)
    if item is None:
        raise Http404("No such check-in.")
    chosen = request.POST.get("chosen") == "1"
    actions.checkin_quote(actor=request.user, checkin=item, chosen=chosen)
    messages.success(request, "Chosen for the report." if chosen else "Left out of the report.")
    return redirect("cohorts:checkins", cohort.pk)
