"""After messages are written: threads get their score, their messages count as AI conversation or
not, answers in AI threads become learning events (for people matched to Ripple people), and AI
messages with a code block, a "prompt:" line or many reactions become harvest candidates."""

from __future__ import annotations

import difflib
import re
from typing import Any

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery

from ripple.core import ledger
from ripple.core.search import rank
from ripple.library.models import PROMPT_SEARCH, Prompt, Visibility
from ripple.radar import detection, slack
from ripple.radar.kinds import Learned
from ripple.radar.models import Channel, HarvestCandidate, HarvestKind, Message, SlackImport

BATCH = 500
WELL_REACTED = 3
SAME_AS_LIBRARY = 0.9  # body similarity at which a candidate is the library's prompt again


def settle_channel(*, channel: Channel, job: SlackImport) -> None:
    """Link this import's replies to their thread's first message, then score the threads it touched."""
    Message.objects.filter(channel=channel, is_reply=True, parent__isnull=True).update(
        parent=Subquery(
            Message.objects.filter(channel=channel, ts=OuterRef("thread_ts"), is_reply=False).values("pk")[:1]
        )
    )
    roots = set(
        Message.objects.filter(channel=channel, imported_by=job, is_reply=False, reply_count__gt=0).values_list(
            "pk", flat=True
        )
    )
    roots |= set(
        Message.objects.filter(channel=channel, imported_by=job, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    ordered = sorted(roots)
    for start in range(0, len(ordered), BATCH):
        _score_threads(ordered[start : start + BATCH])


def _score_threads(root_ids: list[int]) -> None:
    replies: dict[int, list[tuple[float, list[str]]]] = {}
    for parent_id, score, signals in Message.objects.filter(parent_id__in=root_ids).values_list(
        "parent_id", "score", "signals"
    ):
        replies.setdefault(parent_id, []).append((score, signals))
    roots = list(Message.objects.filter(pk__in=root_ids).only("pk", "score", "signals", "is_ai"))
    ai, not_ai = [], []
    for root in roots:
        answers = replies.get(root.pk, [])
        root.thread_score = detection.thread_score(root.score, [s for s, _ in answers])
        fired = list(root.signals)
        for _score, signals in sorted(answers, key=lambda a: -a[0])[:3]:
            fired.extend(s for s in signals if s not in fired)
        root.thread_signals = fired[:8]
        thread_ai = root.thread_score >= detection.THRESHOLD
        root.in_ai = thread_ai or root.is_ai
        (ai if thread_ai else not_ai).append(root.pk)
    Message.objects.bulk_update(roots, ["thread_score", "thread_signals", "in_ai"], batch_size=BATCH)
    Message.objects.filter(parent_id__in=ai).update(in_ai=True)
    Message.objects.filter(parent_id__in=not_ai).update(in_ai=F("is_ai"))


def record_answers() -> int:
    """One learning event per answer in an AI thread whose two people are Ripple people (asker ←
    answerer), not yet recorded: after an import, and after an admin links an identity (so links
    apply to the past)."""
    pending = (
        Message.objects.filter(
            learned=False, in_ai=True, is_reply=True, author__user__isnull=False,
            parent__author__user__isnull=False,
        )  # fmt: skip
        .exclude(author_id=F("parent__author_id"))
        .select_related("author__user", "parent__author__user")
        .order_by("pk")
    )
    done: list[int] = []
    count = 0
    for message in pending.iterator(chunk_size=BATCH):
        assert message.author is not None and message.parent is not None  # noqa: S101 - filtered above
        assert message.parent.author is not None  # noqa: S101
        event = ledger.record(
            kind=Learned.SLACK_ANSWER, learner=message.parent.author.user, source=message.author.user,
            obj=message, at=message.posted_at,
        )  # fmt: skip
        count += event is not None
        done.append(message.pk)
    for start in range(0, len(done), BATCH):
        Message.objects.filter(pk__in=done[start : start + BATCH]).update(learned=True)
    return count


# --- the harvest queue ----------------------------------------------------------------------------

_SENTENCE = re.compile(r"^(.{8,120}?[.!?:])(?:\s|$)")


def _title(text: str, channel: str) -> str:
    plain = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    plain = re.sub(r"(?im)^\s*[*_]?(?:system prompt|my prompt|the prompt|prompt)[*_]?\s*:", "", plain)
    plain = " ".join(plain.split())
    match = _SENTENCE.match(plain)
    title = (match.group(1) if match else plain[:80]).strip(" :")
    if len(title) < 8:
        return f"From #{channel}"
    return title[:120] if len(title) <= 120 else title[:117] + "…"


def candidate_for(message: Message) -> dict[str, Any] | None:
    """What the message offers the library (a prompt: code block or "prompt:" line) or the feed (a
    tip: many reactions), or None when there is too little to keep."""
    blocks = slack.code_blocks(message.text)
    marked = slack.prompt_after_marker(message.text)
    why = []
    if blocks:
        why.append("code block")
    if marked:
        why.append("“prompt:” line")
    if message.reactions >= WELL_REACTED:
        why.append(f"{message.reactions} reactions")
    if blocks or marked:
        body = max(blocks, key=len) if blocks else marked
        kind = HarvestKind.PROMPT
    elif message.reactions >= WELL_REACTED:
        body, kind = message.text.strip(), HarvestKind.TIP
    else:
        return None
    if len(body) < 20:
        return None
    return {"kind": kind, "body": body[:20_000], "why": why, "title": _title(message.text, message.channel.name)}


def _similar(title: str, body: str) -> tuple[int | None, bool]:
    """The library's best match for a candidate (by the library's ranking) and whether it is the
    same prompt again."""
    public = Prompt.objects.filter(deleted_at__isnull=True, visibility=Visibility.EVERYONE)
    hits = rank(public, PROMPT_SEARCH, f"{title} {body[:300]}", limit=5).hits
    if not hits:
        return None, False
    bodies = dict(Prompt.objects.filter(pk__in=[h.id for h in hits]).values_list("pk", "body"))
    norm = " ".join(body.lower().split())
    for hit in hits:
        other = " ".join((bodies.get(hit.id) or "").lower().split())
        if other and difflib.SequenceMatcher(None, norm, other).ratio() >= SAME_AS_LIBRARY:
            return hit.id, True
    return hits[0].id, False


@transaction.atomic
def harvest() -> int:
    """Queue the AI messages worth keeping that were not looked at yet; returns how many were queued."""
    todo = (
        Message.objects.filter(harvest_checked=False, in_ai=True, author__isnull=False)
        .filter(Q(harvestable=True) | Q(reactions__gte=WELL_REACTED))
        .select_related("channel")
        .order_by("pk")
    )
    checked: list[int] = []
    made = 0
    for message in todo.iterator(chunk_size=BATCH):
        checked.append(message.pk)
        found = candidate_for(message)
        if found is None or HarvestCandidate.objects.filter(body=found["body"]).exists():
            continue
        similar, same = _similar(found["title"], found["body"])
        if same:
            continue
        HarvestCandidate.objects.create(message=message, similar_prompt_id=similar, **found)
        made += 1
    for start in range(0, len(checked), BATCH):
        Message.objects.filter(pk__in=checked[start : start + BATCH]).update(harvest_checked=True)
    return made
