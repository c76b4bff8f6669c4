"""API authentication: personal bearer tokens, or the browser session (with CSRF) for the docs page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from ripple.api.throttle import refuse_bad_token
from ripple.people import actions


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = actions.token_authenticate(token)
        if user is None:
            # A bad token is an error even with a browser session: never fall back silently.
            refuse_bad_token(request)  # many from one address: 429 instead of 401
            raise AuthenticationError()
        request.user = user
        return user


api_auth = [TokenAuth(), django_auth]
