"""Show-and-tell pages for one session: agenda, sign-up and waiting list, invitations, RSVP, check-in,
applause, and the hosts' tools (reorder, resize, move, skip, notes, attendance, suggested presenters)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.forms import apply_errors
from ripple.people import access as people_access
from ripple.people.http import AuthedRequest
from ripple.showcase import access, actions, recurrence, selectors
from ripple.showcase.forms import CancelForm, MoveForm, NotesForm, SlotForm
from ripple.showcase.models import Occurrence
from ripple.showcase.views.common import as_int, back_to, flash_error


def _slot_form(request: AuthedRequest, data: Any = None) -> SlotForm:
    prompts, posts = selectors.linkable(viewer=request.user)
    return SlotForm(data, prompts=prompts, posts=posts)


def _session(
    request: AuthedRequest, occurrence: Occurrence, form: SlotForm | None = None, status: int = 200
) -> HttpResponse:
    page = selectors.session_page(viewer=request.user, occurrence=occurrence)
    context = {
        "page": page,
        "occurrence": page.occurrence,
        "series": page.occurrence.series,
        "form": form or _slot_form(request),
        "open": access.is_open_for_sign_up(occurrence),
        "started": access.has_started(occurrence),
        "can_check_in": access.can_check_in_now(occurrence),
        "cancel_form": CancelForm(),
        "notes_form": NotesForm(
            initial={"notes": occurrence.notes, "recording_url": occurrence.recording_url}
        ),
    }
    if request.htmx and request.htmx.target == "agenda":
        return render(request, "showcase/session.html#agenda", context, status=status)
    return render(request, "showcase/session.html", context, status=status)


@require_GET
@login_required
def session(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    return _session(request, access.access_occurrence(request.user, occurrence_id, series))


@require_POST
@login_required
def sign_up(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    form = _slot_form(request, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if request.POST.get("invitation"):
                invitation = access.access_invitation(request.user, occurrence, request.POST["invitation"])
                slot = actions.invitation_accept(
                    actor=request.user,
                    invitation=invitation,
                    title=d["title"],
                    kind=d["kind"],
                    prompt_id=d.get("prompt_id"),
                    post_id=d.get("post_id"),
                )
            else:
                slot = actions.slot_sign_up(
                    actor=request.user,
                    occurrence=occurrence,
                    title=d["title"],
                    kind=d["kind"],
                    prompt_id=d.get("prompt_id"),
                    post_id=d.get("post_id"),
                    waitlist=bool(d.get("waitlist")),
                )
        except ValidationError as exc:
            apply_errors(
                form, exc, labels={"occurrence": "Session", "prompt_id": "Prompt", "post_id": "Post"}
            )
        else:
            waiting = slot.status == "waiting"
            messages.success(
                request,
                "You are on the waiting list: we will tell you when a slot frees."
                if waiting
                else f"You are on the agenda with “{slot.title}”. You have {series.slot_minutes} minutes.",
            )
            return back_to(occurrence, "#agenda")
    return _session(request, occurrence, form=form, status=400)


@require_POST
@login_required
def decline(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    invitation = access.access_invitation(request.user, occurrence, request.POST.get("invitation"))
    try:
        actions.invitation_decline(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, "Declined. The host knows; maybe another week!")
    return back_to(occurrence)


@require_POST
@login_required
def slot_cancel(request: AuthedRequest, slot_id: int) -> HttpResponse:
    slot = access.access_slot(request.user, slot_id)
    try:
        actions.slot_cancel(actor=request.user, slot=slot)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, f"“{slot.title}” is off the agenda.")
    return back_to(slot.occurrence, "#agenda")


@require_POST
@login_required
def slot_move(request: AuthedRequest, slot_id: int) -> HttpResponse:
    slot = access.access_slot(request.user, slot_id)
    try:
        actions.slot_step(actor=request.user, slot=slot, step=-1 if request.POST.get("step") == "up" else 1)
    except ValidationError as exc:
        flash_error(request, exc)
    if request.htmx:
        return _session(request, access.access_occurrence(request.user, slot.occurrence_id))
    return back_to(slot.occurrence, "#agenda")


@require_POST
@login_required
def applaud(request: AuthedRequest, slot_id: int) -> HttpResponse:
    slot = access.access_slot(request.user, slot_id)
    try:
        actions.applause_toggle(actor=request.user, slot=slot)
    except ValidationError as exc:
        flash_error(request, exc)
    if request.htmx:
        return _session(request, access.access_occurrence(request.user, slot.occurrence_id))
    return back_to(slot.occurrence, f"#slot-{slot.pk}")


@require_POST
@login_required
def rsvp(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    answer = request.POST.get("going", "")
    try:
        if answer == "clear":
            actions.rsvp_clear(actor=request.user, occurrence=occurrence)
        else:
            actions.rsvp_set(actor=request.user, occurrence=occurrence, going=answer == "yes")
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(
            request, {"yes": "See you there!", "no": "Noted: not this time."}.get(answer, "RSVP cleared.")
        )
    return redirect(request.POST.get("next") or occurrence.get_absolute_url())


@require_POST
@login_required
def check_in(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    try:
        actions.check_in(actor=request.user, occurrence=occurrence)
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, "Checked in. Enjoy the demos, and applaud the ones you liked.")
    return back_to(occurrence)


@require_POST
@login_required
def attendance(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    ids = [i for i in (as_int(v) for v in request.POST.getlist("person")) if i]
    people = selectors.people_by_ids(ids)
    try:
        n = actions.attendance_mark(
            actor=request.user,
            occurrence=occurrence,
            people=people,
            present=request.POST.get("present") != "0",
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, f"Attendance updated ({n} changed).")
    return back_to(occurrence, "#attendance")


@require_http_methods(["GET", "POST"])
@login_required
def move(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    access.require_host(request.user, series)
    local = occurrence.starts_at.astimezone(recurrence.time_zone(series.timezone))
    minutes = int((occurrence.ends_at - occurrence.starts_at).total_seconds() // 60)
    form = MoveForm(
        request.POST or None,
        initial={
            "starts_at": local.replace(tzinfo=None),
            "minutes": minutes,
            "location": occurrence.location,
        },
    )
    if request.method == "POST" and form.is_valid():
        start = form.aware_start(series.timezone)
        try:
            actions.occurrence_move(
                actor=request.user,
                occurrence=occurrence,
                starts_at=start,
                ends_at=start + timedelta(minutes=form.cleaned_data["minutes"]),
                location=form.cleaned_data.get("location") or "",
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Moved. Presenters and people coming were told; calendars update.")
            return back_to(occurrence)
    return render(
        request,
        "showcase/move.html",
        {"form": form, "series": series, "occurrence": occurrence},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def cancel(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    try:
        if request.POST.get("restore"):
            actions.occurrence_restore(actor=request.user, occurrence=occurrence)
            messages.success(request, "The session is on again.")
        else:
            actions.occurrence_cancel(
                actor=request.user, occurrence=occurrence, reason=request.POST.get("reason", "")
            )
            messages.success(request, "Cancelled. It stays in calendars as cancelled; people were told.")
    except ValidationError as exc:
        flash_error(request, exc)
    return back_to(occurrence)


@require_POST
@login_required
def notes(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    form = NotesForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return back_to(occurrence, "#notes")
    try:
        actions.occurrence_notes(
            actor=request.user,
            occurrence=occurrence,
            notes=form.cleaned_data.get("notes") or "",
            recording_url=form.cleaned_data.get("recording_url") or "",
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, "Notes saved.")
    return back_to(occurrence, "#notes")


@require_POST
@login_required
def capacity(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    change = 1 if request.POST.get("change") == "add" else -1
    try:
        actions.capacity_set(actor=request.user, occurrence=occurrence, capacity=occurrence.capacity + change)
    except ValidationError as exc:
        flash_error(request, exc)
    return back_to(occurrence, "#agenda")


@require_GET
@login_required
def suggestions(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    """HTMX, for hosts: people worth inviting to this session, with the reason."""
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    access.require_host(request.user, series)
    found = selectors.suggested_presenters(viewer=request.user, occurrence=occurrence)
    return render(request, "showcase/_suggestions.html", {"suggestions": found, "occurrence": occurrence})


@require_POST
@login_required
def invite(request: AuthedRequest, slug: str, occurrence_id: int) -> HttpResponse:
    series = access.access_series(request.user, slug)
    occurrence = access.access_occurrence(request.user, occurrence_id, series)
    access.require_host(request.user, series)
    person = people_access.access_person(request.user, as_int(request.POST.get("person")) or 0)
    try:
        actions.invitation_send(
            actor=request.user, occurrence=occurrence, person=person, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, f"{person.name} is invited; you will hear when they answer.")
    return back_to(occurrence, "#suggestions")
