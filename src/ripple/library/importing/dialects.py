"""Other tools' variable syntaxes, translated to Ripple's `{{name}}`, `{{name:default}}`, `{{name:a|b}}`.

Pure text in, text out; every function leaves what it does not recognise exactly as it was (the
parsers then escape any `{{` that is still not a valid Ripple variable, so it stays literal text).

    prompts.chat   ${Name}  ${Name:default}  ${db:a | b}  → {{Name}}  {{Name:default}}  {{db:a|b}}
                   (a `${…}` whose name is not a Ripple name, e.g. JavaScript's
                   `${error.message ?? x}`, stays literal text)
    LibreChat      {{name}}  {{name:a|b|c}}           → the same (Ripple's syntax)
                   {{name:multiline}} and other bare input modifiers → {{name}}
    Open WebUI     {{name | select:options=["a","b"]:default="b"}}  → {{name:b|a}}
                   {{name | text:default="x"}}, {{n | number:default=5}} → {{name:x}}, {{n:5}}
                   {{name | textarea:placeholder="…"}} → {{name}}
    system values  {{CURRENT_DATE}}, {{current_user}}, {{CLIPBOARD}}, … → Ripple's built-in names
                   (library.variables.BUILTINS), filled in when the prompt is used
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import ValidationError

from ripple.library.variables import BUILTIN_ALIASES, NAME_MAX, parse_variables

_NAME = re.compile(r"^[^\W\d][\w .\-/]*$", re.UNICODE)
# prompts.chat's own pattern: ${name} or ${name:default}, the name without ":" or "}".
_DOLLAR = re.compile(r"\$\{([^:}\n]+)(?::([^}\n]*))?\}")
_BRACES = re.compile(r"(?<!\\)\{\{([^{}\n]*)\}\}")
# Input modifiers other tools write after a colon, meaning "what kind of field", not a default.
MODIFIERS = frozenset({"multiline", "textarea", "text", "required", "optional", "long", "short", "input"})
_PROPERTY = re.compile(r':?\s*([A-Za-z_]+)\s*=\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^:]*)')


def _valid_name(name: str) -> bool:
    return bool(name) and len(name) <= NAME_MAX and bool(_NAME.match(name))


def _variable(name: str, default: str = "", choices: list[str] | None = None) -> str:
    """`{{name…}}` for a name and default/choices, or "" when Ripple could not read it back."""
    name = " ".join(name.split())
    if not _valid_name(name):
        return ""
    choices = [c.strip() for c in (choices or []) if c.strip()]
    if choices:
        if default.strip() in choices:  # Ripple's first choice is the default
            choices.remove(default.strip())
            choices.insert(0, default.strip())
        text = "{{" + name + ":" + "|".join(dict.fromkeys(choices)) + "}}"
    elif default.strip() and "}}" not in default:
        text = "{{" + name + ":" + " ".join(default.split()) + "}}"
    else:
        text = "{{" + name + "}}"
    try:
        parse_variables(text)
    except ValidationError:
        return "{{" + name + "}}"
    return text


def builtin_name(name: str) -> str | None:
    """Ripple's built-in for another tool's system variable (`CURRENT_DATE` → `current_date`)."""
    return BUILTIN_ALIASES.get(name.strip().casefold())


def from_prompts_chat(body: str) -> str:
    """A prompts.chat body in Ripple's syntax: `${…}` made variables. (Some prompts.chat authors write
    `{{name}}` too; those stay variables, and any other `{{` is escaped by the parser as usual.)"""
    defaults: dict[str, str] = {}

    def convert(match: re.Match[str]) -> str:
        name, default = match.group(1).strip(), (match.group(2) or "").strip()
        if not _valid_name(" ".join(name.split())):
            return match.group(0)
        key = name.casefold()
        if key in defaults and defaults[key] != default:
            default = ""  # prompts.chat: the first occurrence's default wins
        defaults.setdefault(key, default)
        builtin = builtin_name(name)
        if builtin:
            return "{{" + builtin + "}}"
        choices = [c.strip() for c in default.split("|")] if "|" in default else None
        return _variable(name, "" if choices else default, choices) or match.group(0)

    return _DOLLAR.sub(convert, body)


def _open_webui(name: str, spec: str) -> str:
    """`{{name | type:prop=value:…}}` (Open WebUI's typed input) as a Ripple variable."""
    kind, _, rest = spec.strip().partition(":")
    props: dict[str, str] = {}
    for key, value in _PROPERTY.findall(":" + rest):
        props[key.lower()] = value.strip()
    options: list[str] = []
    if "options" in props:
        try:
            loaded = json.loads(props["options"])
            options = [str(o) for o in loaded] if isinstance(loaded, list) else []
        except ValueError:
            options = [o.strip().strip("\"'") for o in props["options"].strip("[]").split(",")]
    default = props.get("default", "")
    if default.startswith('"') and default.endswith('"') and len(default) >= 2:
        try:
            default = str(json.loads(default))
        except ValueError:
            default = default[1:-1]
    if kind.strip().lower() == "checkbox" and not options:
        options, default = ["yes", "no"], "yes" if default.lower() in ("true", "yes") else "no"
    return _variable(name, default, options)


def translate_braces(body: str) -> str:
    """`{{…}}` of LibreChat, Open WebUI and Langfuse made Ripple variables: typed inputs become
    defaults and choices, bare modifiers are dropped, system values become Ripple's built-ins.
    Anything else is left as it is."""

    def convert(match: re.Match[str]) -> str:
        inner = match.group(1)
        name, bar, spec = inner.partition("|")
        if bar and ":" not in name:  # Open WebUI: {{name | type:...}}; LibreChat's a|b has a colon first
            return _open_webui(name.strip(), spec) or match.group(0)
        name, colon, default = inner.partition(":")
        builtin = builtin_name(name)
        if builtin and not colon:
            return "{{" + builtin + "}}"
        if colon and default.strip().casefold() in MODIFIERS:
            return _variable(name) or match.group(0)
        return match.group(0)

    return _BRACES.sub(convert, body)
