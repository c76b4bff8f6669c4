"""Import prompts from a file (upload → preview → confirm) and export them, in the browser.

The uploaded file waits between preview and confirm in RIPPLE_HOME/imports/<random>.bin: the name is
made here (never the person's file name), the token is remembered in their session only, and the file
is deleted on confirm, on cancel, or after a day.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core import uploads
from ripple.library import exporting, importing
from ripple.library.importing import parsers
from ripple.people.http import AuthedRequest

SESSION_KEY = "library_imports"
KEEP_SECONDS = 24 * 60 * 60
PREVIEW_NEW_ROWS = 50  # rows shown that will simply be created
PREVIEW_PROBLEM_ROWS = 500  # rows with problems (and duplicates) shown; the counts are always exact
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
FORMAT_CHOICES = [
    ("", "Work it out from the file"),
    ("csv", "CSV (prompts.chat act,prompt or Ripple columns)"),
    ("json", "JSON (a Ripple export)"),
    ("markdown", "Markdown files in a zip"),
]


def _folder() -> Path:
    folder = Path(settings.RIPPLE_HOME) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    """Delete uploads nobody confirmed or cancelled within a day."""
    cutoff = time.time() - KEEP_SECONDS
    for stale in folder.glob("*.bin"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            continue


def _store(upload: UploadedFile) -> tuple[str, Path]:
    """Copy the upload to a file with a random name, a chunk at a time, refusing more than the cap."""
    folder = _folder()
    _sweep(folder)
    token = secrets.token_urlsafe(24)
    target = folder / f"{token}.bin"
    size = 0
    try:
        with target.open("xb") as out:
            for chunk in upload.chunks():
                size += len(chunk)
                if size > parsers.MAX_FILE_BYTES:
                    raise uploads.too_big(parsers.MAX_FILE_BYTES)
                out.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return token, target


def _pending(request: AuthedRequest) -> dict[str, dict[str, str]]:
    return dict(request.session.get(SESSION_KEY) or {})


def _stored(request: AuthedRequest, token: str) -> tuple[dict[str, str], Path]:
    """The upload this person made for `token`; 404 for anyone else's or an expired one."""
    info = _pending(request).get(token) if _TOKEN.match(token or "") else None
    target = _folder() / f"{token}.bin"
    if info is None or not target.is_file():
        raise Http404("That upload has expired; choose the file again.")
    return info, target


def _forget(request: AuthedRequest, token: str) -> None:
    pending = _pending(request)
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if _TOKEN.match(token or ""):
        (_folder() / f"{token}.bin").unlink(missing_ok=True)


def _parse(target: Path, info: dict[str, str]) -> list[importing.PromptRow]:
    with target.open("rb") as stream:
        return importing.parse(stream, info["format"], name=info["name"])


def _preview(
    request: AuthedRequest, token: str, info: dict[str, str], rows: list[importing.PromptRow], **extra: Any
) -> HttpResponse:
    problems = [r for r in rows if r.errors]
    duplicates = [r for r in rows if r.duplicate_of and not r.errors]
    new = [r for r in rows if not r.errors and not r.duplicate_of]
    context = {
        "token": token,
        "info": info,
        "rows": rows,
        "problems": problems,
        "problems_shown": problems[:PREVIEW_PROBLEM_ROWS],
        "problems_hidden": max(0, len(problems) - PREVIEW_PROBLEM_ROWS),
        "duplicates": duplicates,
        "duplicates_shown": duplicates[:PREVIEW_PROBLEM_ROWS],
        "duplicates_hidden": max(0, len(duplicates) - PREVIEW_PROBLEM_ROWS),
        "new": new,
        "new_shown": new[:PREVIEW_NEW_ROWS],
        "new_hidden": max(0, len(new) - PREVIEW_NEW_ROWS),
        "escaped": sum(1 for r in new if r.escaped_braces),
        **extra,
    }
    status = 422 if extra.get("blocked") else 200
    return render(request, "library/import_preview.html", context, status=status)


def cap_upload(request: HttpRequest) -> uploads.CappedUpload | None:
    """Stop keeping the upload once it passes the import cap (see core.uploads.cap_upload)."""
    return uploads.cap_upload(request, parsers.MAX_FILE_BYTES)


def declared_too_big(request: HttpRequest) -> bool:
    """The request says its body is well past the cap: refuse it without reading it."""
    return uploads.declared_too_big(request, parsers.MAX_FILE_BYTES)


def too_big_message() -> str:
    return str(uploads.too_big(parsers.MAX_FILE_BYTES))


