"""Show-and-tell pages for series: the index, a series page, creating and changing one, the next-session
link, "always attend", one-off sessions and the profile section. Thin: parse → access → action/selector →
render (or redirect with a message; an action's error changes nothing)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.forms import apply_errors
from ripple.core.pagination import InvalidCursor
from ripple.people import access as people_access
from ripple.people.http import AuthedRequest
from ripple.showcase import access, actions, recurrence, selectors
from ripple.showcase.forms import MoveForm, SeriesForm


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "showcase/index.html",
        {
            "cards": selectors.series_list(viewer=request.user),
            "can_create": access.can_create_series(request.user),
        },
    )


@require_GET
@login_required
def old_index(request: AuthedRequest) -> HttpResponse:
    """/showcase/ was the placeholder's address: it leads to show-and-tell now."""
    return redirect("showcase:index", permanent=True)


@require_http_methods(["GET", "POST"])
@login_required
def series_new(request: AuthedRequest) -> HttpResponse:
    access.require(access.can_create_series(request.user), "Only facilitators and admins can start a series.")
    tz = request.user.time_zone if request.user.time_zone in recurrence.time_zone_names() else "Europe/London"
    form = SeriesForm(request.POST or None, initial={"timezone": tz})
    if request.method == "POST" and form.is_valid():
        try:
            series = actions.series_create(
                actor=request.user, data=form.to_input(), hosts=list(form.cleaned_data.get("hosts") or [])
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, "Your series is ready. Share the “next session” link so people can sign up."
            )
            return redirect(series)
    return render(request, "showcase/series_form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def series_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    series = access.access_series(request.user, slug)
    access.require_host(request.user, series)
    form = SeriesForm(request.POST or None, initial=SeriesForm.initial_for(series))
    if request.method == "POST" and form.is_valid():
        try:
            series = actions.series_update(
                actor=request.user,
                series=series,
                data=form.to_input(),
                hosts=list(form.cleaned_data.get("hosts") or []) or [request.user],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, "Saved. Sessions still to come follow the new schedule; people were told."
            )
            return redirect(series)
    return render(
        request,
        "showcase/series_form.html",
        {"form": form, "series": series},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def series_archive(request: AuthedRequest, slug: str) -> HttpResponse:
    series = access.access_series(request.user, slug)
    actions.series_archive(actor=request.user, series=series)
    messages.success(request, f"“{series.title}” is archived: it left the list and the calendar feeds.")
    return redirect("showcase:index")


@require_GET
@login_required
def series_page(request: AuthedRequest, slug: str) -> HttpResponse:
    series = access.access_series(request.user, slug)
    try:
        page = selectors.series_page(
            viewer=request.user, series=series, cursor=request.GET.get("before") or None
        )
    except InvalidCursor:
        return redirect(series)
    stats = selectors.series_stats(series=page.series)
    context = {
        "page": page,
        "series": page.series,
        "stats": stats,
        "chart": stats.chart(),
        "rule": recurrence.describe(page.series.rrule, page.series.start_date, page.series.start_time),
    }
    return render(request, "showcase/series.html", context)


@require_GET
@login_required
def next_session(request: AuthedRequest, slug: str) -> HttpResponse:
    """A stable link to pin in chat: the session running now, else the next one."""
    series = access.access_series(request.user, slug)
    occurrence = selectors.next_occurrence(series=series)
    if occurrence is None:
        messages.info(request, "No session is planned yet. The hosts will add one.")
        return redirect(series)
    occurrence.series = series
    return redirect(occurrence)


@require_POST
@login_required
def always_attend(request: AuthedRequest, slug: str) -> HttpResponse:
    series = access.access_series(request.user, slug)
    on = actions.always_attend_set(actor=request.user, series=series, on=request.POST.get("on") == "1")
    messages.success(
        request,
        "You are coming to every session (say no to one on its page). Your calendar feed follows."
        if on
        else "You no longer attend every session; RSVP to the ones you want.",
    )
    return redirect(request.POST.get("next") or series.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required
def one_off(request: AuthedRequest, slug: str) -> HttpResponse:
    series = access.access_series(request.user, slug)
    access.require_host(request.user, series)
    form = MoveForm(request.POST or None, initial={"minutes": series.duration_minutes})
    if request.method == "POST" and form.is_valid():
        start = form.aware_start(series.timezone)
        try:
            occurrence = actions.occurrence_add(
                actor=request.user,
                series=series,
                starts_at=start,
                ends_at=start + timedelta(minutes=form.cleaned_data["minutes"]),
                location=form.cleaned_data.get("location") or "",
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Extra session added.")
            occurrence.series = series
            return redirect(occurrence)
    return render(
        request,
        "showcase/move.html",
        {"form": form, "series": series, "one_off": True},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def person(request: AuthedRequest, person_id: int) -> HttpResponse:
    """HTMX, on profiles: what the person presented at show & tell (series the viewer may see)."""
    who = people_access.access_person(request.user, person_id)
    presented, total = selectors.person_presented(viewer=request.user, person=who)
    return render(request, "showcase/person.html", {"person": who, "presented": presented, "total": total})
