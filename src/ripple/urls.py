from django.urls import include, path

from ripple.api.urls import api

urlpatterns = [
    path("", include("ripple.core.urls")),
    path("", include("ripple.people.urls")),
    path("library/", include("ripple.library.urls")),
    path("feed/", include("ripple.feed.urls")),
    path("surveys/", include("ripple.surveys.urls")),
    path("drills/", include("ripple.drills.urls")),
    path("inbox/", include("ripple.notifications.urls")),
    path("radar/", include("ripple.radar.urls")),
    path("communities/", include("ripple.communities.urls")),
    path("", include("ripple.showcase.urls")),  # /show/…, /calendar/…, /showcase/ → /show/
    path("challenges/", include("ripple.challenges.urls")),
    path("insights/", include("ripple.insights.urls")),
    path("cohorts/", include("ripple.cohorts.urls")),
    path("", include("ripple.upcoming.urls")),
    path("api/v1/", api.urls),
]

handler403 = "ripple.core.views.forbidden"
handler404 = "ripple.core.views.not_found"
