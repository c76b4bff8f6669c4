"""What the cohort views share: running an action and turning its refusal into a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from ripple.core.forms import error_text


def attempt(request: HttpRequest, run: Callable[[], Any], success: str) -> bool:
    """Run an action; on a ValidationError show it (nothing changed) and answer False."""
    try:
        run()
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return False
    messages.success(request, success)
    return True
