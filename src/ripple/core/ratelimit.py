"""Rate limits that hold across processes and hosts, and the client address behind trusted proxies.

`hit(scope, ident, rate)` counts one request in the database (`RateCounter`: one row per key and time
window, bumped with a single `INSERT … ON CONFLICT DO UPDATE … RETURNING`, so concurrent requests in
any process never lose a count) and answers how long to wait, or None. The estimate slides: the
previous window's count weighs in by how much of it still overlaps the last `rate.seconds`.
Identifiers (emails, addresses, user ids) are stored as a keyed hash, never as text. ADR 0012.

`client_ip(request)` reads `X-Forwarded-For` only as far as `RIPPLE_TRUSTED_PROXIES` allows.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import random
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from ripple.core.models import RateCounter

_PERIODS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}
_PERIODS |= {"d": 86400, "day": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """`"600/min"`, `"10/15min"`, `"5/hour"`."""
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([a-z]+)\s*", text.lower())
        if not match or match.group(3) not in _PERIODS or int(match.group(1)) < 1:
            raise ValueError(f"Not a rate: {text!r} (write e.g. 600/min, 10/15min, 5/hour)")
        return cls(int(match.group(1)), int(match.group(2) or 1) * _PERIODS[match.group(3)])


def _key(scope: str, ident: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), ident.encode(), hashlib.sha256).hexdigest()[:40]
    return f"{scope}:{digest}"


# One statement: bump this slot's count and read the previous slot's (both databases allow the subquery).
_HIT = (
    "INSERT INTO core_ratecounter (key, slot, hits, expires_at) VALUES (%s, %s, 1, %s) "
    "ON CONFLICT (key, slot) DO UPDATE SET hits = core_ratecounter.hits + 1 "
    "RETURNING hits, (SELECT p.hits FROM core_ratecounter AS p WHERE p.key = %s AND p.slot = %s)"
)


def hit(scope: str, ident: str, rate: Rate, *, now: float | None = None) -> float | None:
    """Count one request of `ident` under `scope`; None while within `rate`, else seconds to wait."""
    now = time.time() if now is None else now
    key, slot = _key(scope, ident), int(now // rate.seconds)
    with connection.cursor() as cursor:
        cursor.execute(_HIT, [key, slot, int((slot + 2) * rate.seconds), key, slot - 1])
        current, previous = cursor.fetchone()
    if random.random() < settings.RIPPLE_RATE_PRUNE_SHARE:  # noqa: S311 - housekeeping, not security
        prune(now=now)
    elapsed = now - slot * rate.seconds
    estimate = current + (previous or 0) * (1 - elapsed / rate.seconds)
    if estimate <= rate.limit:
        return None
    return max(1.0, math.ceil(rate.seconds - elapsed))


def prune(*, now: float | None = None) -> int:
    """Delete counters whose window has passed (about one request in a hundred does it); returns how many."""
    deleted, _ = RateCounter.objects.filter(expires_at__lt=int(time.time() if now is None else now)).delete()
    return deleted


def reset(scope: str, ident: str) -> None:
    """Forget `ident`'s count under `scope` (e.g. after a successful sign-in)."""
    RateCounter.objects.filter(key=_key(scope, ident)).delete()


# --- the client's address ------------------------------------------------------------------------


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    """The address of the client, not of the load balancer in front of Ripple.

    `RIPPLE_TRUSTED_PROXIES` (settings.TRUSTED_PROXIES) is a number of proxies, or a list of their
    addresses and networks. With 0 (the default) `X-Forwarded-For` is ignored: anyone can send it.
    With N, the N-th address from the right of the chain is the client (each proxy appends the peer
    it saw; anything to the left of that was written by the client and is not believed). With a
    list, addresses are walked from the right while they are trusted proxies; the first one that is
    not is the client.
    """
    remote = str(request.META.get("REMOTE_ADDR", "")).strip()
    trusted = settings.TRUSTED_PROXIES
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if not trusted or not header:
        return remote
    hops = [part.strip() for part in header.split(",")]
    if isinstance(trusted, int):
        if len(hops) < trusted:  # fewer hops than proxies: the header did not come through them all
            return remote
        candidate = hops[-trusted]
        return candidate if _valid(candidate) else remote
    networks = [ipaddress.ip_network(n, strict=False) for n in trusted]
    chain = [*hops, remote]
    client = remote
    for address in reversed(chain):
        if not _valid(address):
            break  # garbage a client wrote: keep the last address a trusted proxy vouched for
        client = address
        if not any(ipaddress.ip_address(address) in net for net in networks):
            break
    return client
