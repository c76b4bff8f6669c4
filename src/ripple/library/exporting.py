"""Export prompts as CSV, JSON or a zip of Markdown files — the formats `importing` reads back.

Only what the viewer may see is exported (`exportable_prompts` starts from access.visible_prompts),
and every writer streams: rows are read in chunks and written as they come.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, F, QuerySet, Value, When
from django.utils import timezone

from ripple.library.access import visible_prompts
from ripple.library.models import Prompt, Visibility
from ripple.library.variables import parse_variables

FORMATS = ("csv", "json", "markdown")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "markdown": "application/zip",
}
EXTENSIONS = {"csv": "csv", "json": "json", "markdown": "zip"}
CSV_COLUMNS = (
    "title",
    "body",
    "purpose",
    "tools",
    "department",
    "tags",
    "check_output",
    "visibility",
    "examples",
    "origin_url",
    "origin_label",
    "owner",
    "version",
    "created_at",
    "url",
)
JSON_FORMAT = "ripple.prompts"
CHUNK = 500


def exportable_prompts(viewer: Any | None, *, mine: bool = False) -> QuerySet[Prompt]:
    """The prompts `viewer` may see (their own only when `mine`), oldest first, with owner and department
    joined; with no viewer (the shell), only prompts shared with everyone."""
    visible = (
        Prompt.objects.filter(visibility=Visibility.EVERYONE) if viewer is None else visible_prompts(viewer)
    )
    prompts = visible.filter(owner=viewer) if viewer is not None and mine else visible
    # A fork names its parent only when the viewer may see the parent too.
    parent = Case(When(forked_from__in=visible.values("pk"), then=F("forked_from_id")), default=Value(None))
    return prompts.annotate(visible_parent_id=parent).select_related("owner", "department").order_by("id")


def filename(fmt: str) -> str:
    """`ripple-prompts-2026-11-26.csv` and the like."""
    return f"ripple-prompts-{timezone.now():%Y-%m-%d}.{EXTENSIONS[fmt]}"


def _iterate(prompts: QuerySet[Prompt]) -> Iterator[Prompt]:
    return prompts.iterator(chunk_size=CHUNK)


def prompt_record(prompt: Prompt) -> dict[str, Any]:
    """Everything about a prompt a file can carry (the JSON format; the others hold a subset)."""
    try:
        variables = [
            {"name": v.name, "default": v.default, "choices": list(v.choices)}
            for v in parse_variables(prompt.body)
        ]
    except ValidationError:  # a body saved before a rule changed still exports
        variables = []
    return {
        "id": prompt.pk,
        "url": settings.SITE_URL + prompt.get_absolute_url(),
        "title": prompt.title,
        "body": prompt.body,
        "variables": variables,
        "purpose": prompt.purpose,
        "tools": prompt.tool_list,
        "department": prompt.department.name if prompt.department_id and prompt.department else "",
        "tags": prompt.tag_list,
        "examples": prompt.example_list,
        "check_output": prompt.check_output,
        "visibility": str(prompt.visibility),
        "owner": prompt.owner.name,
        "version": prompt.version,
        "forked_from": getattr(prompt, "visible_parent_id", None),
        "origin_url": prompt.origin_url,
        "origin_label": prompt.origin_label,
        "reuse_count": prompt.reuse_count,  # the counters are for reading; an import starts them at zero
        "minutes_saved_total": prompt.minutes_saved_total,
        "rating_avg": prompt.rating_avg,
        "created_at": prompt.created_at.isoformat(),
        "updated_at": prompt.updated_at.isoformat(),
    }


class _Line:
    """A file-like object whose writes are collected, so csv.writer can feed a generator."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


def iter_csv(prompts: QuerySet[Prompt]) -> Iterator[str]:
    """The prompts as CSV text, a row at a time; lists are comma-separated, examples a JSON array."""
    buffer = _Line()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield buffer.take()
    for prompt in _iterate(prompts):
        record = prompt_record(prompt)
        record["tools"] = ", ".join(record["tools"])
        record["tags"] = ", ".join(record["tags"])
        record["examples"] = json.dumps(record["examples"], ensure_ascii=False) if record["examples"] else ""
        writer.writerow([record[column] for column in CSV_COLUMNS])
        yield buffer.take()


def iter_json(prompts: QuerySet[Prompt]) -> Iterator[str]:
    """The prompts as one JSON document, `{"format": ..., "prompts": [...]}`, written a prompt at a time."""
    yield (
        f'{{"format": "{JSON_FORMAT}", "version": 1, '
        f'"exported_at": {json.dumps(timezone.now().isoformat())}, "prompts": [\n'
    )
    first = True
    for prompt in _iterate(prompts):
        yield ("" if first else ",\n") + json.dumps(prompt_record(prompt), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "prompt"


def markdown_text(prompt: Prompt) -> str:
    """One prompt as Markdown with YAML front matter (what the markdown importer reads back)."""
    record = prompt_record(prompt)
    meta = {
        key: record[key]
        for key in (
            "title",
            "purpose",
            "tools",
            "department",
            "tags",
            "check_output",
            "visibility",
            "examples",
            "origin_url",
            "origin_label",
            "owner",
            "version",
            "created_at",
            "url",
        )
        if record[key] not in ("", [], None)
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{prompt.body}\n"


def write_markdown_zip(prompts: QuerySet[Prompt] | Iterable[Prompt], out: IO[bytes]) -> None:
    """A zip of `prompts/<title>-<id>.md` files, one per prompt, written into `out`."""
    items = _iterate(prompts) if isinstance(prompts, QuerySet) else iter(prompts)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for prompt in items:
            archive.writestr(f"prompts/{_slug(prompt.title)}-{prompt.pk}.md", markdown_text(prompt))


def markdown_zip_file(prompts: QuerySet[Prompt]) -> IO[bytes]:
    """The zip in a temporary file (in memory up to 10 MB, then on disk), positioned at its start."""
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115
    write_markdown_zip(prompts, spool)
    spool.seek(0)
    return spool


def write(prompts: QuerySet[Prompt], fmt: str, out: IO[bytes]) -> None:
    """Write the prompts as `fmt` into the binary file `out` (the shell command)."""
    if fmt == "markdown":
        write_markdown_zip(prompts, out)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        for part in iter_csv(prompts) if fmt == "csv" else iter_json(prompts):
            text.write(part)
        text.flush()
    finally:
        text.detach()
