"""API rate limits (ADR 0012): django-ninja's throttle hook, counted by `core.ratelimit` in the database
so every worker process and host shares one count. 429 with `Retry-After`, in the API's error shape."""

from __future__ import annotations

import threading
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.throttling import BaseThrottle

from ripple.core import ratelimit

_last_wait = threading.local()  # ninja asks wait() right after allow_request(), in the same thread


@cache
def _rate(text: str) -> ratelimit.Rate:
    return ratelimit.Rate.parse(text)


class PersonThrottle(BaseThrottle):
    """`RATE_API` requests per person, whether they come with a token or a browser session."""

    def allow_request(self, request: HttpRequest) -> bool:
        auth = getattr(request, "auth", None)
        ident = str(getattr(auth, "pk", "") or ratelimit.client_ip(request))
        _last_wait.value = ratelimit.hit("api", ident, _rate(settings.RATE_API))
        return _last_wait.value is None

    def wait(self) -> float | None:
        return getattr(_last_wait, "value", None)


def refuse_bad_token(request: HttpRequest) -> None:
    """Count a request with a bad token against its address; past `RATE_API_ANONYMOUS`, answer 429."""
    wait = ratelimit.hit("api-bad-token", ratelimit.client_ip(request), _rate(settings.RATE_API_ANONYMOUS))
    if wait is not None:
        raise Throttled(wait=int(wait))
