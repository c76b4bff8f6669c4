"""Reading a Slack workspace export, pure: no database. The zip is read through `core.uploads`
(`plan_zip` refuses bombs, paths outside the folder and links, in one walk of the zip's directory
that also notes where every day file is: `Meta.days`); each day file is parsed on its own with
orjson, so memory does not grow with the export. `convert` turns Slack markup into plain text,
`day_rows` a day file's messages into rows (system subtypes, bots and duplicates left out, by reason).
"""

from __future__ import annotations

import html
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any, NamedTuple

import orjson

from ripple.core import uploads
from ripple.feed import sensitive
from ripple.radar import detection

LIMITS = uploads.ZipLimits(
    archive_bytes=100 * uploads.MB, total_bytes=1024 * uploads.MB, ratio=100, members=100_000
)
DAY_FILE = re.compile(r"^([^/]+)/(\d{4}-\d{2}-\d{2})\.json$")
PRIVATE_FILES = ("dms.json", "mpims.json", "groups.json")

# Subtypes that are conversation; every other known one is a system event, skipped.
KEPT = {"", "thread_broadcast", "file_share", "me_message", "reply_broadcast"}
SYSTEM = {
    "channel_join",
    "channel_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "channel_convert_to_private",
    "channel_convert_to_public",
    "group_join",
    "group_leave",
    "group_topic",
    "group_purpose",
    "group_name",
    "group_archive",
    "group_unarchive",
    "pinned_item",
    "unpinned_item",
    "bot_add",
    "bot_remove",
    "bot_enable",
    "bot_disable",
    "reminder_add",
    "reminder_delete",
    "sh_room_created",
    "sh_room_shared",
    "huddle_thread",
    "channel_posting_permissions",
    "ekm_access_denied",
    "file_comment",
    "file_mention",
    "joiner_notification",
    "slackbot_response",
    "app_conversation_leave",
    "channel_canvas_updated",
    "share_shortcut",
    "emoji_added",
}
BOT_SUBTYPES = {"bot_message"}
DELETED = {"tombstone", "message_deleted"}


class ExportError(uploads.UploadError):
    """The export as a whole cannot be imported (missing users.json, a bad day file, …)."""


@dataclass(frozen=True)
class Meta:
    users: dict[str, dict[str, Any]]  # slack id -> {name, email, title, is_bot}
    channels: dict[str, dict[str, Any]]  # folder name -> {id, name, purpose, is_private}
    missing_private: tuple[str, ...] = ()
    # Where the listed channels' day files are in the zip's directory, folder by folder, each folder's
    # files by name (`uploads.plan_zip`): what `day_files` reads. Four bytes a file.
    days: array[int] = field(default_factory=lambda: array("I"), compare=False, hash=False)

    @property
    def names(self) -> dict[str, str]:
        return {u: v["name"] for u, v in self.users.items()}

    @property
    def channel_names(self) -> dict[str, str]:
        return {c["id"]: c["name"] for c in self.channels.values()}


class Row(NamedTuple):
    """A message as read (a tuple: an export has many)."""

    ts: str
    thread_ts: str
    user: str
    text: str
    reply_count: int
    reactions: int
    has_code: bool
    harvestable: bool
    edited: bool
    score: float
    signals: tuple[str, ...]
    is_reply: bool

    @property
    def posted_at(self) -> datetime:
        return ts_datetime(self.ts)


@dataclass
class Day:
    # Rows as `day_rows` makes them; from a reader process, plain tuples in Row's order (a named tuple
    # made again for each row was a tenth of the importer's unpacking): the writer unpacks them.
    rows: list[Row] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # ts of messages deleted since
    # What was left out, by reason: a Counter as `day_rows` counts; a plain dict when it came through
    # a reader's pipe (read, never added to: a Counter per day file was a tenth of the unpacking).
    skipped: dict[str, int] = field(default_factory=Counter)


def ts_datetime(ts: str) -> datetime:
    return datetime.fromtimestamp(float(ts), tz=UTC)


