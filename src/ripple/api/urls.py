"""The /api/v1 API: one NinjaAPI that mounts every app's router from one list."""

from __future__ import annotations

from ninja import Router, Swagger

from ripple.api.auth import api_auth
from ripple.api.errors import RippleAPI, install
from ripple.api.throttle import PersonThrottle
from ripple.challenges.api import router as challenges_router
from ripple.cohorts.api import router as cohorts_router
from ripple.communities.api import router as communities_router
from ripple.drills.api import router as drills_router
from ripple.feed.api import router as feed_router
from ripple.insights.api import router as insights_router
from ripple.library.api import router as library_router
from ripple.library.importing.api import router as library_import_router
from ripple.notifications.api import router as notifications_router
from ripple.people.api import router as people_router
from ripple.radar.api import router as radar_router
from ripple.showcase.api import router as showcase_router
from ripple.surveys.api import router as surveys_router

ROUTERS: list[Router] = [
    people_router,
    library_import_router,  # before the library: /prompts/import is not a /prompts/{prompt_id}
    library_router,
    feed_router,
    notifications_router,
    surveys_router,
    showcase_router,
    drills_router,
    challenges_router,
    radar_router,
    insights_router,
    communities_router,
    cohorts_router,
]
"""Every app's router, in the order their paths are matched. A new app adds its router here."""


class RippleDocs(Swagger):
    """Swagger UI with a bar that leads back to the app (core/api_docs.html)."""

    template = "core/api_docs.html"


api = RippleAPI(
    title="Ripple API",
    version="1",
    description=(
        "Ripple's REST API. Authenticate with `Authorization: Bearer <token>` using a personal token "
        'from your settings page. Lists return `{"items": [...], "next": cursor-or-null}`; pass '
        "`next` back as `?cursor=` for the following page. Errors are "
        '`{"detail": "...", "errors": {"field": ["message"]}}` (`errors` only for invalid input).'
    ),
    auth=api_auth,
    throttle=[PersonThrottle()],
    urls_namespace="api",
    docs_url="/docs",
    docs=RippleDocs(),
)
install(api)
for router in ROUTERS:
    api.add_router("/", router)
