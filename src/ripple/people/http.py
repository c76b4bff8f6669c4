"""Request types for views behind @login_required (so type checkers know `request.user` is a User)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from ripple.people.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


class AnyRequest(HttpRequest):
    htmx: HtmxDetails
