"""Import prompts from the files people already have: CSV, JSON and a zip of Markdown files.

Two steps, so a person can see what will happen before anything is written:

1. `parse(stream, fmt, name=...)` reads the file into `PromptRow`s with per-row problems. It never
   touches the database, streams the input and stops at a size cap.
2. `check_rows(actor=..., rows=...)` looks at the database (read only): departments, and exact
   duplicates (same title and body) of prompts the person can see or of an earlier row.
   `import_rows(actor=..., rows=..., skip_invalid=...)` then writes, in one transaction:
   all-or-nothing unless `skip_invalid`.

Formats
    csv       prompts.chat's `act,prompt[,for_devs,type]` or Ripple's own columns
              (title, body, purpose, tools, department, tags, check_output, visibility, examples,
              origin_url, origin_label); lists are comma-separated, examples are a JSON array.
    json      `{"prompts": [{...}, ...]}` (what `ripple export-prompts --format json` writes) or a bare list.
    markdown  a zip of `.md` files, each with optional YAML front matter; without a `title` in it the
              title is the first `#` heading, else the file name. A single `.md` file works too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from ripple.library import actions
from ripple.library.access import visible_prompts
from ripple.library.models import BODY_MAX, Prompt, Visibility
from ripple.library.variables import parse_variables
from ripple.people.models import Department, User

FORMATS = ("csv", "json", "markdown")
# The real prompts.chat export (CC0), shipped for the demo, the tests and the bench; see data/README.md.
PROMPTS_CHAT_CSV = Path(__file__).resolve().parent / "data" / "prompts-chat.csv"
MAX_FILE_BYTES = 50 * 1024 * 1024  # an upload (CSV, JSON or zip) is read up to this and no further
MAX_ROWS = 20_000
# Above csv's default (131,072) so a 200,000-character body can be read and reported; still bounded.
CSV_FIELD_LIMIT = BODY_MAX + 50_000
ZIP_MAX_TOTAL = 100 * 1024 * 1024  # bytes all members may expand to
ZIP_MAX_RATIO = 100  # expanded size ÷ zip size
ZIP_MAX_FILES = 5_000
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
ORIGIN_URL_MAX = 500
ORIGIN_LABEL_MAX = 200

PROMPTS_CHAT_LABEL = "prompts.chat"
PROMPTS_CHAT_URL = "https://prompts.chat"
PROMPTS_CHAT_TYPE_TAGS = {"IMAGE": "image generation", "STRUCTURED": "structured output"}

_VISIBILITIES = {v.value: v.value for v in Visibility} | {v.label.casefold(): v.value for v in Visibility}


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (empty, too big, not UTF-8, wrong shape, hostile zip)."""


@dataclass
class PromptRow:
    """One prompt read from a file, with what is wrong with it (if anything)."""

    where: str  # "row 12", "prompt 3", "sales/follow-up.md": how the person finds it in their file
    title: str = ""
    body: str = ""
    purpose: str = ""
    tools: list[str] = field(default_factory=list)
    department: str = ""
    tags: list[str] = field(default_factory=list)
    examples: list[dict[str, str]] = field(default_factory=list)
    check_output: str = ""
    visibility: str = Visibility.EVERYONE.value
    origin_url: str = ""
    origin_label: str = ""
    errors: list[str] = field(default_factory=list)
    duplicate_of: str = ""  # "row 5" or "an existing prompt" once check_rows has run
    escaped_braces: bool = False  # literal "{{" in the body were escaped so they are not variables
    department_id: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.title, self.body)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def label(self) -> str:
        title = self.title if len(self.title) <= 60 else self.title[:57] + "…"
        return f"{self.where} ({title or 'no title'})"

    def error_line(self) -> str:
        return f"{self.label()}: " + "; ".join(self.errors)

    def duplicate_line(self) -> str:
        return f"{self.label()}: same title and text as {self.duplicate_of}"


@dataclass
class ImportResult:
    """What an import did (or, when nothing was written, would have done)."""

    created: list[Prompt] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # exact duplicates, one line each
    errors: list[str] = field(default_factory=list)  # rows with problems, one line each
    written: bool = False

    def summary(self) -> dict[str, Any]:
        return {"created": len(self.created), "skipped": len(self.skipped), "errors": self.errors}


