from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

SECTIONS = {
    "communities": ("Communities", "Communities of practice, endorsements and kudos."),
    "insights": ("Insights", "Pulse surveys, adoption insights and the ripple map of who learned from whom."),
}


@require_GET
@login_required
def coming_soon(request: HttpRequest, section: str) -> HttpResponse:
    """A plain page for sections that are not built yet, so navigation never dead-ends."""
    title, purpose = SECTIONS[section]
    return render(request, "upcoming/coming_soon.html", {"title": title, "purpose": purpose})
