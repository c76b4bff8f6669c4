"""The prompt objects other tools write, recognised by their keys and read into Ripple's fields.

Pure: one decoded JSON object in, the raw fields `rows.fill_row` checks out (plus any problem).
Each shape is taken from the tool's own schema or export:

    Ripple      {"title", "body", "purpose", "tags", "examples", ...}      (what Ripple exports)
    Open WebUI  older {"command": "/x", "title", "content"}; current {"command", "name", "content",
                "tags", "meta": {"description"}}                            (Workspace → Prompts → Export)
    LibreChat   a prompt group {"name", "oneliner", "category", "command",
                "productionPrompt": {"prompt", "type"}}                     (GET /api/prompts/groups)
    Langfuse    {"name", "type": "text"|"chat", "prompt": "…" or [{"role", "content"}, …],
                "labels", "tags", "version", "config"}              (GET /api/public/v2/prompts/{name})

Other tools' variable syntaxes are translated by dialects.translate_braces; a Langfuse chat prompt
becomes one body with a "## System" / "## User" / "## Assistant" heading before each message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ripple.library.importing.dialects import translate_braces

OPEN_WEBUI, LIBRECHAT, LANGFUSE, RIPPLE = "Open WebUI", "LibreChat", "Langfuse", "Ripple"
CHAT_ROLES = ("system", "developer", "user", "assistant")
# What each shape needs, for the message when an object fits none of them.
NEEDS = {
    RIPPLE: "a “body” (or a “title” with a “prompt” text)",
    OPEN_WEBUI: "a “content” with a “command”, “title” or “name”",
    LIBRECHAT: "a “productionPrompt” with its “prompt” text",
    LANGFUSE: "a “name” and a “prompt” (text or chat messages)",
}

Raw = dict[str, Any]


def _names(value: Any) -> list[str] | Any:
    """Tags as a list of text, from ["a", "b"] or [{"name": "a"}, ...]; anything else as it was."""
    if isinstance(value, list):
        return [v.get("name", "") if isinstance(v, dict) else v for v in value]
    return value


def shape_of(item: dict[str, Any]) -> str | None:
    """Which tool's prompt `item` is, or None when it fits none of them."""
    if "body" in item:
        return RIPPLE
    if "productionPrompt" in item:
        return LIBRECHAT
    if "prompt" in item and "title" in item and isinstance(item["prompt"], str):
        return RIPPLE
    if "prompt" in item and "name" in item:
        return LANGFUSE
    if "content" in item and any(k in item for k in ("command", "title", "name")):
        return OPEN_WEBUI
    return None


def misfit(item: dict[str, Any]) -> str:
    """Why `item` is none of the known prompts: the keys it has and what each shape needs."""
    keys = ", ".join(f"“{k}”" for k in list(item)[:8]) or "no keys"
    tried = "; ".join(f"{shape} needs {need}" for shape, need in NEEDS.items())
    return f"is not a prompt Ripple knows (it has {keys}): {tried}"


def _ripple(item: dict[str, Any]) -> tuple[Raw, list[str]]:
    return {**item, "body": item.get("body", item.get("prompt", ""))}, []


def _open_webui(item: dict[str, Any]) -> tuple[Raw, list[str]]:
    command = item.get("command")
    command = command.lstrip("/") if isinstance(command, str) else ""
    meta = item.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    content = item.get("content")
    return {
        "title": item.get("title") or item.get("name") or command,
        "body": translate_braces(content) if isinstance(content, str) else content,
        "purpose": meta.get("description", ""),
        "tags": _names(item.get("tags")),
        "origin_label": OPEN_WEBUI,
    }, []


def _librechat(item: dict[str, Any]) -> tuple[Raw, list[str]]:
    production = item.get("productionPrompt")
    text = production.get("prompt") if isinstance(production, dict) else None
    problems = [] if isinstance(text, str) else ["productionPrompt has no “prompt” text"]
    category = item.get("category")
    return {
        "title": item.get("name") or item.get("command") or "",
        "body": translate_braces(text) if isinstance(text, str) else "",
        "purpose": item.get("oneliner", ""),
        "tags": [category] if isinstance(category, str) and category.strip() else [],
        "origin_label": LIBRECHAT,
    }, problems


def chat_body(messages: list[Any]) -> tuple[str, list[str]]:
    """A chat prompt's messages as one body, each under a heading naming its role."""
    parts: list[str] = []
    problems: list[str] = []
    for number, message in enumerate(messages, 1):
        if not isinstance(message, dict):
            problems.append(f"chat message {number} is a {type(message).__name__}, not a message")
            continue
        if message.get("type") == "placeholder":  # Langfuse: messages inserted at run time
            name = str(message.get("name") or "messages")
            parts.append(f"## Placeholder: {name}\n\n{{{{{name}}}}}")
            continue
        role = message.get("role")
        content = message.get("content")
        if not isinstance(role, str) or role.strip().lower() not in CHAT_ROLES:
            shown = role if isinstance(role, str) else type(role).__name__
            problems.append(
                f"chat message {number} has the role “{shown}”; the roles are {', '.join(CHAT_ROLES)}"
            )
            continue
        if not isinstance(content, str):
            problems.append(f"chat message {number} ({role}) has no text content")
            continue
        parts.append(f"## {role.strip().capitalize()}\n\n{content.strip()}")
    return "\n\n".join(parts), problems


def _langfuse(item: dict[str, Any]) -> tuple[Raw, list[str]]:
    prompt = item.get("prompt")
    problems: list[str] = []
    if isinstance(prompt, list):
        body, problems = chat_body(prompt)
    elif isinstance(prompt, str):
        body = prompt
    else:
        body, problems = "", ["prompt must be text or a list of chat messages"]
    labels = item.get("labels")
    labels = labels if isinstance(labels, list) else []
    tags = item.get("tags")
    tags = tags if isinstance(tags, list) else []
    extra = [label for label in labels if isinstance(label, str) and label != "latest"]
    return {
        "title": item.get("name", ""),
        "body": translate_braces(body),
        "tags": [*tags, *extra],
        "origin_label": LANGFUSE,
    }, problems


READERS: dict[str, Callable[[dict[str, Any]], tuple[Raw, list[str]]]] = {
    RIPPLE: _ripple,
    OPEN_WEBUI: _open_webui,
    LIBRECHAT: _librechat,
    LANGFUSE: _langfuse,
}


def read(item: dict[str, Any]) -> tuple[str | None, Raw, list[str]]:
    """(shape, raw fields, problems) for one decoded object; shape None when it fits none."""
    shape = shape_of(item)
    if shape is None:
        return None, {}, [misfit(item)]
    raw, problems = READERS[shape](item)
    return shape, raw, problems
