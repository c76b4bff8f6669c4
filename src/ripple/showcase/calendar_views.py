"""Calendar feeds (.ics) and the "Calendar feed" settings page.

* `/calendar/me/<token>.ics`: a person's secret feed, no sign-in (calendar apps can't sign in); an unknown
  or revoked token is a plain 404.
* `/calendar/series/<id>.ics`: a series' sessions, for a signed-in browser or with `?token=` (the
  person's feed token), so a calendar app can subscribe to one series too.
* `/calendar/sessions/<id>.ics`: one session to add to a calendar (signed in).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from ripple.people.http import AuthedRequest
from ripple.people.models import User
from ripple.showcase import access, actions, calendar, selectors


def _ics(body: bytes, name: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'{"attachment" if download else "inline"}; filename="{calendar.filename(name)}"'
    )
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


def _token_person(token: str) -> User:
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404("No such calendar feed.")
    actions.calendar_feed_used(feed=feed)
    return feed.person


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    person = _token_person(token)
    events = selectors.person_events(person=person)
    body = calendar.calendar(
        name=f"Ripple show & tell — {person.name}",
        occurrences=events,
        fallback_tz=person.time_zone if person.time_zone else "UTC",
    )
    return _ics(body, "ripple-show-and-tell", download=False)


@require_GET
def series_feed(request: HttpRequest, series_id: int) -> HttpResponse:
    token = request.GET.get("token", "")
    if token:
        viewer = _token_person(token)
    elif request.user.is_authenticated and isinstance(request.user, User):
        viewer = request.user
    else:
        return redirect_to_login(request.get_full_path())
    series = access.access_series(viewer, series_id)
    body = calendar.calendar(
        name=f"{series.title} (Ripple)",
        occurrences=selectors.series_events(viewer=viewer, series=series),
        fallback_tz=series.timezone,
    )
    return _ics(body, series.title, download=request.GET.get("download") == "1")


@require_GET
@login_required
def session_ics(request: AuthedRequest, occurrence_id: int) -> HttpResponse:
    occurrence = access.access_occurrence(request.user, occurrence_id)
    selectors.present_slots(request.user, [occurrence])
    body = calendar.calendar(
        name=occurrence.series.title, occurrences=[occurrence], fallback_tz=occurrence.series.timezone
    )
    return _ics(body, f"{occurrence.series.title}-{occurrence.starts_at:%Y-%m-%d}", download=True)


@require_http_methods(["GET", "POST"])
@login_required
def settings_page(request: AuthedRequest) -> HttpResponse:
    """The person's calendar feed: turn it on, reset its address (the old one stops working), turn it off."""
    new_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            actions.calendar_feed_revoke(actor=request.user)
            messages.success(request, "Your calendar feed is off: its address no longer works.")
        else:
            _feed, raw = actions.calendar_feed_reset(actor=request.user)
            new_url = request.build_absolute_uri(reverse("showcase:person_feed", args=[raw]))
            messages.success(request, "Your new feed address is below. Any old address stopped working.")
    feed = selectors.active_feed(request.user)
    return render(
        request,
        "showcase/calendar_settings.html",
        {
            "feed": feed,
            "new_url": new_url,
            "webcal": new_url.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )
