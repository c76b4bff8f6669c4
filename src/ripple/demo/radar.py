"""The demo's Slack workspace: a generated export (the real format: users.json, channels.json, one
folder per channel of YYYY-MM-DD.json) imported through the radar, so pockets, connectors and the
harvest queue show something real. Six months of threads in #sales-ai (growing), #eng-copilot,
#ops-automation, #random, #general and #finance-models (a trap: financial models, prompt payments),
people matching the demo organization's emails plus a few contractors nobody matched, a private
channel and DMs that are never read. `generate` also writes the benchmark's 200,000-message export.

Deterministic for a seed (dates relative to today) and idempotent: nothing is added when the radar
already has channels.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import orjson

from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL
from ripple.people.models import User

TOOLS = ["ChatGPT", "Copilot", "Claude", "Gemini", "Perplexity"]
TASKS = [
    "follow-up emails after discovery calls",
    "meeting notes",
    "the weekly status report",
    "release notes",
    "job descriptions",
    "customer replies",
    "the QBR deck outline",
    "test cases from user stories",
    "SQL for the churn report",
    "a summary of the survey comments",
    "competitor research",
    "proposal drafts",
    "translating support macros",
    "the onboarding checklist",
    "code review comments",
    "Excel formulas",
]
AI_ROOTS = [
    "Has anyone got a good {tool} prompt for {task}?",
    "How do you stop {tool} from making things up when you ask it about {task}?",
    "Tried {tool} for {task} today, it saved me about {n} minutes. Anyone else using it for this?",
    "What's the best way to prompt {tool} for {task}? Mine come out too generic",
    "AI fail: {tool} invented a number in {task}, check everything it writes",
    "Is {tool} approved for {task} with client data, or should we use the Copilot licence?",
    "Quick win: {tool} drafted {task} in five minutes",
]
AI_ANSWERS = [
    "Give it two examples of what good looks like, few-shot works much better",
    "I tell it who the audience is and ask it to list its assumptions first",
    'Paste the source text in and say "only use this document", the hallucinations mostly stop',
    "Ask it for three options and pick one, the first answer is rarely the best",
    "I use {tool} for that every week, the trick is a clear format in the prompt",
    "Set the tone in a system prompt once and reuse it, saves retyping",
    "Works for me, but I always check the numbers against the CRM",
    "Copilot in Outlook does this too if you open the thread first",
]
PROMPTS = [
    "Summarise these call notes into a follow-up email: thank them, restate the three problems they "
    "named, propose one next step with a date. Under 150 words, no jargon.",
    "You are a senior engineer. Review this diff for bugs, security issues and unclear names. List "
    "findings by severity with the line number; skip style nits.",
    "Turn these commit messages into customer-facing release notes grouped by feature. Skip refactors "
    "and tests. Plain English, one line each.",
    "Rewrite this job description so it is inclusive, lists at most six requirements and says what the "
    "first 90 days look like.",
    "Read the survey comments below and give the five main themes with a count and one quote each. "
    "Say which comments you could not place.",
]
CHATTER = [
    "Lunch is in the kitchen, help yourselves",
    "Anyone going to the football tonight?",
    "Who has the projector remote?",
    "Happy Friday everyone!",
    "The coffee machine is broken again",
    "Reminder: timesheets are due by 5pm",
    "Welcome to the team, {name}!",
    "The car park is closed tomorrow",
    "Great job on the launch everyone",
    "Does anyone have a spare HDMI cable?",
]
FINANCE = [
    "The three-statement model needs the updated revenue forecast before Friday",
    "Please make sure the Acme invoices get prompt payment, they are chasing",
    "The DCF model gives 12m at an 8% discount rate, can someone check the terminal value?",
    "Our pricing model assumes 3% churn a month, is that still right?",
    "Budget model v4 is in the drive",
    "Thanks for the prompt reply on the accruals",
]
ANSWERS_PLAIN = [
    "Thanks!",
    "On it",
    "Will check and come back to you",
    "+1",
    "Good point",
    "Done, see the drive",
]

# name: (purpose, AI share, messages per week at the start, at the end)
CHANNELS: dict[str, tuple[str, float, float, float]] = {
    "sales-ai": ("Sales people trying AI on real deals", 0.85, 4, 22),
    "eng-copilot": ("GitHub Copilot, Cursor and friends", 0.8, 14, 18),
    "ops-automation": ("Automating the boring parts of operations", 0.45, 4, 8),
    "random": ("Anything and everything", 0.08, 12, 12),
    "general": ("Company announcements", 0.05, 6, 6),
    "finance-models": ("Forecasts, budgets and financial models", 0.0, 6, 6),
}
CONTRACTORS = [
    ("Sam Contractor", "sam@agency.example"),
    ("Riya Freelance", "riya@freelance.example"),
    ("Theo Temp", "theo@temps.example"),
]


def _ts(at: datetime, n: int) -> str:
    return f"{at.timestamp():.0f}.{n % 1_000_000:06d}"


def _text(rng: random.Random, pool: list[str], name: str = "") -> str:
    return rng.choice(pool).format(
        tool=rng.choice(TOOLS), task=rng.choice(TASKS), n=rng.choice((10, 20, 30, 45, 60)), name=name
    )


def _threads(
    rng: random.Random, channel: str, users: list[str], start: datetime, weeks: int, scale: float
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(day, messages) for one channel, roots and replies on the day they were posted."""
    _purpose, ai_share, first, last = CHANNELS[channel]
    counter = 0
    for week in range(weeks):
        rate = (first + (last - first) * week / max(weeks - 1, 1)) * scale
        days: dict[str, list[dict[str, Any]]] = {}
        for _ in range(int(rate) + (rng.random() < rate % 1)):
            posted = start + timedelta(
                weeks=week, days=rng.randrange(5), minutes=rng.randrange(9 * 60, 18 * 60)
            )
            counter += 1
            asker = rng.choice(users)
            ai = rng.random() < ai_share
            if channel == "finance-models":
                root_text = _text(rng, FINANCE)
            elif ai:
                root_text = _text(rng, AI_ROOTS)
            else:
                root_text = _text(rng, CHATTER, name=rng.choice(users))
            root_ts = _ts(posted, counter)
            replies = []
            for r in range(rng.choice((0, 1, 2, 2, 3, 4)) if ai else rng.choice((0, 0, 1))):
                counter += 1
                helper = rng.choice([u for u in users if u != asker] or users)
                if ai and rng.random() < 0.18:
                    text = f"Here's the prompt I use:\n```{rng.choice(PROMPTS)}```"
                elif ai:
                    text = _text(rng, AI_ANSWERS)
                else:
                    text = rng.choice(ANSWERS_PLAIN)
                reply: dict[str, Any] = {
                    "type": "message",
                    "user": helper,
                    "text": text,
                    "ts": _ts(posted + timedelta(minutes=5 + 7 * r), counter),
                    "thread_ts": root_ts,
                    "parent_user_id": asker,
                }
                if rng.random() < 0.5:
                    reply["reactions"] = [
                        {"name": "raised_hands", "count": rng.randint(1, 6), "users": [asker]}
                    ]
                replies.append(reply)
            root: dict[str, Any] = {"type": "message", "user": asker, "text": root_text, "ts": root_ts}
            if replies:
                root.update(
                    thread_ts=root_ts,
                    reply_count=len(replies),
                    replies=[{"user": r["user"], "ts": r["ts"]} for r in replies],
                )
            day = posted.strftime("%Y-%m-%d")
            days.setdefault(day, []).extend([root, *replies])
            if rng.random() < 0.05:
                days[day].append(
                    {
                        "type": "message",
                        "subtype": "channel_join",
                        "user": asker,
                        "text": f"<@{asker}> has joined the channel",
                        "ts": _ts(posted, counter + 500_000),
                    }
                )
        yield from sorted(days.items())


