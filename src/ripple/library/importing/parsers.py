"""Reading prompts from a file: bytes in, `PromptRow`s with per-row problems out. Pure: no database,
the input is streamed and stopped at a size cap (core.uploads does the safe reading).

Formats
    csv       prompts.chat's `act,prompt[,for_devs,type]` or Ripple's own columns
              (title, body, purpose, tools, department, tags, check_output, visibility, examples,
              origin_url, origin_label); lists are comma-separated, examples are a JSON array.
    json      `{"prompts": [{...}, ...]}` (what `ripple export-prompts --format json` writes) or a bare list.
              prompts.chat's `${Name:default}` variables become Ripple's `{{Name:default}}`.
    json      any shape shapes.py knows — Ripple's export `{"prompts": [...]}`, Open WebUI's prompt export,
              LibreChat prompt groups (also as JSON lines), Langfuse prompts — or a bare list; streamed
              (jsonstream.py), so memory stays bounded by one prompt.
    markdown  a zip of `.md` files, each with optional YAML front matter; without a `title` in it the
              title is the first `#` heading, else the file name. A single `.md` file works too.
              A zip of Fabric patterns (`patterns/<name>/system.md`, optional `user.md`) is recognised
              by its layout (fabric.py).
The user never says which tool wrote the file: the container (csv, json, zip) comes from the name or
the first bytes, and the tool from the columns or keys.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

import yaml

from ripple.core import uploads
from ripple.library.importing import dialects, fabric, jsonstream, shapes
from ripple.library.importing.rows import ImportFileError, PromptRow, fill_row, split_list
from ripple.library.models import BODY_MAX

FORMATS = ("csv", "json", "markdown")
# The real prompts.chat export (CC0), shipped for the demo, the tests and the bench; see data/README.md.
PROMPTS_CHAT_CSV = Path(__file__).resolve().parent.parent / "data" / "prompts-chat.csv"
# Limits, read when a file is parsed (tests lower them): an upload is read up to MAX_FILE_BYTES.
MAX_FILE_BYTES = 50 * uploads.MB
MAX_ROWS = 20_000
PROGRESS_EVERY = 500
# Above csv's default (131,072) so a 200,000-character body can be read and reported; still bounded.
CSV_FIELD_LIMIT = BODY_MAX + 50_000
ZIP_MAX_TOTAL = 100 * uploads.MB  # bytes all members may expand to
ZIP_MAX_RATIO = 100  # expanded size ÷ zip size
ZIP_MAX_FILES = 5_000
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")

PROMPTS_CHAT_LABEL = "prompts.chat"
PROMPTS_CHAT_URL = "https://prompts.chat"
PROMPTS_CHAT_TYPE_TAGS = {"IMAGE": "image generation", "STRUCTURED": "structured output"}


def _read_all(stream: IO[bytes]) -> bytes:
    raw = uploads.read_capped(stream, MAX_FILE_BYTES)
    if not raw.strip():
        raise ImportFileError("The file is empty.")
    return raw


def detect_format(name: str, head: bytes = b"") -> str:
    """Guess csv, json or markdown from a file name, else from its first bytes."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".json", ".jsonl", ".ndjson")):
        return "json"
    if lower.endswith((".zip", *MARKDOWN_SUFFIXES)):
        return "markdown"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head.startswith(b"PK\x03\x04"):
        return "markdown"
    if start in (b"[", b"{"):
        return "json"
    return "csv"


Progress = Callable[[int], None] | None


def parse(stream: IO[bytes], fmt: str, *, name: str = "", progress: Progress = None) -> list[PromptRow]:
    """Read every prompt in `stream` (a binary file) as `fmt`; ImportFileError when the file as a whole
    cannot be read. Nothing is written. `progress(n)` is told the rows read every PROGRESS_EVERY rows."""
    if fmt == "csv":
        rows = parse_csv(stream, progress=progress)
    elif fmt == "json":
        rows = parse_json(stream, progress=progress)
    elif fmt == "markdown":
        rows = parse_markdown(stream, name=name)
    else:
        raise ImportFileError(f"Unknown format “{fmt}”: choose csv, json or markdown.")
    if not rows:
        raise ImportFileError("The file holds no prompts.")
    return rows


