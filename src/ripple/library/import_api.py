"""Import and export endpoints: POST /api/v1/prompts/import, GET /api/v1/prompts/export.

Mounted before the library router so `/prompts/import` and `/prompts/export` are not taken for a
`/prompts/{id}`.
"""

from __future__ import annotations

from typing import Literal

from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from ripple.library import exporting, importing
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


@router.post(
    "/prompts/import",
    response={200: ImportOut, 422: ImportOut},
    summary="Import prompts from a CSV, JSON or Markdown-zip file",
    description=(
        "Multipart form: `file`, and `format` (csv, json or markdown; guessed from the file name when "
        "empty). All-or-nothing: if any row has a problem nothing is imported (422) unless "
        "`skip_invalid=true`. Exact duplicates (same title and body as a prompt you can see, or an "
        "earlier row) are skipped, not errors."
    ),
)
def import_prompts(
    request: AuthedRequest,
    file: File[UploadedFile],
    format: Form[str] = "",  # noqa: A002 - the documented form field name
    skip_invalid: Form[bool] = False,
) -> tuple[int, dict[str, object]]:
    name = file.name or ""
    fmt = format.strip().lower() or importing.detect_format(name, file.read(8))
    file.seek(0)
    try:
        if file.size is not None and file.size > importing.MAX_FILE_BYTES:
            raise importing.ImportFileError(
                f"The file is larger than {importing.MAX_FILE_BYTES // (1024 * 1024)} MB; split it."
            )
        rows = importing.parse(file, fmt, name=name)
    except importing.ImportFileError as exc:
        message = f"{name}: {exc}" if name else str(exc)
        return 422, {"created": 0, "skipped": 0, "errors": [message], "skipped_rows": [], "detail": message}
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
    summary="Export the prompts you can see as CSV, JSON or a zip of Markdown files",
    description="`format`: csv, json (full fidelity; re-importable) or markdown. `mine=true`: only your own.",
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