# --- reading the bytes ----------------------------------------------------------------------------


def _too_big(limit: int) -> ImportFileError:
    return ImportFileError(
        f"The file is larger than {limit // (1024 * 1024)} MB; split it into smaller files."
    )


class _CappedReader(io.RawIOBase):
    """A read-only view of a binary stream that fails once more than `limit` bytes were read."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        self.count += len(data)
        if self.count > self._limit:
            raise _too_big(self._limit)
        buffer[: len(data)] = data
        return len(data)


def _read_all(stream: IO[bytes]) -> bytes:
    limit = MAX_FILE_BYTES
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise _too_big(limit)
    if not raw.strip():
        raise ImportFileError("The file is empty.")
    return raw


def _decode(raw: bytes, where: str = "The file") -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(
            f"{where} is not UTF-8 text (line {line}, byte {exc.start} cannot be read); "
            "save it as UTF-8 and try again."
        ) from exc


def detect_format(name: str, head: bytes = b"") -> str:
    """Guess csv, json or markdown from a file name, else from its first bytes."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".zip", *MARKDOWN_SUFFIXES)):
        return "markdown"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head.startswith(b"PK\x03\x04"):
        return "markdown"
    if start in (b"[", b"{"):
        return "json"
    return "csv"


def parse(stream: IO[bytes], fmt: str, *, name: str = "") -> list[PromptRow]:
    """Read every prompt in `stream` (a binary file) as `fmt`; ImportFileError when the file as a whole
    cannot be read. Nothing is written."""
    if fmt == "csv":
        rows = parse_csv(stream)
    elif fmt == "json":
        rows = parse_json(stream)
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


