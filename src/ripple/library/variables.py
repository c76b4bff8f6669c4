"""`{{variables}}` in prompt bodies.

    {{name}}              a blank to fill in
    {{name:default}}      with a default value
    {{name:one|two|three}}  a choice (the first is the default)
    \\{{                   a literal "{{" (not a variable)

A name starts with a letter or underscore and may hold letters, digits, spaces, `_ - . /`
(at most 60 characters). The same name may appear more than once; it is one variable.
static/library/prompt.js mirrors `fill` for the live preview; keep the two in step.

Built-ins (`BUILTINS`) are variables Ripple fills in itself when a person uses the prompt — today's
date, their name, … — so prompts from tools with system variables ({{CURRENT_DATE}} in Open WebUI,
{{current_user}} in LibreChat) keep working. `{{clipboard}}` and `{{user_location}}` cannot be known
by the server: the form asks the person for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError

NAME_MAX = 60
VALUE_MAX = 20_000
_NAME = re.compile(r"^[^\W\d][\w .\-/]*$", re.UNICODE)
_OPEN, _CLOSE, _ESCAPED = "{{", "}}", "\\{{"


@dataclass(frozen=True)
class Variable:
    name: str
    default: str = ""
    choices: tuple[str, ...] = field(default_factory=tuple)
    offset: int = 0  # where it first appears in the body (characters)

    @property
    def label(self) -> str:
        builtin = BUILTINS.get(self.name.casefold())
        return builtin or self.name.replace("_", " ").strip().capitalize()

    @property
    def builtin(self) -> bool:
        """Filled in by Ripple when the prompt is used (today's date, the person's name, …)."""
        return self.name.casefold() in BUILTINS and not (self.default or self.choices)

    @property
    def asks_person(self) -> bool:
        """A built-in the server cannot know (the clipboard): the form asks for it."""
        return self.name.casefold() in _NOT_KNOWN_HERE


@dataclass(frozen=True)
class _Token:
    start: int
    end: int  # exclusive, after "}}"
    variable: Variable


# Ripple's built-in variables: name → what the "use this prompt" form says it holds.
BUILTINS = {
    "current_date": "Today's date",
    "current_time": "The time now",
    "current_datetime": "Today's date and the time",
    "iso_datetime": "The date and time (ISO 8601)",
    "current_weekday": "Today's day of the week",
    "current_timezone": "Your time zone",
    "current_user": "Your name",
    "user_language": "Your language",
    "user_location": "Where you are (type it in)",
    "clipboard": "What you copied (paste it in)",
}
# Other tools' system variables (compared case-insensitively) → the built-in.
BUILTIN_ALIASES = {name: name for name in BUILTINS} | {
    "user_name": "current_user",
    "current_user_name": "current_user",
    "today": "current_date",
    "date": "current_date",
}
_NOT_KNOWN_HERE = {"user_location", "clipboard"}


def builtin_values(*, name: str, now: datetime, language: str = "") -> dict[str, str]:
    """The values of the built-ins the server knows, for a person called `name` at `now` (aware, in
    their time zone)."""
    return {
        "current_date": now.strftime("%Y-%m-%d"),
        "current_time": now.strftime("%H:%M"),
        "current_datetime": now.strftime("%Y-%m-%d %H:%M"),
        "iso_datetime": now.isoformat(timespec="seconds"),
        "current_weekday": now.strftime("%A"),
        "current_timezone": str(now.tzinfo or ""),
        "current_user": name,
        "user_language": language,
    }


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _error(body: str, offset: int, message: str) -> ValidationError:
    line, column = position(body, offset)
    return ValidationError(
        f"Line {line}, column {column}: {message}",
        code="malformed_variable",
        params={"line": line, "column": column, "offset": offset},
    )


def _parse_one(body: str, start: int, inner: str) -> Variable:
    name, sep, spec = inner.partition(":")
    name = name.strip()
    shown = "{{" + inner + "}}"
    if not name:
        raise _error(body, start, f"{shown} has no name; write e.g. {{{{customer_name}}}}.")
    if len(name) > NAME_MAX:
        raise _error(body, start, f"the variable name is longer than {NAME_MAX} characters.")
    if not _NAME.match(name):
        raise _error(
            body,
            start,
            f"{shown} is not a valid variable: a name starts with a letter and holds only letters, "
            "digits, spaces and _ - . / (write \\{{ for literal braces).",
        )
    if not sep:
        return Variable(name=name, offset=start)
    spec = spec.strip()
    if not spec:
        raise _error(body, start, f"{shown} has a colon but no default; write a default after it or drop it.")
    if "|" in spec:
        choices = tuple(c.strip() for c in spec.split("|"))
        if any(not c for c in choices):
            raise _error(body, start, f"{shown} has an empty choice between the | signs.")
        if len(set(choices)) != len(choices):
            raise _error(body, start, f"{shown} lists the same choice twice.")
        return Variable(name=name, default=choices[0], choices=choices, offset=start)
    return Variable(name=name, default=spec, offset=start)


def _tokens(body: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while True:
        start = body.find(_OPEN, i)
        if start < 0:
            return tokens
        if start > 0 and body[start - 1] == "\\":
            i = start + 2
            continue
        end = body.find(_CLOSE, start + 2)
        if end < 0:
            raise _error(body, start, "this {{ is never closed with }} (write \\{{ for literal braces).")
        inner = body[start + 2 : end]
        nested = inner.find(_OPEN)
        if nested >= 0:
            raise _error(body, start, "this {{ is not closed before the next {{ opens.")
        if "\n" in inner:
            raise _error(body, start, "a variable must fit on one line.")
        tokens.append(_Token(start, end + 2, _parse_one(body, start, inner)))
        i = end + 2


def parse_variables(body: str) -> list[Variable]:
    """The distinct variables of `body` in order of first appearance; ValidationError (with the
    line and column) for a malformed one or for one name given two different defaults."""
    seen: dict[str, Variable] = {}
    for token in _tokens(body or ""):
        var = token.variable
        key = var.name.casefold()
        first = seen.get(key)
        if first is None:
            seen[key] = var
        elif (var.default or var.choices) and (var.default, var.choices) != (first.default, first.choices):
            if first.default or first.choices:
                raise _error(body, token.start, f"“{var.name}” already has a different default earlier on.")
            seen[key] = Variable(
                name=first.name, default=var.default, choices=var.choices, offset=first.offset
            )
    return list(seen.values())


def stored_variables(body: str) -> list[Variable]:
    """The variables of a stored body; [] if it is malformed (it got in around `prompt_create`, e.g. a
    bulk load), so a page or the API still shows the prompt as plain text instead of failing."""
    try:
        return parse_variables(body)
    except ValidationError:
        return []


def fill(body: str, values: dict[str, str]) -> str:
    """`body` with each variable replaced by its value in `values` (by name, case-insensitive), else its
    default; a variable with neither stays as {{name}}. Escaped braces become plain braces.
    A malformed body comes back as it is."""
    try:
        variables = {v.name.casefold(): v for v in parse_variables(body)}
    except ValidationError:
        return body
    given = {k.casefold(): str(v)[:VALUE_MAX] for k, v in values.items() if str(v).strip()}
    out: list[str] = []
    i = 0
    for token in _tokens(body or ""):
        out.append(body[i : token.start])
        key = token.variable.name.casefold()
        var = variables[key]
        out.append(given.get(key) or var.default or "{{" + var.name + "}}")
        i = token.end
    out.append(body[i:])
    return "".join(out).replace(_ESCAPED, _OPEN)


def escape_malformed(body: str) -> str:
    """`body` with every "{{" that does not start a valid variable escaped as "\\{{", so text from
    elsewhere (templates, JSX, Jinja) can be stored as a prompt while real variables keep working."""
    text = body or ""
    for _ in range(text.count(_OPEN) + 1):
        try:
            parse_variables(text)
            return text
        except ValidationError as exc:
            offset = int((exc.params or {})["offset"])
            # The offending "{{" (or the later of two clashing defaults) becomes literal text.
            text = text[:offset] + "\\" + text[offset:]
    return text


def rewrite(body: str, render: Callable[[Variable], str], *, literal_open: str = _OPEN) -> str:
    """`body` with each variable written by `render` (another tool's syntax, for an export) and each
    escaped "\\{{" written as `literal_open`. A malformed body comes back as it is."""
    try:
        tokens = _tokens(body or "")
    except ValidationError:
        return body
    out: list[str] = []
    i = 0
    for token in tokens:
        out.append(body[i : token.start].replace(_ESCAPED, literal_open))
        out.append(render(token.variable))
        i = token.end
    out.append(body[i:].replace(_ESCAPED, literal_open))
    return "".join(out)