def generate(
    target: IO[bytes] | Path,
    *,
    people: list[tuple[str, str]],
    rng: random.Random,
    weeks: int = 26,
    scale: float = 1.0,
    copies: int = 1,
    end: datetime | None = None,
) -> int:
    """Write an export of `people` (name, email) over `weeks` to `target`; returns the messages written.
    `scale` multiplies every channel's weekly rate (denser days); `copies` repeats the set of channels
    (`sales-ai`, `sales-ai-2`, …): a bigger workspace, each day file as big as at 1× (the benchmark's
    big exports)."""
    end = end or datetime.now(tz=UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    start = end - timedelta(weeks=weeks)
    ids = [f"U{n:07d}" for n in range(len(people))]
    users: list[dict[str, Any]] = [
        {
            "id": uid,
            "name": email.split("@")[0],
            "real_name": name,
            "profile": {"real_name": name, "email": email, "title": ""},
        }
        for uid, (name, email) in zip(ids, people, strict=True)
    ]
    users.append(
        {"id": "USLACKBOT", "name": "slackbot", "is_bot": True, "profile": {"real_name": "Slackbot"}}
    )
    names = [(name, name if k == 1 else f"{name}-{k}") for k in range(1, copies + 1) for name in CHANNELS]
    channels = [
        {"id": f"C{n:06d}", "name": shown, "purpose": {"value": CHANNELS[name][0]}, "is_archived": False}
        for n, (name, shown) in enumerate(names)
    ]
    written = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.json", orjson.dumps(users))
        archive.writestr("channels.json", orjson.dumps(channels))
        archive.writestr("groups.json", orjson.dumps([{"id": "G000001", "name": "leadership"}]))
        archive.writestr("dms.json", orjson.dumps([{"id": "D000001", "members": ids[:2]}]))
        archive.writestr(
            "leadership/2026-01-05.json",
            orjson.dumps(
                [{"type": "message", "user": ids[0], "text": "Private: the reorg plan", "ts": _ts(start, 1)}]
            ),
        )
        for channel, shown in names:
            members = rng.sample(
                ids, k=min(len(ids), 24 if channel not in ("random", "general") else len(ids))
            )
            for day, messages in _threads(rng, channel, members, start, weeks, scale):
                archive.writestr(f"{shown}/{day}.json", orjson.dumps(messages))
                written += sum(1 for m in messages if not m.get("subtype"))
    return written


def build_radar(*, rng: random.Random) -> None:
    from ripple.radar import actions
    from ripple.radar.models import Channel

    if Channel.objects.exists():
        return
    staff = list(
        User.objects.filter(is_active=True)
        .exclude(email=ADMIN_EMAIL)
        .order_by("pk")
        .values_list("name", "email")[:45]
    )
    member = User.objects.filter(email=MEMBER_EMAIL).values_list("name", "email").first()
    if member and member not in staff:
        staff.append(member)
    buffer = io.BytesIO()
    generate(buffer, people=[*staff, *CONTRACTORS], rng=rng)
    buffer.seek(0)
    actions.import_export(stream=buffer, name="acme-slack-export.zip")
