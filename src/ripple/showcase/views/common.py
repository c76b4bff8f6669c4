"""Helpers shared by the show-and-tell views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from ripple.people.http import AuthedRequest
from ripple.showcase.models import Occurrence


def flash_error(request: AuthedRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def back_to(occurrence: Occurrence, anchor: str = "") -> HttpResponse:
    return redirect(reverse("showcase:session", args=[occurrence.series.slug, occurrence.pk]) + anchor)


def as_int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
