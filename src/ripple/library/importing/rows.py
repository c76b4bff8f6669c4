"""One prompt read from a file (`PromptRow`) and the checks every format shares.

Pure: no database. The content rules are the very ones `prompt_create` applies
(library.actions.clean_content), so a row that passes here is refused by the action only for what
needs the database (departments, duplicates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from ripple.core.uploads import UploadError
from ripple.library import actions
from ripple.library.models import BODY_MAX, Visibility
from ripple.library.variables import parse_variables

ORIGIN_URL_MAX = 500
ORIGIN_LABEL_MAX = 200
_VISIBILITIES = {v.value: v.value for v in Visibility} | {v.label.casefold(): v.value for v in Visibility}

# The file as a whole cannot be imported (empty, too big, not UTF-8, wrong shape, hostile zip): the
# error core.uploads raises for what it reads, and what the parsers raise for the rest.
ImportFileError = UploadError


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
    near_duplicate_of: str = ""  # a near-duplicate (imported, but flagged in the preview): "row 5" or a title
    near_duplicate_id: int | None = None  # the existing prompt it looks like, if it is one
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


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|]", text or "") if part.strip()]


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
        return split_list(value)
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


def fill_row(row: PromptRow, raw: dict[str, Any]) -> None:
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
