"""Sign-in and password-reset limits (ADR 0012).

Failed sign-ins are rows (`LoginFailure`, in the database so every process and host sees them), and
three limits apply within `LOGIN_FAILURE_WINDOW_SECONDS`:

- per (address, email) pair, `LOGIN_FAILURE_LIMIT`: one guesser stops guessing one account;
- per address, `LOGIN_FAILURE_ADDRESS_LIMIT` (much higher): one guesser trying many emails stops, but a
  dozen typos behind a shared office address or a load balancer lock nobody else out;
- per account from every address, `LOGIN_FAILURE_ACCOUNT_LIMIT`: a distributed guess stops; the person
  can still sign in with a password-reset link (which clears the account's failures). A single
  address cannot reach it: its pair limit comes first, so nobody can lock a named person out alone.

Addresses come from `core.ratelimit.client_ip` (X-Forwarded-For only through trusted proxies).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from ripple.core import ratelimit
from ripple.people.models import LoginFailure


def _normal(email: str) -> str:
    return (email or "").strip().lower()[:254]


def _wait(failures: QuerySet[LoginFailure], limit: int) -> float | None:
    """Seconds until fewer than `limit` of `failures` are inside the window, or None if already so."""
    times = list(failures.order_by("-created_at").values_list("created_at", flat=True)[:limit])
    if len(times) < limit:
        return None
    lifts = times[-1] + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    return max(1.0, (lifts - timezone.now()).total_seconds())


def _recent() -> QuerySet[LoginFailure]:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    return LoginFailure.objects.filter(created_at__gte=since)


def sign_in_wait(*, email: str, ip: str) -> float | None:
    """Seconds before this address may try this email again (pair or address limit), else None."""
    email = _normal(email)
    recent = _recent()
    waits = [_wait(recent.filter(ip=ip), settings.LOGIN_FAILURE_ADDRESS_LIMIT)]
    if email:
        waits.append(_wait(recent.filter(ip=ip, email=email), settings.LOGIN_FAILURE_LIMIT))
    return max((w for w in waits if w is not None), default=None)


def account_locked_wait(*, email: str) -> float | None:
    """Seconds the account stays closed to password sign-in after failures from many addresses."""
    email = _normal(email)
    if not email:
        return None
    return _wait(_recent().filter(email=email), settings.LOGIN_FAILURE_ACCOUNT_LIMIT)


def failure_record(*, email: str, ip: str) -> None:
    LoginFailure.objects.create(email=_normal(email), ip=ip[:64])
    # Forget failures older than a day so the table stays small.
    LoginFailure.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()


def failures_clear(*, email: str, ip: str | None = None) -> None:
    """After a sign-in: this address's failures for the email. After a password reset (ip=None): all of
    the account's, which lifts the account lock."""
    failures = LoginFailure.objects.filter(email=_normal(email))
    if ip is not None:
        failures = failures.filter(ip=ip)
    failures.delete()


def password_reset_wait(*, email: str, ip: str) -> float | None:
    """Count a password-reset request; seconds to wait when this email or address asked too often.

    Both are counted whether or not the email has an account, so the answer reveals nothing."""
    waits = [
        ratelimit.hit("reset-ip", ip, ratelimit.Rate.parse(settings.RATE_PASSWORD_RESET_ADDRESS)),
        ratelimit.hit(
            "reset-email", _normal(email), ratelimit.Rate.parse(settings.RATE_PASSWORD_RESET_EMAIL)
        ),
    ]
    return max((w for w in waits if w is not None), default=None)
