from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class EmailBackend(ModelBackend):
    """Sign in by email, case-insensitively; deactivated people cannot sign in."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kw: Any
    ) -> Any:
        email = (username or kw.get("email") or "").strip().lower()
        return super().authenticate(request, username=email, password=password)
