"""Import and export endpoints: POST /api/v1/prompts/import, GET /api/v1/prompts/export.

Mounted before the library router so `/prompts/import` and `/prompts/export` are not taken for a
`/prompts/{id}`.
"""

from __future__ import annotations

from typing import Literal

from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import Router, Schema

from ripple.core.api import ErrorOut, errors
from ripple.library import exporting, importing
from ripple.library.importing.views import cap_upload, declared_too_big, too_big_message
from ripple.people.http import AuthedRequest

router = Router(tags=["library import/export"])


class ImportOut(Schema):
    created: int
    skipped: int
    errors: list[str]
    skipped_rows: list[str]
    detail: str


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
                },
            }
        }
    },
}
_TRUE = {"1", "true", "yes", "on"}
_EXPORT_CONTENT = {
    content_type: {"schema": {"type": "object"} if fmt == "json" else {"type": "string", "format": "binary"}}
    for fmt, content_type in exporting.CONTENT_TYPES.items()
}


def _file_error(message: str) -> dict[str, object]:
    return {"created": 0, "skipped": 0, "errors": [message], "skipped_rows": [], "detail": message}


@router.post(
    "/prompts/import",
    response={**errors(), 200: ImportOut, 413: ImportOut | ErrorOut, 422: ImportOut | ErrorOut},
    summary="Import prompts from a CSV, JSON or Markdown-zip file",
    description=(
        "Multipart form: `file`, and `format` (csv, json or markdown; guessed from the file name when "
        "empty). All-or-nothing: if any row has a problem nothing is imported (422) unless "
        "`skip_invalid=true`. Exact duplicates (same title and body as a prompt you can see, or an "
        "earlier row) are skipped, not errors. Files over 50 MB are refused (413)."
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
    result = importing.import_rows(actor=request.user, rows=rows, skip_invalid=skip_invalid)
    if not result.written:
        detail = (
            f"{len(result.errors)} row(s) have problems; nothing was imported. "
            "Fix them, or send skip_invalid=true to import the rest."
        )
        return 422, _out(result, detail)
    detail = f"Imported {len(result.created)} prompt(s); skipped {len(result.skipped)} exact duplicate(s)"
    if result.errors:
        detail += f" and {len(result.errors)} row(s) with problems"
    return 200, _out(result, detail + ".")


@router.get(
    "/prompts/export",
    response={200: None, **errors()},
    summary="Export the prompts you can see as CSV, JSON or a zip of Markdown files",
    description="`format`: csv, json (full fidelity; re-importable) or markdown. `mine=true`: only your own.",
    openapi_extra={"responses": {200: {"description": "The export file", "content": _EXPORT_CONTENT}}},
)
def export_prompts(
    request: AuthedRequest,
    format: Literal["csv", "json", "markdown"] = "json",
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
    stream = exporting.iter_csv(prompts) if format == "csv" else exporting.iter_json(prompts)
    response = StreamingHttpResponse(stream, content_type=exporting.CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