# --- CSV ------------------------------------------------------------------------------------------

_TITLE_COLUMNS = ("title", "act")
_BODY_COLUMNS = ("body", "prompt")


def parse_csv(stream: IO[bytes], *, progress: Progress = None) -> list[PromptRow]:
    """Rows of a prompts.chat (`act,prompt`) or Ripple CSV; row numbers count the header as row 1."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    text = uploads.text_stream(stream, limit=MAX_FILE_BYTES)
    reader = csv.reader(text, strict=True)
    number = 1
    header_read = False
    rows: list[PromptRow] = []
    try:
        header = next(reader, None)
        while header is not None and not any(h.strip() for h in header):
            header = next(reader, None)  # blank lines before the header
        if header is None:
            raise ImportFileError("The file is empty.")
        header_read = True
        columns = [h.strip().lower().replace(" ", "_") for h in header]
        _check_header(columns)
        for record in reader:
            number += 1
            if not any(value.strip() for value in record):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(f"The file has more than {MAX_ROWS:,} prompts; split it.")
            rows.append(_csv_row(number, columns, record))
            if progress is not None and len(rows) % PROGRESS_EVERY == 0:
                progress(len(rows))
    except csv.Error as exc:
        where = f"Row {number + 1}" if header_read else "The header row"
        if "field larger than field limit" in str(exc):
            raise ImportFileError(
                f"{where}: a field is longer than {BODY_MAX:,} characters, the most a prompt may hold."
            ) from exc
        quoting = any(word in str(exc) for word in ("quote", "expected", "end of data"))
        hint = ' A quote inside a quoted field must be doubled ("").' if quoting else ""
        raise ImportFileError(f"{where} cannot be read: {exc}.{hint}") from exc
    return rows


def _check_header(columns: list[str]) -> None:
    if not any(c in columns for c in _BODY_COLUMNS):
        raise ImportFileError(
            "The CSV has no prompt column: the first row must name the columns, with “prompt” (or “body”) "
            "for the prompt text — e.g. act,prompt (prompts.chat) or title,body,purpose,tags (Ripple)."
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise ImportFileError(f"The header names the column(s) {', '.join(duplicated)} more than once.")


def _csv_row(number: int, columns: list[str], record: list[str]) -> PromptRow:
    row = PromptRow(where=f"row {number}")
    if len(record) > len(columns):
        row.errors.append(f"has {len(record)} fields but the header names {len(columns)} columns")
    values = {c: v for c, v in zip(columns, record, strict=False) if c}
    title = next((values[c] for c in _TITLE_COLUMNS if values.get(c, "").strip()), "")
    body = next((values[c] for c in _BODY_COLUMNS if values.get(c, "").strip()), "")
    raw: dict[str, Any] = {
        "title": title,
        "body": body,
        "purpose": values.get("purpose", ""),
        "tools": split_list(values.get("tools", "")),
        "department": values.get("department", ""),
        "tags": split_list(values.get("tags", "")),
        "check_output": values.get("check_output", ""),
        "visibility": values.get("visibility", ""),
        "origin_url": values.get("origin_url", ""),
        "origin_label": values.get("origin_label", ""),
        "examples": [],
    }
    if "act" in values and "title" not in values:  # prompts.chat's own export: ${Name:default} variables
        raw["body"] = dialects.from_prompts_chat(body)
        raw["origin_label"] = raw["origin_label"] or PROMPTS_CHAT_LABEL
        raw["origin_url"] = raw["origin_url"] or PROMPTS_CHAT_URL
        if values.get("for_devs", "").strip().upper() == "TRUE":
            raw["tags"].append("for developers")
        type_tag = PROMPTS_CHAT_TYPE_TAGS.get(values.get("type", "").strip().upper())
        if type_tag:
            raw["tags"].append(type_tag)
    examples = values.get("examples", "").strip()
    if examples:
        try:
            raw["examples"] = json.loads(examples)
        except json.JSONDecodeError:
            row.errors.append('examples is not a JSON list like [{"input": "…", "output": "…"}]')
    fill_row(row, raw)
    return row


# --- JSON -----------------------------------------------------------------------------------------

JSON_SHAPE = jsonstream.SHAPES_TRIED


def parse_json(stream: IO[bytes], *, progress: Progress = None) -> list[PromptRow]:
    """Prompts of a JSON (or JSON lines) file in any shape shapes.py knows, numbered from 1; read a
    prompt at a time, so the row cap applies before the rest of the file is read."""
    start = stream.tell()
    try:
        return _json_rows(jsonstream.items(stream, limit=MAX_FILE_BYTES), progress)
    except jsonstream.ReadAgain:
        stream.seek(start)
        return _json_rows(jsonstream.items(stream, limit=MAX_FILE_BYTES, slow=True), progress)


def _json_rows(items: Iterator[Any], progress: Progress) -> list[PromptRow]:
    rows: list[PromptRow] = []
    fitted = 0
    for number, item in enumerate(items, 1):
        if number > MAX_ROWS:
            raise ImportFileError(f"The file has more than {MAX_ROWS:,} prompts; split it.")
        row = PromptRow(where=f"prompt {number}")
        if not isinstance(item, dict):
            row.errors.append(f"is a {type(item).__name__}, not an object with a title and body")
        else:
            shape, raw, problems = shapes.read(item)
            fitted += shape is not None
            if shape is not None:
                fill_row(row, raw)
            row.errors.extend(problems)
        rows.append(row)
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
    if rows and not fitted and all(r.errors for r in rows):
        first = rows[0].errors[0]
        raise ImportFileError(
            f"No prompt in the file fits a shape Ripple reads; the first {first}. Ripple reads {JSON_SHAPE}."
        )
    return rows


# --- Markdown (a zip of .md files, or one file) --------------------------------------------------


def parse_markdown(stream: IO[bytes], *, name: str = "") -> list[PromptRow]:
    """Prompts of a zip of Markdown files (one prompt per file), or of a single Markdown file."""
    if not uploads.is_zip(stream):
        raw = _read_all(stream)
        where = PurePosixPath(name).name or "the file"
        return [_markdown_row(uploads.decode_utf8(raw, where), where)]
    limits = uploads.ZipLimits(
        archive_bytes=MAX_FILE_BYTES, total_bytes=ZIP_MAX_TOTAL, ratio=ZIP_MAX_RATIO, members=ZIP_MAX_FILES
    )
    if fabric.is_fabric(stream):
        return fabric.parse_patterns(stream, limits=limits)
    rows: list[PromptRow] = []
    for member in uploads.iter_zip(stream, limits=limits, wanted=_is_markdown):
        if member.problem:  # a symbolic link: a problem with that entry, never a prompt
            rows.append(
                PromptRow(where=member.name, title=PurePosixPath(member.name).stem, errors=[member.problem])
            )
        else:
            rows.append(_markdown_row(uploads.decode_utf8(member.data, member.name), member.name))
    if not rows:
        raise ImportFileError(
            "The zip holds no Markdown (.md) files (none ends in .md, .markdown or .txt) and no Fabric "
            "patterns (<name>/system.md): those are the zips Ripple reads."
        )
    return rows


def _is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: `&a [*a, *a, …]` could expand a few bytes into billions."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def _markdown_row(text: str, where: str) -> PromptRow:
    row = PromptRow(where=where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
        except RecursionError:
            row.errors.append("the front matter is nested too deeply")
            loaded = {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" at line {mark.line + 2}" if mark is not None else ""
            problem = getattr(exc, "problem", None)
            row.errors.append(
                f"the front matter is not valid YAML{at}" + (f" ({problem})" if problem else "")
            )
            loaded = {}
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            row.errors.append("the front matter must be key: value lines (title:, tags:, …)")
            loaded = {}
        meta = {str(k).strip().lower(): v for k, v in loaded.items()}
        text = text[match.end() :]
    body = text
    title = meta.get("title")
    if not (isinstance(title, str) and title.strip()):
        heading = _HEADING.search(text)
        if heading and not text[: heading.start()].strip():
            title = heading.group(1)  # the first line is the title: not repeated in the body
            body = text[heading.end() :]
        elif heading:
            title = heading.group(1)
        else:
            title = PurePosixPath(where).stem if "." in where else where
    fill_row(row, {**meta, "title": title, "body": body})
    return row
