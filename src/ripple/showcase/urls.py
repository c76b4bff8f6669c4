"""Show-and-tell addresses: pages under /show/, calendar feeds under /calendar/, and /showcase/ (the
placeholder's old address) leading to the index. Mounted at the root by ripple/urls.py."""

from django.urls import path

from ripple.showcase import calendar_views, views

app_name = "showcase"

SERIES = "show/<slug:slug>/"
SESSION = "show/<slug:slug>/<int:occurrence_id>/"

urlpatterns = [
    path("showcase/", views.old_index, name="old_index"),
    path("show/", views.index, name="index"),
    path("show/new/", views.series_new, name="series_new"),
    path("show/calendar/", calendar_views.settings_page, name="calendar_settings"),
    path("show/person/<int:person_id>/", views.person, name="person"),
    path("show/slots/<int:slot_id>/cancel/", views.slot_cancel, name="slot_cancel"),
    path("show/slots/<int:slot_id>/move/", views.slot_move, name="slot_move"),
    path("show/slots/<int:slot_id>/applaud/", views.applaud, name="applaud"),
    path(SERIES, views.series_page, name="series"),
    path(SERIES + "edit/", views.series_edit, name="series_edit"),
    path(SERIES + "archive/", views.series_archive, name="series_archive"),
    path(SERIES + "always/", views.always_attend, name="always_attend"),
    path(SERIES + "sessions/new/", views.one_off, name="one_off"),
    path("show/<slug:slug>/next", views.next_session, name="next"),
    path(SERIES + "next/", views.next_session),
    path(SESSION, views.session, name="session"),
    path(SESSION + "signup/", views.sign_up, name="sign_up"),
    path(SESSION + "decline/", views.decline, name="decline"),
    path(SESSION + "rsvp/", views.rsvp, name="rsvp"),
    path(SESSION + "checkin/", views.check_in, name="check_in"),
    path(SESSION + "attendance/", views.attendance, name="attendance"),
    path(SESSION + "move/", views.move, name="move"),
    path(SESSION + "cancel/", views.cancel, name="cancel"),
    path(SESSION + "notes/", views.notes, name="notes"),
    path(SESSION + "capacity/", views.capacity, name="capacity"),
    path(SESSION + "suggestions/", views.suggestions, name="suggestions"),
    path(SESSION + "invite/", views.invite, name="invite"),
    path("calendar/series/<int:series_id>.ics", calendar_views.series_feed, name="series_feed"),
    path("calendar/me/<str:token>.ics", calendar_views.person_feed, name="person_feed"),
    path("calendar/sessions/<int:occurrence_id>.ics", calendar_views.session_ics, name="session_ics"),
]
