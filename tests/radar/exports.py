"""Build Slack export zips for the tests: users.json, channels.json and day files from plain dicts."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

USERS = [
    {"id": "U1", "name": "ana", "profile": {"real_name": "Ana Asker", "email": "ana@example.org"}},
    {"id": "U2", "name": "ben", "profile": {"real_name": "Ben Helper", "email": "ben@example.org"}},
    {"id": "U3", "name": "cy", "profile": {"real_name": "Cy Unmatched", "email": "cy@elsewhere.test"}},
    {"id": "B1", "name": "deploybot", "is_bot": True, "profile": {"real_name": "Deploy Bot"}},
]
CHANNELS = [
    {"id": "C1", "name": "eng-copilot", "purpose": {"value": "Copilot tips"}},
    {"id": "C2", "name": "random", "purpose": {"value": ""}},
]


def ts(day: int, second: int = 0) -> str:
    """A Slack ts on 2026-03-<day> at 09:00 + second."""
    return f"{datetime(2026, 3, day, 9, 0, second, tzinfo=UTC).timestamp():.6f}"


def msg(user: str, text: str, when: str, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "user": user, "text": text, "ts": when, **extra}


def thread(day: int) -> list[dict[str, Any]]:
    """An AI thread: Ana asks, Ben and Cy answer, Ben's answer has a prompt in a code block."""
    root = ts(day)
    return [
        msg(
            "U1",
            "How do I get ChatGPT to write release notes from our commits?",
            root,
            thread_ts=root,
            reply_count=2,
            replies=[{"user": "U2", "ts": ts(day, 5)}, {"user": "U3", "ts": ts(day, 9)}],
        ),
        msg(
            "U2",
            "I use this prompt "
            "```Summarise these commits for customers, grouped by feature. Skip refactors.```",
            ts(day, 5),
            thread_ts=root,
            parent_user_id="U1",
            reactions=[{"name": "+1", "users": ["U1", "U3"], "count": 2}],
        ),
        msg("U3", "Copilot chat does this too if you paste the git log into it", ts(day, 9), thread_ts=root),
    ]


def export(
    days: dict[str, list[dict[str, Any]]] | None = None,
    *,
    users: list[dict[str, Any]] | None = None,
    channels: list[dict[str, Any]] | None = None,
    extra: dict[str, bytes] | None = None,
    leave_out: tuple[str, ...] = (),
) -> bytes:
    """A zip with the given day files ({"eng-copilot/2026-03-02.json": [messages]})."""
    days = days if days is not None else {"eng-copilot/2026-03-02.json": thread(2)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if "users.json" not in leave_out:
            archive.writestr("users.json", json.dumps(users if users is not None else USERS))
        if "channels.json" not in leave_out:
            archive.writestr("channels.json", json.dumps(channels if channels is not None else CHANNELS))
        for name, messages in days.items():
            archive.writestr(name, json.dumps(messages))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()
