"""Inbox, unread badge, preferences and the digest page. Thin: selectors read, actions write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.pagination import InvalidCursor
from ripple.notifications import actions, digest, selectors
from ripple.people.http import AuthedRequest


@require_GET
@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    try:
        page = selectors.inbox_page(
            user=request.user, cursor=request.GET.get("cursor") or None, unread_only=unread_only
        )
    except InvalidCursor:
        return redirect("notifications:inbox")
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


def _local(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


@require_POST
@login_required
def mark_read(request: AuthedRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("id") if v.isdigit() and len(v) < 19]
    actions.mark_read(user=request.user, ids=ids or None)
    next_url = request.POST.get("next", "")
    return redirect(next_url if _local(next_url) else "notifications:inbox")


@require_GET
@login_required
def open_notification(request: AuthedRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read and go to what it is about (a link from the inbox or an email)."""
    url = actions.open_notification(user=request.user, notification_id=notification_id)
    if url is None:
        raise Http404("No such notification.")
    return redirect(url if _local(url) else "notifications:inbox")


@require_GET
@login_required
def badge(request: AuthedRequest) -> HttpResponse:
    """HTMX: the unread count in the top bar."""
    return render(request, "notifications/inbox.html#badge", {"unread": selectors.unread_count(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    prefs = selectors.preferences(request.user)
    if request.method == "POST":
        choices = {
            p["kind"]: (
                request.POST.get(f"inbox_{p['kind']}") == "on",
                request.POST.get(f"email_{p['kind']}") == "on",
            )
            for p in prefs
        }
        actions.preferences_save(user=request.user, choices=choices)
        messages.success(request, "Notification preferences saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"prefs": prefs})


@require_GET
@login_required
def digest_page(request: AuthedRequest) -> HttpResponse:
    return render(request, "notifications/digest.html", {"digest": digest.build(viewer=request.user)})