def _json(data: bytes, where: str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        reason = "is not UTF-8 text" if "utf-8" in str(exc).lower() else f"is not valid JSON ({exc})"
        raise ExportError(f"{where} {reason}.") from exc


def read_meta(stream: IO[bytes], *, include_private: tuple[str, ...] = ()) -> Meta:
    """users.json and channels.json (and groups.json only when private channels are listed), and
    where the listed channels' day files are: one walk of the zip's directory."""
    wanted = {"users.json", "channels.json"} | ({"groups.json"} if include_private else set())

    def group(name: str) -> str | None:
        if DAY_FILE.match(_strip_root(name)):
            return name[: name.rindex("/") + 1]  # the day file's folder
        return "" if _base(name) in wanted else None

    plan = uploads.plan_zip(stream, limits=LIMITS, group=group)
    found: dict[str, Any] = {}
    for member in uploads.read_planned(stream, plan.pop("", array("I")), limits=LIMITS):
        if member.problem:
            raise ExportError(f"{member.name} {member.problem}.")
        found[_base(member.name)] = _json(member.data, member.name)
    for name in ("users.json", "channels.json"):
        if name not in found:
            raise ExportError(f"The zip has no {name}; is this a Slack workspace export?")
        if not isinstance(found[name], list):
            raise ExportError(f"{name} is not a list of {name[:-6]}.")
    users = {}
    for entry in found["users.json"]:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            profile: dict[str, Any] = entry["profile"] if isinstance(entry.get("profile"), dict) else {}
            name = profile.get("real_name") or entry.get("real_name") or entry.get("name") or entry["id"]
            users[entry["id"]] = {
                "name": str(name)[:200],
                "email": str(profile.get("email") or "").strip().lower()[:254],
                "title": str(profile.get("title") or "")[:200],
                "is_bot": bool(entry.get("is_bot")) or entry["id"] == "USLACKBOT",
            }
    channels = _channels(found["channels.json"], private=False)
    missing: list[str] = []
    if include_private:
        private = _channels(found.get("groups.json") or [], private=True)
        for name in include_private:
            if name in private:
                channels[name] = private[name]
            elif name not in channels:
                missing.append(name)
    return Meta(users=users, channels=channels, missing_private=tuple(missing), days=_days(plan, channels))


def _days(plan: dict[str, array[int]], channels: dict[str, Any]) -> array[int]:
    """The day files of the listed channels, in name order: folder by folder (a folder's name ends in
    "/", so sorting the folders sorts their files' full names), each folder's files by name. The
    folders of channels not listed (private ones, DMs) are left out: never opened."""
    days = array(next(iter(plan.values())).typecode if plan else "I")
    for key in sorted(plan):
        if key[:-1].rsplit("/", 1)[-1] in channels:
            days.extend(plan.pop(key))
    return days


def _base(name: str) -> str:
    """A top-level file's name; exports zipped with their folder ("export/users.json") work too."""
    parts = name.split("/")
    return parts[-1] if len(parts) <= 2 and not DAY_FILE.match(name) else name


def _channels(entries: Any, *, private: bool) -> dict[str, dict[str, Any]]:
    out = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry.get("id"):
            purpose: dict[str, Any] = entry["purpose"] if isinstance(entry.get("purpose"), dict) else {}
            out[entry["name"]] = {
                "id": str(entry["id"])[:40],
                "name": entry["name"][:200],
                "purpose": str(purpose.get("value") or "")[:2000],
                "is_private": private,
            }
    return out


def day_files(
    stream: IO[bytes], meta: Meta, positions: Iterable[int] | None = None
) -> Iterator[uploads.ZipMember]:
    """The day files of the channels to read (`meta.days`: channel by channel, day by day; or those
    `positions` of them), one at a time. Folders of channels not listed (private ones, DMs) are never
    opened."""
    return uploads.read_planned(stream, meta.days if positions is None else positions, limits=LIMITS)


def _strip_root(name: str) -> str:
    parts = name.split("/")
    return "/".join(parts[-2:]) if len(parts) > 2 else name


def folder(name: str) -> str:
    return _strip_root(name).split("/", 1)[0]


def count_day_files(meta: Meta) -> int:
    """How many day files `day_files` will yield."""
    return len(meta.days)


# --- markup ----------------------------------------------------------------------------------------

_MARKUP = re.compile(r"<([^<>\n]{1,2000})>")
_CODE_BLOCK = re.compile(r"```(.*?)```", re.DOTALL)
_PROMPT_PATTERN = re.compile(r"(?im)^\s*(?:\*|_)?(?:prompt|system prompt|my prompt|the prompt)(?:\*|_)?\s*:")


def convert(text: str, users: dict[str, str], channels: dict[str, str]) -> str:
    """Slack's markup as plain text: <@U1> → @Name, <#C1|x> → #x, <url|label> → label (url),
    <!here> → @here, then &amp; &lt; &gt; unescaped."""

    def one(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or users.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or channels.get(target[1:], target[1:]))
        if target.startswith("!"):
            if target.startswith("!subteam^"):
                return label or "@group"
            if target.startswith("!date^"):
                return label or ""
            return "@" + (label or target[1:])
        if target.startswith("mailto:"):
            return label or target[7:]
        if label and label != target:
            return f"{label} ({target})"
        return target

    return html.unescape(_MARKUP.sub(one, text)) if "<" in text or "&" in text else text


def code_blocks(text: str) -> list[str]:
    return [block.strip() for block in _CODE_BLOCK.findall(text or "") if block.strip()]


def _has_prompt_line(text: str) -> bool:
    """Whether a line starts with "prompt:" (ASCII text without the word is ruled out at once)."""
    if text.isascii() and "prompt" not in text.lower():
        return False
    return _PROMPT_PATTERN.search(text) is not None


def prompt_after_marker(text: str) -> str:
    """The text after a "prompt:" line start, or ""."""
    match = _PROMPT_PATTERN.search(text or "")
    return text[match.end() :].strip() if match else ""


# --- a day file ------------------------------------------------------------------------------------


def day_rows(
    data: bytes,
    where: str,
    *,
    meta_names: dict[str, str],
    channel_names: dict[str, str],
    include_bots: bool,
    bots: frozenset[str] = frozenset(),
    analyse: bool = True,
    plain: bool = False,
) -> Day:
    """A day file's messages as rows; ExportError naming the file if it cannot be read. Without
    `analyse` (a check that only wants the errors) texts are neither redacted nor scored. With `plain`
    the rows are plain tuples in `Row`'s field order (a reader process sends them so: pickle takes a
    named tuple through a Python call each; the importer makes them rows again)."""
    make: Any = tuple if plain else Row._make
    messages = _json(data, where)
    if not isinstance(messages, list):
        raise ExportError(f"{where} is not a list of messages.")
    day = Day()
    seen: set[str] = set()
    for message in messages:
        if not isinstance(message, dict):
            raise ExportError(f"{where} holds something that is not a message.")
        subtype = message.get("subtype") or ""
        if subtype == "message_changed" and isinstance(message.get("message"), dict):
            message, subtype = message["message"], ""
            message.setdefault("edited", {"ts": "changed"})
        ts = message.get("ts")
        if not isinstance(ts, str) or not _TS.match(ts):
            day.skipped["messages without a valid timestamp"] += 1
            continue
        ts = _norm(ts)
        if subtype in DELETED:
            day.deleted.append(ts)
            day.skipped["deleted messages"] += 1
            continue
        if subtype in SYSTEM:
            day.skipped["system messages (joins, leaves, topics…)"] += 1
            continue
        is_bot = bool(message.get("bot_id")) or message.get("user") in bots
        if subtype in BOT_SUBTYPES or is_bot:
            if not include_bots:
                day.skipped["bot messages"] += 1
                continue
        elif subtype not in KEPT:
            day.skipped[f"messages of unknown subtype “{str(subtype)[:40]}”"] += 1
            continue
        user = message.get("user") or message.get("bot_id")
        if not isinstance(user, str):
            day.skipped["messages without an author"] += 1
            continue
        if ts in seen:
            day.skipped["duplicates (thread broadcasts counted once)"] += 1
            continue
        seen.add(ts)
        raw = message.get("text")
        text = convert(raw if isinstance(raw, str) else "", meta_names, channel_names)
        if analyse:
            text = sensitive.redact(text)
        thread_ts = message.get("thread_ts") if isinstance(message.get("thread_ts"), str) else ""
        scored = detection.score(text) if analyse else detection.Score(0.0, ())
        reactions = message.get("reactions")
        count = 0
        if isinstance(reactions, list):
            for r in reactions:
                if isinstance(r, dict):
                    n = r.get("count")
                    count += n if isinstance(n, int) and 0 <= n < 100_000 else len(r.get("users") or [])
        replies = message.get("reply_count")
        code = detection.has_code(text)
        parent_ts = _norm(thread_ts) if thread_ts and _TS.match(thread_ts) else ""
        day.rows.append(
            make(
                (
                    ts,
                    parent_ts,
                    user[:40],
                    text,
                    replies if isinstance(replies, int) and 0 <= replies < 1_000_000 else 0,
                    min(count, 1_000_000),
                    code,
                    code or _has_prompt_line(text),
                    bool(message.get("edited")),
                    scored.score,
                    scored.signals,
                    bool(parent_ts) and parent_ts != ts,
                )
            )
        )
    return day


_TS = re.compile(r"^\d{9,10}\.\d{1,6}$")


def _norm(ts: str) -> str:
    """One spelling per timestamp (10 digits, a dot, 6 digits), so equal stamps compare equal and sort."""
    if len(ts) == 17 and ts[10] == ".":  # (a valid ts, _TS) spelled so already, as Slack spells them
        return ts
    seconds, _, fraction = ts.partition(".")
    return f"{seconds.zfill(10)}.{fraction.ljust(6, '0')}"
