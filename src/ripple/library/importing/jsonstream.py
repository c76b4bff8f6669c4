"""Reading JSON a prompt at a time (ijson), so memory stays bounded by one prompt, not by the file.

`items(stream)` yields each prompt-like value of any of these layouts, in order:

    [ {...}, {...} ]                         a bare list (Open WebUI's export, LibreChat's groups)
    {"prompts": [...], ...}                  Ripple's export; also "promptGroups" (LibreChat's API),
                                             "data" (Langfuse's API list) and "items"
    {...}                                    one prompt (Langfuse's GET /prompts/{name})
    {...}\\n{...}\\n                           JSON lines: one prompt per line

The file is read through core.uploads.CappedReader (size cap, UTF-8 checked as it passes) and a BOM is
skipped. The C parser turns a lone surrogate escape ("\\ud800") into "?"; a file holding surrogate
escapes is therefore read by ijson's Python backend, which keeps them, so the row reports them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import IO, Any

import ijson
from ijson.backends import python as python_backend

from ripple.core import uploads
from ripple.library.importing.rows import ImportFileError

LIST_KEYS = ("prompts", "promptGroups", "data", "items")
_PROMPT_KEYS = {"productionPrompt", "body", "content", "prompt"}  # an object already seen to be a prompt
MAX_DEPTH = 64  # a prompt is an object of text, lists and small objects; far less than this
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
SHAPES_TRIED = (
    'a Ripple export {"prompts": [...]}, LibreChat prompt groups (a list, {"promptGroups": [...]} or '
    'JSON lines), a Langfuse prompt list {"data": [...]} or one Langfuse prompt, a list of Open WebUI '
    "prompts, or a bare list of prompts"
)


class _Reader(io.RawIOBase):
    """The capped, UTF-8-checked bytes without a leading BOM; notes surrogate escapes and the position."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._source = uploads.CappedReader(stream, limit, utf8_where="The file")
        self._start = True
        self._tail = b""
        self.surrogates = False
        self.count = 0
        self.lines = 1
        self.blank = True  # only whitespace so far

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._source.read(len(buffer)) or b""
        if self._start and data:
            self._start = False
            data = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        if not self.surrogates and _SURROGATE.search(self._tail + data):
            self.surrogates = True
        self._tail = data[-6:]
        if self.blank and data.strip():
            self.blank = False
        self.count += len(data)
        self.lines += data.count(b"\n")
        buffer[: len(data)] = data
        return len(data)


def _build(first: str, value: Any, events: Iterator[tuple[str, str, Any]]) -> Any:
    """The whole value that starts with event `first` (a map or array: read to its end)."""
    if first not in ("start_map", "start_array"):
        return value
    builder = ijson.ObjectBuilder()
    builder.event(first, value)
    depth = 1
    for _prefix, event, item in events:
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_DEPTH:
                raise ImportFileError("The JSON is nested too deeply to be a list of prompts.")
        elif event in ("end_map", "end_array"):
            depth -= 1
        builder.event(event, item)
        if depth == 0:
            return builder.value
    raise ImportFileError("The file is not valid JSON: it ends in the middle of a value.")


def _array(events: Iterator[tuple[str, str, Any]]) -> Iterator[Any]:
    for _prefix, event, value in events:
        if event == "end_array":
            return
        yield _build(event, value, events)  # an object, or anything else for the row to refuse


def _kind(value: Any) -> str:
    return type(value).__name__


def _top_map(events: Iterator[tuple[str, str, Any]]) -> Iterator[Any]:
    """A top-level object: the items of its prompt list as they come, or the object itself."""
    found = False
    kept: dict[str, Any] = {}
    for _prefix, event, value in events:
        if event == "end_map":
            break
        key = value  # event is "map_key"
        following = next(events, None)
        if following is None:
            break
        _prefix, event, value = following
        if key in LIST_KEYS and event == "start_array" and not found and not (_PROMPT_KEYS & kept.keys()):
            found = True
            yield from _array(events)
        else:
            kept[key] = _build(event, value, events)
    if found:
        return
    listed = next((k for k in LIST_KEYS if k in kept), None)
    if listed is not None and listed == "prompts":
        raise ImportFileError(
            f"The JSON is a {_kind(kept[listed])}; expected a list of prompts: {SHAPES_TRIED}."
        )
    yield kept  # one prompt (or not: shapes.classify says which shapes it was tried against)


class ReadAgain(Exception):  # noqa: N818 - control flow: read the file again with slow=True
    """The file holds surrogate escapes, which the fast parser does not keep."""


def items(stream: IO[bytes], *, limit: int, slow: bool = False) -> Iterator[Any]:
    """Every prompt-like value of the JSON in `stream` (see the module docstring), one at a time.
    Raises ReadAgain at the end when the file must be read again with `slow=True` (the caller drops
    what it had)."""
    reader = _Reader(stream, limit)
    backend = python_backend if slow else ijson
    try:
        yield from _values(backend.parse(io.BufferedReader(reader), multiple_values=True, use_float=True))
    except ijson.JSONError as exc:
        if reader.blank:
            raise ImportFileError("The file is empty.") from exc
        raise ImportFileError(_message(exc, reader)) from exc
    if reader.surrogates and not slow:
        raise ReadAgain


def _values(events: Iterator[tuple[str, str, Any]]) -> Iterator[Any]:
    seen = False
    for _prefix, event, value in events:
        seen = True
        if event == "start_array":
            yield from _array(events)
        elif event == "start_map":
            yield from _top_map(events)
        else:
            raise ImportFileError(f"The JSON is a {_kind(_scalar(value))}; expected {SHAPES_TRIED}.")
    if not seen:
        raise ImportFileError("The file is empty.")


def _scalar(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _message(exc: Exception, reader: _Reader) -> str:
    text = str(exc)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1].encode().decode("unicode_escape", "replace")
    first = text.split("\n", 1)[0].strip().removeprefix("parse error: ").removeprefix("lexical error: ")
    if "premature EOF" in first:
        first = "it ends in the middle of a value"
    return f"The file is not valid JSON: {first} (near line {reader.lines}, byte {reader.count})."
