"""What a cohort's facilitators run: starting it, partners, the automated messages, the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.cohorts import access, actions, selectors
from ripple.cohorts.forms import MessageForm
from ripple.cohorts.views.common import attempt
from ripple.core.forms import error_text
from ripple.people.http import AuthedRequest


@require_POST
@login_required
def start(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    attempt(
        request,
        lambda: actions.cohort_start(actor=request.user, cohort=cohort),
        "Started: the before survey is open.",
    )
    return redirect(cohort)


@require_http_methods(["GET", "POST"])
@login_required
def partners(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step == "propose":
            attempt(
                request,
                lambda: actions.pairing_propose(actor=request.user, cohort=cohort),
                "New pairs proposed.",
            )
        elif step == "swap":
            try:
                first, second = int(request.POST.get("first", "")), int(request.POST.get("second", ""))
            except ValueError:
                messages.error(request, "Choose two people to swap.")
            else:
                attempt(
                    request,
                    lambda: actions.pairing_swap(
                        actor=request.user, cohort=cohort, first=first, second=second
                    ),
                    "Swapped.",
                )
        elif step == "publish":
            attempt(
                request,
                lambda: actions.pairing_publish(actor=request.user, cohort=cohort),
                "Published: everyone sees their partner.",
            )
        return redirect("cohorts:partners", cohort.pk)
    groups = selectors.partners(cohort)
    people = [row for group in groups for row in group]
    return render(request, "cohorts/partners.html", {"cohort": cohort, "groups": groups, "people": people})


@require_GET
@login_required
def message_list(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    rows = [
        (
            m,
            MessageForm(
                initial={"text": m.text, "send_on": m.send_on, "enabled": m.enabled}, prefix=f"m{m.pk}"
            ),
        )
        for m in selectors.messages(cohort)
    ]
    return render(request, "cohorts/messages.html", {"cohort": cohort, "rows": rows})


@require_POST
@login_required
def message_edit(request: AuthedRequest, cohort_id: int, message_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_facilitator(request.user, cohort)
    message = selectors.message_by_id(cohort, message_id)
    if message is None:
        raise Http404("No such message.")
    form = MessageForm(request.POST, prefix=f"m{message.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            actions.message_update(
                actor=request.user,
                message=message,
                text=form.cleaned_data["text"],
                send_on=form.cleaned_data.get("send_on"),
                enabled=form.cleaned_data.get("enabled", False),
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Message saved." if message.enabled else "Message switched off.")
    return redirect("cohorts:messages", cohort.pk)


@require_GET
@login_required
def report(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_report(request.user, cohort)
    data = selectors.report(cohort)
    chart = {
        "labels": [f"Week {w['week']}" for w in data["checkin_rate"]],
        "rates": [w["rate"] for w in data["checkin_rate"]],
    }
    return render(request, "cohorts/report.html", {"cohort": cohort, "report": data, "chart": chart})


@require_GET
@login_required
def report_csv(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    cohort = access.access_cohort(request.user, cohort_id)
    access.require_report(request.user, cohort)
    response = HttpResponse(
        selectors.report_csv(selectors.report(cohort)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}-outcomes.csv"'
    return response
