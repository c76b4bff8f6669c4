"""Import prompts from a file (upload → preview → confirm) and export them, in the browser.

The uploaded file waits between preview and confirm in the database (an `ImportJob`, actions.job_stage),
so a confirm that lands on another host finds it; only its owner can see it, and it is deleted on
confirm, on cancel, or after a day. A confirmed import of more than BACKGROUND_ROWS rows is handed to
the worker and followed on its status page, which updates itself (HTMX polling) until it is done.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core import uploads
from ripple.core.htmx import render_page
from ripple.library import exporting, importing
from ripple.library.importing import actions, parsers, selectors
from ripple.library.models import ImportJob
from ripple.people.http import AuthedRequest

PREVIEW_NEW_ROWS = 50  # rows shown that will simply be created
PREVIEW_PROBLEM_ROWS = 500  # rows with problems (and duplicates) shown; the counts are always exact
POLL_SECONDS = 1
FORMAT_CHOICES = [
    ("", "Work it out from the file"),
    ("csv", "CSV (prompts.chat act,prompt or Ripple columns)"),
    ("json", "JSON (Ripple, Open WebUI, LibreChat, Langfuse; JSON lines too)"),
    ("markdown", "Markdown files or Fabric patterns in a zip"),
]


def _info(job: ImportJob) -> dict[str, str]:
    return {"name": job.name, "format": job.format}


def _preview(
    request: AuthedRequest, job: ImportJob, rows: list[importing.PromptRow], **extra: Any
) -> HttpResponse:
    problems = [r for r in rows if r.errors]
    duplicates = [r for r in rows if r.duplicate_of and not r.errors]
    new = [r for r in rows if not r.errors and not r.duplicate_of]
    near = [r for r in new if r.near_duplicate_of]
    context = {
        "token": str(job.pk),
        "info": _info(job),
        "rows": rows,
        "problems": problems,
        "problems_shown": problems[:PREVIEW_PROBLEM_ROWS],
        "problems_hidden": max(0, len(problems) - PREVIEW_PROBLEM_ROWS),
        "duplicates": duplicates,
        "duplicates_shown": duplicates[:PREVIEW_PROBLEM_ROWS],
        "duplicates_hidden": max(0, len(duplicates) - PREVIEW_PROBLEM_ROWS),
        "near": near,
        "near_shown": near[:PREVIEW_PROBLEM_ROWS],
        "near_hidden": max(0, len(near) - PREVIEW_PROBLEM_ROWS),
        "new": new,
        "new_shown": new[:PREVIEW_NEW_ROWS],
        "new_hidden": max(0, len(new) - PREVIEW_NEW_ROWS),
        "escaped": sum(1 for r in new if r.escaped_braces),
        "background": len(rows) > actions.BACKGROUND_ROWS,
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


def _form_error(request: HttpRequest, message: str, fmt: str = "", status: int = 422) -> HttpResponse:
    context = {"formats": FORMAT_CHOICES, "error": message, "fmt": fmt}
    return render(request, "library/import.html", context, status=status)


@csrf_protect
@require_http_methods(["GET", "POST"])
@login_required
def _upload(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "library/import.html", {"formats": FORMAT_CHOICES})
    upload_file = request.FILES.get("file")
    fmt = request.POST.get("format", "").strip().lower()
    if uploads.upload_too_big(request):
        return _form_error(request, too_big_message(), fmt)
    if upload_file is None:
        return _form_error(request, "Choose a file to import.", fmt)
    if fmt and fmt not in importing.FORMATS:
        return _form_error(request, "Choose CSV, JSON or Markdown.", fmt)
    name = Path(upload_file.name or "upload").name[:200]
    if not fmt:
        fmt = importing.detect_format(name, upload_file.read(8))
        upload_file.seek(0)
    try:
        job = actions.job_stage(actor=request.user, stream=upload_file, name=name, fmt=fmt)
    except importing.ImportFileError as exc:
        return _form_error(request, f"{name}: {exc}", fmt)
    try:
        rows = importing.check_rows(actor=request.user, rows=actions.job_rows(job), near=True)
    except importing.ImportFileError as exc:
        actions.job_discard(actor=request.user, job=job)
        return _form_error(request, f"{name}: {exc}", fmt)
    return _preview(request, job, rows)


@require_POST
@login_required
def confirm(request: AuthedRequest, token: str) -> HttpResponse:
    """Write the previewed prompts in one transaction (nothing at all if a row has a problem and the
    person did not choose to skip invalid rows), or hand a big file to the worker."""
    job = selectors.staged_file(viewer=request.user, job_id=token)
    skip_invalid = request.POST.get("skip_invalid") == "1"
    try:
        rows = actions.job_rows(job)
    except importing.ImportFileError as exc:
        actions.job_discard(actor=request.user, job=job)
        messages.error(request, f"{job.name}: {exc}")
        return redirect("library:import")
    if len(rows) > actions.BACKGROUND_ROWS:
        job = actions.job_queue(actor=request.user, job=job, skip_invalid=skip_invalid, rows_total=len(rows))
        return redirect("library:import_job", job_id=job.pk)
    result = importing.import_rows(actor=request.user, rows=rows, skip_invalid=skip_invalid)
    if not result.written:
        return _preview(request, job, rows, blocked=True)
    actions.job_discard(actor=request.user, job=job)
    text = f"Imported {len(result.created)} prompt(s) from {job.name}."
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
    job = selectors.import_job(viewer=request.user, job_id=token, staged=True)
    actions.job_discard(actor=request.user, job=job)
    messages.info(request, "Import cancelled; nothing was imported.")
    return redirect("library:import")


@require_GET
@login_required
def job_status(request: AuthedRequest, job_id: str) -> HttpResponse:
    """A background import: status and progress; the region polls itself until the job is finished."""
    job = selectors.import_job(viewer=request.user, job_id=job_id, staged=False)
    if job.status == "running" and actions.job_recover_stale(job_id=job.pk):
        job = selectors.import_job(viewer=request.user, job_id=job_id, staged=False)
    context = {
        "job": job,
        "poll": POLL_SECONDS,
        "errors": (job.result or {}).get("errors", [])[:PREVIEW_PROBLEM_ROWS],
    }
    return render_page(request, "library/import_job.html", context, partials={"import-job": "status"})


@require_POST
@login_required
def job_retry(request: AuthedRequest, job_id: str) -> HttpResponse:
    """Queue again an import whose worker went away (nothing of it was written)."""
    job = selectors.import_job(viewer=request.user, job_id=job_id, staged=False)
    job = actions.job_retry(actor=request.user, job=job)
    if job.status == "failed":
        messages.error(request, "Only an import whose worker went away can be retried.")
    return redirect("library:import_job", job_id=job.pk)


@require_GET
@login_required
def export(request: AuthedRequest) -> HttpResponseBase:
    """Download the prompts this person can see (or only their own) as CSV, JSON or Markdown."""
    fmt = request.GET.get("format", "json")
    if fmt not in exporting.FORMATS:
        raise Http404("Choose " + ", ".join(exporting.FORMATS) + ".")
    prompts = exporting.exportable_prompts(request.user, mine=request.GET.get("mine") == "1")
    name = exporting.filename(fmt)
    if fmt == "markdown":
        return FileResponse(
            exporting.markdown_zip_file(prompts),
            as_attachment=True,
            filename=name,
            content_type=exporting.CONTENT_TYPES[fmt],
        )
    stream = exporting.iter_text(prompts, fmt)
    response = StreamingHttpResponse(stream, content_type=exporting.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Included from library/urls.py, so the names live in the "library" namespace.
urlpatterns = [
    path("import/", upload, name="import"),
    path("import/<str:token>/confirm/", confirm, name="import_confirm"),
    path("import/<str:token>/cancel/", cancel, name="import_cancel"),
    path("import/jobs/<str:job_id>/", job_status, name="import_job"),
    path("import/jobs/<str:job_id>/retry/", job_retry, name="import_job_retry"),
    path("export/", export, name="export"),
]
