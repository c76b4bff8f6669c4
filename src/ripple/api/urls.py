"""The /api/v1 router: mounts each app's api.py router."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from ripple.api.auth import api_auth
from ripple.core.pagination import InvalidCursor
from ripple.feed.api import router as feed_router
from ripple.library.api import router as library_router
from ripple.notifications.api import router as notifications_router
from ripple.people.api import router as people_router

api = NinjaAPI(
    title="Ripple API",
    version="1",
    description=(
        "Ripple's REST API. Authenticate with `Authorization: Bearer <token>` using a personal token "
        'from your settings page. Lists return `{"items": [...], "next": cursor-or-null}`; pass '
        "`next` back as `?cursor=` for the following page."
    ),
    auth=api_auth,
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Authentication required: send a valid personal token as a Bearer token."},
        status=401,
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "You may not do this."}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Invalid input.", "errors": errors}, status=422)


@api.exception_handler(InvalidCursor)
def bad_cursor(request: HttpRequest, exc: InvalidCursor) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


api.add_router("/", people_router)
api.add_router("/", "ripple.library.importing.api.router")  # before the library: /prompts/import
api.add_router("/", library_router)
api.add_router("/", feed_router)
api.add_router("/", notifications_router)
