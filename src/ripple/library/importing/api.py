"""Import and export endpoints: POST /api/v1/prompts/import, GET /api/v1/prompts/imports/{id},
POST /api/v1/prompts/imports/{id}/retry, GET /api/v1/prompts/export.

A file of more than actions.BACKGROUND_ROWS rows (or any file with `background=true`) is imported by the
worker: POST answers 202 with the job, and GET /prompts/imports/{id} gives its status, progress and result.

Mounted before the library router so `/prompts/import` and `/prompts/export` are not taken for a
`/prompts/{id}`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import Router, Schema

from ripple.core.api import ErrorOut, errors
from ripple.library import exporting, importing
from ripple.library.importing import actions, selectors
from ripple.library.importing.views import cap_upload, declared_too_big, too_big_message
from ripple.library.models import ImportJob
from ripple.people.http import AuthedRequest

router = Router(tags=["library import/export"])


class ImportOut(Schema):
    created: int
    skipped: int
    errors: list[str]
    skipped_rows: list[str]
    detail: str


class ImportJobOut(Schema):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    name: str
    format: str
    rows_read: int
    rows_written: int
    skipped: int
    errors: list[str]
    skipped_rows: list[str]
    detail: str
    retry: bool
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    url: str


def _job_out(job: ImportJob) -> dict[str, object]:
    result = job.result or {}
    return {
        "id": str(job.pk),
        "status": job.status,
        "name": job.name,
        "format": job.format,
        "rows_read": job.rows_total,
        "rows_written": job.rows_written,
        "skipped": job.skipped,
        "errors": result.get("errors", []),
        "skipped_rows": result.get("skipped_rows", []),
        "detail": result.get("detail", "Waiting for a worker." if job.status == "queued" else "Importing."),
        "retry": bool(result.get("retry")),
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "url": f"/api/v1/prompts/imports/{job.pk}",
    }


def _out(result: importing.ImportResult, detail: str) -> dict[str, object]:
    return {**result.summary(), "skipped_rows": result.skipped, "detail": detail}


_IMPORT_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "format": {"type": "string", "enum": ["", *importing.FORMATS], "default": ""},
                    "skip_invalid": {"type": "boolean", "default": False},
                    "background": {"type": "boolean", "default": False},
                },
            }
        }
    },
}
_TRUE = {"1", "true", "yes", "on"}
_EXPORT_CONTENT: dict[str, object] = {
    content_type: {"schema": {"type": "string", "format": "binary"}}
    for content_type in exporting.CONTENT_TYPES.values()
}
# Ripple's JSON export is an object, Open WebUI's a list.
_EXPORT_CONTENT["application/json"] = {"schema": {"oneOf": [{"type": "object"}, {"type": "array"}]}}


def _file_error(message: str) -> dict[str, object]:
    return {"created": 0, "skipped": 0, "errors": [message], "skipped_rows": [], "detail": message}


@router.post(
    "/prompts/import",
    response={
        **errors(),
        200: ImportOut,
        202: ImportJobOut,
        413: ImportOut | ErrorOut,
        422: ImportOut | ErrorOut,
    },
    summary="Import prompts from a CSV, JSON or zip file (Ripple, prompts.chat, Open WebUI, LibreChat, "
    "Langfuse, Fabric)",
    description=(
        "Multipart form: `file`, and `format` (csv, json or markdown; guessed from the file name when "
        "empty). The tool that wrote the file is recognised from its columns or keys: Ripple's own "
        "CSV/JSON/Markdown, prompts.chat CSV, Open WebUI's prompt export, LibreChat prompt groups (JSON "
        "or JSON lines), Langfuse prompts, a zip of Fabric patterns. All-or-nothing: if any row has a "
        "problem nothing is imported (422) unless `skip_invalid=true`. Exact duplicates (same title and "
        "body as a prompt you can see, or an earlier row) are skipped, not errors. Files over 50 MB are "
        f"refused (413). More than {actions.BACKGROUND_ROWS:,} rows (or `background=true`): 202 with the "
        "job; follow it at GET /prompts/imports/{id}."
    ),
    openapi_extra={"requestBody": _IMPORT_BODY},
)
def import_prompts(request: AuthedRequest) -> tuple[int, dict[str, object]]:
    # The form is read here, not declared as ninja File/Form parameters, so the size cap is in place
    # before Django reads the body: a huge upload is refused, not spooled to disk first.
    if declared_too_big(request):
        return 413, _file_error(too_big_message())
    cap = cap_upload(request)
    file = request.FILES.get("file")
    if cap is not None and cap.too_big:
        return 413, _file_error(too_big_message())
    if file is None:
        return 422, _file_error("Send the file to import as the multipart field “file”.")
    name = file.name or ""
    fmt = request.POST.get("format", "").strip().lower() or importing.detect_format(name, file.read(8))
    file.seek(0)
    try:
        rows = importing.parse(file, fmt, name=name)
    except importing.ImportFileError as exc:
        return 422, _file_error(f"{name}: {exc}" if name else str(exc))
    skip_invalid = request.POST.get("skip_invalid", "").strip().lower() in _TRUE
    if len(rows) > actions.BACKGROUND_ROWS or request.POST.get("background", "").strip().lower() in _TRUE:
        file.seek(0)
        job = actions.job_stage(actor=request.user, stream=file, name=name, fmt=fmt)
        job = actions.job_queue(actor=request.user, job=job, skip_invalid=skip_invalid, rows_total=len(rows))
        return 202, _job_out(job)
    result = importing.import_rows(actor=request.user, rows=rows, skip_invalid=skip_invalid)
    if not result.written:
        detail = (
            f"{len(result.errors)} row(s) have problems; nothing was imported. "
            "Fix them, or send skip_invalid=true to import the rest."
        )
        return 422, _out(result, detail)
    return 200, _out(result, actions.describe(result))


@router.get(
    "/prompts/imports/{job_id}",
    response={200: ImportJobOut, **errors(404)},
    summary="A background import: status, progress and result",
    description="Your own import jobs only (404 for anyone else's). `status`: queued, running, done "
    "(`rows_written` prompts created) or failed (nothing imported; `errors` says why).",
)
def import_status(request: AuthedRequest, job_id: str) -> dict[str, object]:
    job = selectors.import_job(viewer=request.user, job_id=job_id, staged=False)
    if job.status == "running" and actions.job_recover_stale(job_id=job.pk):
        job = selectors.import_job(viewer=request.user, job_id=job_id, staged=False)
    return _job_out(job)


@router.post(
    "/prompts/imports/{job_id}/retry",
    response={202: ImportJobOut, **errors(404, 409)},
    summary="Run again an import whose worker went away",
    description="Only a job that failed because its worker stopped (`retry` is true): it is queued again "
    "and imports its file once. Any other job answers 409.",
)
def import_retry(request: AuthedRequest, job_id: str) -> tuple[int, dict[str, object]]:
    job = selectors.import_job(viewer=request.user, job_id=job_id, staged=False)
    if not (job.result or {}).get("retry"):
        return 409, {
            "detail": "Only an import whose worker went away can be retried; this one is " + job.status + "."
        }
    return 202, _job_out(actions.job_retry(actor=request.user, job=job))


@router.get(
    "/prompts/export",
    response={200: None, **errors()},
    summary="Export the prompts you can see: Ripple CSV/JSON/Markdown zip, Open WebUI or prompts.chat",
    description=(
        "`format`: csv, json (full fidelity; re-importable), markdown (a zip of .md files), open-webui "
        "(Open WebUI's prompt import JSON) or prompts-chat (prompts.chat's act,prompt CSV). "
        "`mine=true`: only your own."
    ),
    openapi_extra={"responses": {200: {"description": "The export file", "content": _EXPORT_CONTENT}}},
)
def export_prompts(
    request: AuthedRequest,
    format: Literal["csv", "json", "markdown", "open-webui", "prompts-chat"] = "json",
    mine: bool = False,  # noqa: A002
) -> HttpResponseBase:
    prompts = exporting.exportable_prompts(request.user, mine=mine)
    name = exporting.filename(format)
    if format == "markdown":
        return FileResponse(
            exporting.markdown_zip_file(prompts),
            as_attachment=True,
            filename=name,
            content_type=exporting.CONTENT_TYPES[format],
        )
    stream = exporting.iter_text(prompts, format)
    response = StreamingHttpResponse(stream, content_type=exporting.CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
