from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

# Every planned section has landed; a section on the way goes here (key: (label, what it will hold)).
SECTIONS: dict[str, tuple[str, str]] = {}


@require_GET
@login_required
def coming_soon(request: HttpRequest, section: str) -> HttpResponse:
    """A plain page for sections that are not built yet, so navigation never dead-ends."""
    title, purpose = SECTIONS[section]
    return render(request, "upcoming/coming_soon.html", {"title": title, "purpose": purpose})
