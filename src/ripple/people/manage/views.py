"""Admin screens beyond one person at a time: bulk changes on the people list, merging and deleting
departments and teams, and importing people from a CSV (upload → preview → confirm, all or nothing).

The uploaded CSV waits between preview and confirm in RIPPLE_HOME/imports/people-<random>.csv: the
name is made here, the token is kept in the admin's session only, and the file is deleted on confirm
or cancel (or swept after a day)."""

from __future__ import annotations

import io
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from ripple.core import uploads
from ripple.core.forms import error_text
from ripple.people import access, actions, importing, selectors
from ripple.people.http import AuthedRequest

SESSION_KEY = "people_import"
KEEP_SECONDS = 24 * 60 * 60
PREVIEW_ROWS = 200
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _back(request: AuthedRequest, default: str = "/manage/people/") -> str:
    back = request.POST.get("back", "")
    ok = back.startswith("/manage/") and url_has_allowed_host_and_scheme(back, {request.get_host()})
    return back if ok else default


@require_POST
@login_required
def bulk(request: AuthedRequest) -> HttpResponse:
    """Change the role of, deactivate or reactivate everyone ticked on the people list: one action."""
    access.require_admin(request.user)
    ids = [int(v) for v in request.POST.getlist("person") if v.isdigit() and len(v) < 12]
    operation = request.POST.get("operation", "")
    try:
        people = selectors.people_by_ids(ids[: actions.BULK_MAX + 1])
        count = actions.people_bulk_update(actor=request.user, people=people, operation=operation)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        label = actions.OPERATIONS[operation]
        messages.success(request, f"{label}: done for {count} {'person' if count == 1 else 'people'}.")
    return redirect(_back(request))


@require_POST
@login_required
def structure_change(request: AuthedRequest, kind: str, pk: int, change: str) -> HttpResponse:
    """Merge a department or team into another (moving its people), or delete it."""
    target_id = request.POST.get("target", "")
    try:
        if kind == "department":
            department = access.access_department(request.user, pk)
            if change == "merge":
                target = access.access_department(request.user, int(target_id) if target_id.isdigit() else 0)
                actions.department_merge(actor=request.user, source=department, target=target)
                done = f"{department.name} is merged into {target.name}; its people moved with it."
            else:
                actions.department_delete(actor=request.user, department=department)
                done = f"{department.name} is deleted."
        else:
            team = access.access_team(request.user, pk)
            if change == "merge":
                target_team = access.access_team(request.user, int(target_id) if target_id.isdigit() else 0)
                actions.team_merge(actor=request.user, source=team, target=target_team)
                done = f"Team {team.name} is merged into {target_team.name}."
            else:
                actions.team_delete(actor=request.user, team=team)
                done = f"Team {team.name} is deleted; its people stay in {team.department.name}."
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect("people:admin_structure")


# --- CSV import ----------------------------------------------------------------------------------


def _folder() -> Path:
    folder = Path(settings.RIPPLE_HOME) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for stale in folder.glob("people-*.csv"):
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)
    return folder


def _stored(request: AuthedRequest, token: str) -> Path:
    target = _folder() / f"people-{token}.csv"
    if not _TOKEN.match(token or "") or request.session.get(SESSION_KEY) != token or not target.is_file():
        raise Http404("That upload has expired; choose the file again.")
    return target


def _forget(request: AuthedRequest, token: str) -> None:
    request.session.pop(SESSION_KEY, None)
    if _TOKEN.match(token or ""):
        (_folder() / f"people-{token}.csv").unlink(missing_ok=True)


@require_http_methods(["GET", "POST"])
@login_required
def people_import(request: AuthedRequest) -> HttpResponse:
    """Upload (POST with `file`) → preview of every row and problem → confirm (POST with `token`)."""
    access.require_admin(request.user)
    context: dict[str, object] = {"columns": (*importing.REQUIRED_COLUMNS, *importing.OPTIONAL_COLUMNS)}
    token = request.POST.get("token", "")
    if request.method == "POST" and request.POST.get("cancel"):
        _forget(request, token)
        messages.info(request, "Import cancelled; nothing was changed.")
        return redirect("people:admin_import")
    if request.method == "POST" and token:  # confirm: parsed and checked again, then all or nothing
        with _stored(request, token).open("rb") as stream:
            rows = importing.parse_people_csv(stream)
        result = actions.people_import(rows=rows)
        if result.errors:
            context.update(rows=rows[:PREVIEW_ROWS], errors=result.errors, token=token)
            return render(request, "people/admin_import.html", context, status=400)
        _forget(request, token)
        messages.success(request, f"Imported {len(result.created)} people. Invite them to sign in.")
        return redirect("people:admin_people")
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = "Choose a CSV file to import."
            return render(request, "people/admin_import.html", context, status=400)
        try:
            raw = uploads.read_capped(upload, importing.MAX_BYTES)
            rows = importing.parse_people_csv(io.BytesIO(raw))
        except importing.ImportFileError as exc:
            context["file_error"] = str(exc)
            return render(request, "people/admin_import.html", context, status=400)
        errors, good = selectors.check_people_rows(rows)
        token = secrets.token_urlsafe(24)
        (_folder() / f"people-{token}.csv").write_bytes(raw)
        request.session[SESSION_KEY] = token
        context.update(rows=rows[:PREVIEW_ROWS], hidden=max(0, len(rows) - PREVIEW_ROWS), errors=errors,
                       good=good, token=token)  # fmt: skip
    return render(request, "people/admin_import.html", context)