@csrf_exempt  # CSRF is checked in _upload, once the size cap is in place (csrf_protect)
def upload(request: AuthedRequest) -> HttpResponse:
    """The upload form; a posted file is kept aside and previewed, nothing is written yet."""
    if request.method == "POST" and request.user.is_authenticated:
        if declared_too_big(request):  # refuse before reading a byte of it
            context = {"formats": FORMAT_CHOICES, "error": too_big_message()}
            return render(request, "library/import.html", context, status=413)
        cap_upload(request)
    return _upload(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
@login_required
def _upload(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "library/import.html", {"formats": FORMAT_CHOICES})
    upload_file = request.FILES.get("file")
    fmt = request.POST.get("format", "").strip().lower()
    error = ""
    if uploads.upload_too_big(request):
        error = too_big_message()
    elif upload_file is None:
        error = "Choose a file to import."
    elif fmt and fmt not in importing.FORMATS:
        error = "Choose CSV, JSON or Markdown."
    if error or upload_file is None:
        context = {"formats": FORMAT_CHOICES, "error": error, "fmt": fmt}
        return render(request, "library/import.html", context, status=422)
    name = Path(upload_file.name or "upload").name[:200]
    try:
        token, target = _store(upload_file)
    except importing.ImportFileError as exc:
        return render(
            request,
            "library/import.html",
            {"formats": FORMAT_CHOICES, "error": f"{name}: {exc}", "fmt": fmt},
            status=422,
        )
    if not fmt:
        with target.open("rb") as head:
            fmt = importing.detect_format(name, head.read(8))
    info = {"name": name, "format": fmt}
    try:
        rows = importing.check_rows(actor=request.user, rows=_parse(target, info))
    except importing.ImportFileError as exc:
        target.unlink(missing_ok=True)
        return render(
            request,
            "library/import.html",
            {"formats": FORMAT_CHOICES, "error": f"{name}: {exc}", "fmt": fmt},
            status=422,
        )
    pending = _pending(request)
    for old in list(pending)[:-4]:  # keep at most five uploads waiting per person
        _forget(request, old)
        pending.pop(old, None)
    pending[token] = info
    request.session[SESSION_KEY] = pending
    return _preview(request, token, info, rows)


@require_POST
@login_required
def confirm(request: AuthedRequest, token: str) -> HttpResponse:
    """Write the previewed prompts in one transaction; nothing at all if a row has a problem and the
    person did not choose to skip invalid rows."""
    info, target = _stored(request, token)
    skip_invalid = request.POST.get("skip_invalid") == "1"
    try:
        rows = _parse(target, info)
    except importing.ImportFileError as exc:
        _forget(request, token)
        messages.error(request, f"{info['name']}: {exc}")
        return redirect("library:import")
    result = importing.import_rows(actor=request.user, rows=rows, skip_invalid=skip_invalid)
    if not result.written:
        return _preview(request, token, info, rows, blocked=True)
    _forget(request, token)
    text = f"Imported {len(result.created)} prompt(s) from {info['name']}."
    if result.skipped:
        text += f" Skipped {len(result.skipped)} exact duplicate(s)."
    if result.errors:
        text += f" Skipped {len(result.errors)} row(s) with problems."
    messages.success(request, text)
    return redirect("library:index")


@require_POST
@login_required
def cancel(request: AuthedRequest, token: str) -> HttpResponse:
    """Throw the waiting upload away."""
    _stored(request, token)
    _forget(request, token)
    messages.info(request, "Import cancelled; nothing was imported.")
    return redirect("library:import")


@require_GET
@login_required
def export(request: AuthedRequest) -> HttpResponseBase:
    """Download the prompts this person can see (or only their own) as CSV, JSON or Markdown."""
    fmt = request.GET.get("format", "json")
    if fmt not in exporting.FORMATS:
        raise Http404("Choose csv, json or markdown.")
    prompts = exporting.exportable_prompts(request.user, mine=request.GET.get("mine") == "1")
    name = exporting.filename(fmt)
    if fmt == "markdown":
        return FileResponse(
            exporting.markdown_zip_file(prompts),
            as_attachment=True,
            filename=name,
            content_type=exporting.CONTENT_TYPES[fmt],
        )
    stream = exporting.iter_csv(prompts) if fmt == "csv" else exporting.iter_json(prompts)
    response = StreamingHttpResponse(stream, content_type=exporting.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Included from library/urls.py, so the names live in the "library" namespace.
urlpatterns = [
    path("import/", upload, name="import"),
    path("import/<str:token>/confirm/", confirm, name="import_confirm"),
    path("import/<str:token>/cancel/", cancel, name="import_cancel"),
    path("export/", export, name="export"),
]
