"""Export prompts as CSV, JSON or a zip of Markdown files — the formats `importing` reads back — and
in other tools' formats, so Ripple is a hub, not a dead end: Open WebUI's prompt import (a JSON list of
{command, title, name, content, tags}; variables in its typed syntax, built-ins as its system
variables) and prompts.chat's CSV (act, prompt, for_devs, type; variables as ${name:default}).

Only what the viewer may see is exported (`exportable_prompts` starts from access.visible_prompts),
and every writer streams: rows are read in chunks and written as they come.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.text import slugify

from ripple.library.access import visible_prompts
from ripple.library.models import Prompt, Visibility
from ripple.library.variables import Variable, parse_variables, rewrite
from ripple.spaces import access as space_access

FORMATS = ("csv", "json", "markdown", "open-webui", "prompts-chat")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "markdown": "application/zip",
    "open-webui": "application/json",
    "prompts-chat": "text/csv; charset=utf-8",
}
EXTENSIONS = {"csv": "csv", "json": "json", "markdown": "zip", "open-webui": "json", "prompts-chat": "csv"}
# Ripple's built-ins as Open WebUI's system variables (the importer maps them back).
OPEN_WEBUI_BUILTINS = {
    "current_date": "CURRENT_DATE",
    "current_time": "CURRENT_TIME",
    "current_datetime": "CURRENT_DATETIME",
    "current_weekday": "CURRENT_WEEKDAY",
    "current_timezone": "CURRENT_TIMEZONE",
    "current_user": "USER_NAME",
    "user_language": "USER_LANGUAGE",
    "user_location": "USER_LOCATION",
    "clipboard": "CLIPBOARD",
}
PROMPTS_CHAT_TYPES = {"image generation": "IMAGE", "structured output": "STRUCTURED"}
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
        Prompt.objects.filter(
            Q(visibility=Visibility.EVERYONE) & space_access.public_q(), deleted_at__isnull=True
        )
        if viewer is None
        else visible_prompts(viewer)
    )
    prompts = visible.filter(owner=viewer) if viewer is not None and mine else visible
    # A fork names its parent only when the viewer may see the parent too.
    parent = Case(When(forked_from__in=visible.values("pk"), then=F("forked_from_id")), default=Value(None))
    return prompts.annotate(visible_parent_id=parent).select_related("owner", "department").order_by("id")


def filename(fmt: str) -> str:
    """`ripple-prompts-2026-11-26.csv`, `ripple-prompts-open-webui-2026-11-26.json` and the like."""
    tool = f"{fmt}-" if fmt in ("open-webui", "prompts-chat") else ""
    return f"ripple-prompts-{tool}{timezone.now():%Y-%m-%d}.{EXTENSIONS[fmt]}"


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
    """A file name part that keeps every script readable: "日本語のプロンプト" stays as it is."""
    slug = slugify(title, allow_unicode=True)
    return slug[:60].rstrip("-_") or "prompt"


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


# --- other tools' formats ------------------------------------------------------------------------


def _open_webui_variable(v: Variable) -> str:
    builtin = OPEN_WEBUI_BUILTINS.get(v.name.casefold()) if v.builtin else None
    if builtin:
        return "{{" + builtin + "}}"
    if v.choices:
        options = json.dumps(list(v.choices), ensure_ascii=False)
        return (
            "{{"
            + f"{v.name} | select:options={options}:default={json.dumps(v.default, ensure_ascii=False)}"
            + "}}"
        )
    if v.default:
        return "{{" + f"{v.name} | text:default={json.dumps(v.default, ensure_ascii=False)}" + "}}"
    return "{{" + v.name + "}}"


def _prompts_chat_variable(v: Variable) -> str:
    spec = "|".join(v.choices) if v.choices else v.default
    return "${" + v.name + (f":{spec}" if spec else "") + "}"


def open_webui_record(prompt: Prompt, command: str) -> dict[str, Any]:
    """One prompt as Open WebUI imports it: older versions read command/title/content, newer ones
    command/name/content/tags."""
    return {
        "command": command,
        "title": prompt.title,
        "name": prompt.title,
        "content": rewrite(prompt.body, _open_webui_variable),
        "tags": prompt.tag_list,
        "meta": {"description": prompt.purpose} if prompt.purpose else {},
    }


def iter_open_webui(prompts: QuerySet[Prompt]) -> Iterator[str]:
    """The prompts as Open WebUI's prompt import file: a JSON list, a prompt at a time. Commands are
    made from the titles and kept unique."""
    used: set[str] = set()
    yield "[\n"
    for n, prompt in enumerate(_iterate(prompts)):
        command = (slugify(prompt.title)[:40].strip("-") or "prompt").lower()
        if command in used:
            command = f"{command}-{prompt.pk}"
        used.add(command)
        yield ("" if n == 0 else ",\n") + json.dumps(open_webui_record(prompt, command), ensure_ascii=False)
    yield "\n]\n"


def iter_prompts_chat(prompts: QuerySet[Prompt]) -> Iterator[str]:
    """The prompts as prompts.chat's CSV: act, prompt (variables as ${name:default}), for_devs, type."""
    buffer = _Line()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(("act", "prompt", "for_devs", "type"))
    yield buffer.take()
    for prompt in _iterate(prompts):
        tags = {t.casefold() for t in prompt.tag_list}
        kind = next((v for k, v in PROMPTS_CHAT_TYPES.items() if k in tags), "TEXT")
        body = rewrite(prompt.body, _prompts_chat_variable, literal_open="{{")
        writer.writerow((prompt.title, body, "TRUE" if "for developers" in tags else "FALSE", kind))
        yield buffer.take()


TEXT_WRITERS = {
    "csv": iter_csv,
    "json": iter_json,
    "open-webui": iter_open_webui,
    "prompts-chat": iter_prompts_chat,
}


def iter_text(prompts: QuerySet[Prompt], fmt: str) -> Iterator[str]:
    """Any format but the Markdown zip, as text parts to stream."""
    return TEXT_WRITERS[fmt](prompts)


def write(prompts: QuerySet[Prompt], fmt: str, out: IO[bytes]) -> None:
    """Write the prompts as `fmt` into the binary file `out` (the shell command)."""
    if fmt == "markdown":
        write_markdown_zip(prompts, out)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        for part in iter_text(prompts, fmt):
            text.write(part)
        text.flush()
    finally:
        text.detach()