def parse_csv(stream: IO[bytes]) -> list[PromptRow]:
    """Rows of a prompts.chat (`act,prompt`) or Ripple CSV; row numbers count the header as row 1."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    capped = _CappedReader(stream, MAX_FILE_BYTES)
    text = io.TextIOWrapper(io.BufferedReader(capped), encoding="utf-8-sig", newline="")
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
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not UTF-8 text (near row {number + 1}); save it as UTF-8 and try again."
        ) from exc
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
        "tools": _split(values.get("tools", "")),
        "department": values.get("department", ""),
        "tags": _split(values.get("tags", "")),
        "check_output": values.get("check_output", ""),
        "visibility": values.get("visibility", ""),
        "origin_url": values.get("origin_url", ""),
        "origin_label": values.get("origin_label", ""),
        "examples": [],
    }
    if "act" in values and "title" not in values:  # prompts.chat's own export
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
    _fill(row, raw)
    return row


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|]", text or "") if part.strip()]


# --- JSON -----------------------------------------------------------------------------------------

JSON_SHAPE = 'a list of prompts, or {"prompts": [...]} as Ripple exports it'


def parse_json(stream: IO[bytes]) -> list[PromptRow]:
    """Prompts of a Ripple JSON export (or any list of prompt objects); numbered from 1."""
    text = _decode(_read_all(stream))
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise ImportFileError("The JSON is nested too deeply to be a list of prompts.") from exc
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    if isinstance(data, dict) and "prompts" in data:
        items = data["prompts"]
    elif isinstance(data, dict):
        raise ImportFileError(f'The JSON has no "prompts" list; expected {JSON_SHAPE}.')
    else:
        items = data
    if not isinstance(items, list):
        raise ImportFileError(f"The JSON is a {type(items).__name__}; expected {JSON_SHAPE}.")
    if len(items) > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS:,} prompts; split it.")
    rows: list[PromptRow] = []
    for number, item in enumerate(items, 1):
        row = PromptRow(where=f"prompt {number}")
        if not isinstance(item, dict):
            row.errors.append(f"is a {type(item).__name__}, not an object with a title and body")
        else:
            _fill(row, {**item, "body": item.get("body", item.get("prompt", ""))})
        rows.append(row)
    return rows


# --- Markdown (a zip of .md files, or one file) --------------------------------------------------


def parse_markdown(stream: IO[bytes], *, name: str = "") -> list[PromptRow]:
    """Prompts of a zip of Markdown files (one prompt per file), or of a single Markdown file."""
    if not zipfile.is_zipfile(stream):
        stream.seek(0)
        raw = _read_all(stream)
        where = PurePosixPath(name).name or "the file"
        return [_markdown_row(_decode(raw, where), where)]
    stream.seek(0, io.SEEK_END)
    archive_size = stream.tell()
    stream.seek(0)
    if archive_size > MAX_FILE_BYTES:
        raise _too_big(MAX_FILE_BYTES)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(f"The file is not a readable zip: {exc}.") from exc
    with archive:
        members = _check_zip(archive, archive_size)
        rows: list[PromptRow] = []
        budget = ZIP_MAX_TOTAL
        for info in members:
            data = _read_member(archive, info, budget)
            budget -= len(data)
            rows.append(_markdown_row(_decode(data, info.filename), info.filename))
    return rows


def _check_zip(archive: zipfile.ZipFile, archive_size: int) -> list[zipfile.ZipInfo]:
    """Refuse hostile archives before reading a byte of content: paths, counts, sizes, ratio."""
    infos = archive.infolist()
    if len(infos) > ZIP_MAX_FILES:
        raise ImportFileError(f"The zip holds {len(infos):,} files; at most {ZIP_MAX_FILES:,} are allowed.")
    for info in infos:
        path = info.filename.replace("\\", "/")
        if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or ".." in PurePosixPath(path).parts:
            raise ImportFileError(
                f"{info.filename}: the zip holds a path outside its folder (absolute or with ..); "
                "nothing was imported."
            )
        if info.flag_bits & 0x1:
            raise ImportFileError(f"{info.filename}: encrypted files cannot be imported.")
    total = sum(info.file_size for info in infos)
    if total > ZIP_MAX_TOTAL:
        raise ImportFileError(
            f"The zip expands to {total / 1024 / 1024:,.0f} MB; at most {ZIP_MAX_TOTAL // 1024 // 1024} MB "
            "is allowed."
        )
    if total > ZIP_MAX_RATIO * max(archive_size, 1):
        raise ImportFileError(
            f"The zip expands to {total // max(archive_size, 1):,}× its size; at most {ZIP_MAX_RATIO}× is "
            "allowed (it looks like a zip bomb)."
        )
    members = [
        info
        for info in infos
        if not info.is_dir()
        and info.filename.lower().endswith(MARKDOWN_SUFFIXES)
        and not any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(info.filename).parts)
    ]
    if not members:
        raise ImportFileError("The zip holds no Markdown (.md) files.")
    return sorted(members, key=lambda i: i.filename)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """A member's bytes, counted while reading: a member may not outgrow its declared size or the budget."""
    limit = min(info.file_size, budget)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise ImportFileError(
                        f"{info.filename}: expands past its declared size or the "
                        f"{ZIP_MAX_TOTAL // 1024 // 1024} MB limit; nothing was imported."
                    )
                chunks.append(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:  # corrupt, bad CRC
        raise ImportFileError(f"{info.filename} cannot be read from the zip: {exc}.") from exc
    return b"".join(chunks)


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
    _fill(row, {**meta, "title": title, "body": body})
    return row


# --- the checks every format shares ---------------------------------------------------------------


def _text(row: PromptRow, raw: dict[str, Any], key: str, limit: int | None = None) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        row.errors.append(f"{key} must be text")
        return ""
    value = value.replace("\r\n", "\n").strip()
    if limit is not None and len(value) > limit:
        row.errors.append(f"{key} is {len(value):,} characters; at most {limit:,} are allowed")
    return value


def _without_nul(row: PromptRow, key: str, value: Any) -> Any:
    """`value` without NUL characters or lone surrogates (no database stores them, and they are never
    meant as text); finding one is a problem with the row."""

    def clean(item: Any, depth: int = 0) -> Any:
        if depth > 10:  # prompts hold lists of objects of text at most
            found.append("values nested too deeply")
            return None
        if isinstance(item, str):
            if "\x00" in item:
                found.append("a NUL character (byte 0)")
                item = item.replace("\x00", "")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate from a JSON "\ud800" escape
                found.append("a broken Unicode escape")
                item = item.encode("utf-8", "replace").decode("utf-8")
            return item
        if isinstance(item, list):
            return [clean(i, depth + 1) for i in item]
        if isinstance(item, dict):
            return {clean(k, depth + 1): clean(v, depth + 1) for k, v in item.items()}
        return item

    found: list[str] = []
    cleaned = clean(value)
    for problem in dict.fromkeys(found):
        row.errors.append(f"{_FIELD_NAMES.get(key, key)} contains {problem}; it is not text")
    return cleaned


def _list(row: PromptRow, raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return _split(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        row.errors.append(f"{key} must be a list of text")
        return []
    return [v.strip() for v in value if v.strip()]


def escape_literal_braces(body: str) -> str:
    """`body` with every "{{" that does not start a valid variable written as "\\{{" (literal text).

    The same result as variables.escape_malformed, in one pass: a 200,000-character body full of
    braces must not take quadratic time.
    """
    out: list[str] = []
    seen: dict[str, tuple[str, tuple[str, ...]]] = {}
    i = scan = 0
    close = -1
    while (start := body.find("{{", scan)) >= 0:
        scan = start + 2
        if start > 0 and body[start - 1] == "\\":
            continue
        if close != -2 and close < scan:
            close = body.find("}}", scan)
            close = -2 if close < 0 else close
        nxt = body.find("{{", scan, close) if close >= 0 else -1
        variable = None
        if close >= 0 and nxt < 0 and "\n" not in body[scan:close]:
            try:
                variable = parse_variables(body[start : close + 2])[0]
            except ValidationError:
                variable = None
        if variable is not None:
            key, spec = variable.name.casefold(), (variable.default, variable.choices)
            first = seen.get(key)
            if first is None or not (first[0] or first[1]):
                seen[key] = spec if (spec[0] or spec[1] or first is None) else first
            elif (spec[0] or spec[1]) and spec != first:
                variable = None  # a second, different default for the same name
        if variable is None:
            out.append(body[i:start] + "\\")
            i = start
        else:
            scan = close + 2
    out.append(body[i:])
    return "".join(out)


_FIELD_NAMES = {"body": "the prompt text", "check_output": "check the output"}


def _fill(row: PromptRow, raw: dict[str, Any]) -> None:
    """Normalise and check one prompt's fields into `row`: the types a file can get wrong here, the
    content with the very rules `prompt_create` applies (library.actions.clean_content)."""
    raw = {key: _without_nul(row, key, value) for key, value in raw.items()}
    body = _text(row, raw, "body")
    if body and len(body) <= BODY_MAX:
        escaped = escape_literal_braces(body)  # "{{" from templates/JSX stays literal text
        row.escaped_braces = escaped != body
        body = escaped
    title = _text(row, raw, "title")
    if not title.strip() and body:
        first = next(line for line in body.splitlines() if line.strip())
        title = " ".join(first.lstrip("#").split())[:80]
    content = {
        "title": title,
        "body": body,
        "purpose": _text(row, raw, "purpose"),
        "check_output": _text(row, raw, "check_output"),
        "tools": _list(row, raw, "tools"),
        "tags": _list(row, raw, "tags"),
        "examples": raw.get("examples") or [],
    }
    if not isinstance(content["examples"], list):
        row.errors.append("examples must be a list of {input, output, changes}")
        content["examples"] = []
    try:
        data = actions.clean_content(**content)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = _FIELD_NAMES.get(name, name)
            row.errors.extend(f"{label}: {m[0].lower()}{m[1:]}" if m else label for m in messages)
        data = {
            **content,
            "title": " ".join(title.split()),
            "body": body.strip(),
            "tools": [],
            "tags": [],
            "examples": [],
        }
    row.title, row.body = data["title"], data["body"]
    row.purpose, row.check_output = data["purpose"], data["check_output"]
    row.tools, row.tags, row.examples = data["tools"], data["tags"], data["examples"]
    row.department = _text(row, raw, "department", 200)
    row.origin_url = _text(row, raw, "origin_url", ORIGIN_URL_MAX)
    row.origin_label = " ".join(_text(row, raw, "origin_label", ORIGIN_LABEL_MAX).split())
    if row.origin_url and not re.match(r"^(https?://|/(?!/))", row.origin_url):
        row.errors.append("origin_url must be a web address (https://…) or a Ripple path (/feed/…)")
    visibility = _text(row, raw, "visibility", 40).lower()
    if visibility and visibility not in _VISIBILITIES:
        row.errors.append(f"visibility “{visibility}” is not one of everyone, department, private")
    row.visibility = _VISIBILITIES.get(visibility, Visibility.EVERYONE.value)


# --- against the database -------------------------------------------------------------------------


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def check_rows(*, actor: User, rows: list[PromptRow]) -> list[PromptRow]:
    """Mark departments that do not exist and exact duplicates (same title and body as a prompt
    `actor` can see, or as an earlier row). Reads only; returns `rows`."""
    names = sorted({r.department.casefold() for r in rows if r.department})
    departments = {d.name.casefold(): d for d in Department.objects.all()} if names else {}
    titles = sorted({r.title for r in rows if r.title and r.body})
    existing: set[tuple[str, str]] = set()
    for chunk in _chunks(titles):
        existing.update(visible_prompts(actor).filter(title__in=chunk).values_list("title", "body"))
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        row.duplicate_of = ""
        if row.department:
            department = departments.get(row.department.casefold())
            if department is None:
                message = f"no department is called “{row.department}”"
                if message not in row.errors:
                    row.errors.append(message)
            else:
                row.department_id = department.pk
        if row.visibility == Visibility.DEPARTMENT and not (row.department_id or actor.department_id):
            message = "visibility “department” needs a department"
            if message not in row.errors:
                row.errors.append(message)
        if row.errors:
            continue
        if row.key in existing:
            row.duplicate_of = "an existing prompt"
        elif row.key in seen:
            row.duplicate_of = seen[row.key]
        else:
            seen[row.key] = row.where
    return rows


@transaction.atomic
def import_rows(
    *,
    actor: User,
    rows: list[PromptRow],
    skip_invalid: bool = False,
    owners: Iterable[User] | None = None,
    dates: Iterable[datetime] | None = None,
) -> ImportResult:
    """Create a prompt (version 1) for every valid row that is not an exact duplicate, in one
    transaction. All-or-nothing: any row with a problem means nothing is written, unless
    `skip_invalid`. `owners`/`dates` (the demo) give each created prompt its owner and creation time."""

    check_rows(actor=actor, rows=rows)
    result = ImportResult(
        errors=[r.error_line() for r in rows if r.errors],
        skipped=[r.duplicate_line() for r in rows if r.duplicate_of],
    )
    if result.errors and not skip_invalid:
        return result
    owner_iter = iter(owners) if owners is not None else None
    date_iter = iter(dates) if dates is not None else None
    departments = {
        d.pk: d for d in Department.objects.filter(pk__in={r.department_id for r in rows} - {None})
    }
    for row in rows:
        if row.errors or row.duplicate_of:
            continue
        owner = next(owner_iter) if owner_iter is not None else actor
        at = next(date_iter) if date_iter is not None else None
        try:  # prompt_create is atomic: a row that fails leaves nothing behind
            prompt = actions.prompt_create(
                actor=owner,
                title=row.title,
                body=row.body,
                purpose=row.purpose,
                tools=row.tools,
                department=departments.get(row.department_id) if row.department_id else None,
                tags=row.tags,
                examples=row.examples,
                check_output=row.check_output,
                visibility=row.visibility,
                origin_url=row.origin_url,
                origin_label=row.origin_label,
                note="Imported",
                at=at,
            )
        except ValidationError as exc:
            row.errors.extend(_messages(exc))
            result.errors.append(row.error_line())
            if not skip_invalid:
                transaction.set_rollback(True)
                result.created = []
                return result
            continue
        result.created.append(prompt)
    result.written = True
    return result


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{name}: {'; '.join(msgs)}" if name != "__all__" else "; ".join(msgs)
            for name, msgs in exc.message_dict.items()
        ]
    return list(exc.messages)
