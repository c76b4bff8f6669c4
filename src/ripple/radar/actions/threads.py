"""After messages are written: threads get their score, their messages count as AI conversation or
not, answers in AI threads become learning events (for people matched to Ripple people), and AI
messages with a code block, a "prompt:" line or many reactions become harvest candidates."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F

from ripple.core import ledger
from ripple.core.search import rank
from ripple.library.models import PROMPT_SEARCH, Prompt, Visibility
from ripple.radar import detection, slack
from ripple.radar.actions import sql
from ripple.radar.kinds import Learned
from ripple.radar.models import HarvestCandidate, HarvestKind, Message, SlackImport

BATCH = 500
WELL_REACTED = 3
SAME_AS_LIBRARY = 0.9  # body similarity at which a candidate is the library's prompt again


def _chunks(queryset: Any) -> Iterator[list[Any]]:
    """`queryset` (of messages) in keyset pages of BATCH by id: memory stays flat however many match,
    and rows changed between pages are never skipped or seen twice."""
    last = 0
    while True:
        page = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not page:
            return
        yield page
        tail = page[-1]
        last = tail.pk if hasattr(tail, "pk") else tail[0] if isinstance(tail, tuple) else tail


CHANNELS = 500  # channel ids per statement (well under SQLite's limit on parameters)


def settle(*, job: SlackImport, channel_ids: Sequence[int]) -> None:
    """After an import wrote a channel's messages (the writer settles each channel as it leaves it,
    while the reader reads on): link the channels' replies to their thread's first message, score the
    threads the import touched, then mark the channels' replies in AI threads (plain statements, a
    few per CHANNELS channels: this runs once per channel of an import)."""
    key = sql.job_key(job.pk)
    for start in range(0, len(channel_ids), CHANNELS):
        chunk = list(channel_ids[start : start + CHANNELS])
        sql.link_replies(chunk)
        ids = sql.touched_threads(chunk, key)  # read once: paging would run its subquery every page
        for first in range(0, len(ids), BATCH):
            _score_threads(list(ids[first : first + BATCH]))
        sql.settle_replies(chunk, detection.THRESHOLD)


def _score_threads(root_ids: list[int]) -> None:
    roots, answers_of = sql.thread_rows(root_ids)
    replies: dict[int, list[tuple[float, list[str]]]] = {}
    for parent_id, score, signals in answers_of:
        replies.setdefault(parent_id, []).append((score, signals))
    rows = []
    for pk, score, signals, is_ai, stored in roots:
        settled = _settled(score, signals, is_ai, replies.get(pk, []))
        if settled != stored:  # a thread whose answers change nothing is not written again
            rows.append((*settled, pk))
    sql.update_threads(rows)


def _settled(
    score: float, signals: Sequence[str], is_ai: bool, answers: Sequence[tuple[float, Sequence[str]]]
) -> tuple[float, list[str], bool]:
    """A thread's (thread_score, thread_signals, in_ai) from its first message and its answers (in
    the order written): the signals of the first message, then of the best three answers."""
    thread = detection.thread_score(score, [s for s, _ in answers])
    fired = list(signals)
    for _score, more in sorted(answers, key=lambda a: -a[0])[:3]:
        fired.extend(s for s in more if s not in fired)
    return thread, fired[:8], thread >= detection.THRESHOLD or is_ai


class Fresh:
    """A channel this import created, settled from what its writer kept of the rows it wrote (what
    `settle` reads back from the database, without reading it): each first message's score, signals
    and reply count, each reply's, in the order written. The writer gives up on it (and `settle` runs)
    after an edit, a deletion, or past `writer.FRESH_MAX` rows; tests/radar/test_import_fresh.py
    compares the two."""

    __slots__ = ("replies", "roots", "size", "unlinked")

    def __init__(self) -> None:
        # first messages: ts → (score, signals, is_ai, reply count); replies: (ts, thread, score,
        # signals, is_ai), in the order written
        self.roots: dict[str, tuple[float, tuple[str, ...], bool, int]] = {}
        self.replies: list[tuple[str, str, float, tuple[str, ...], bool]] = []
        self.unlinked = False  # a reply was written before its thread's first message
        self.size = 0

    def add(
        self, ts: str, thread_ts: str, reply: bool, reply_count: int, score: float, signals: Any, ai: bool
    ) -> None:
        self.size += 1
        if reply:
            self.replies.append((ts, thread_ts, score, tuple(signals), ai))
            self.unlinked = self.unlinked or thread_ts not in self.roots
        else:
            self.roots[ts] = (score, tuple(signals), ai, reply_count)

    def settle(self, channel_id: int) -> None:
        """`settle` for this channel: replies linked to their thread, the threads scored (as
        `_score_threads`), the replies in AI threads marked (as `sql.settle_replies`)."""
        if self.unlinked:
            sql.link_replies([channel_id])
        answers: dict[str, list[tuple[float, tuple[str, ...]]]] = {}
        for _ts, thread_ts, score, signals, _ai in self.replies:
            if thread_ts in self.roots:
                answers.setdefault(thread_ts, []).append((score, signals))
        scored: dict[str, float] = {}
        rows = []
        for ts, (score, signals, is_ai, reply_count) in self.roots.items():
            replies = answers.get(ts)
            if replies is None and reply_count <= 0:
                continue  # not a thread: as written
            settled = _settled(score, signals, is_ai, replies or [])
            scored[ts] = settled[0]
            if settled != (score, [], is_ai):  # as written: thread_score = score, no signals, in_ai = ai
                rows.append((*settled, ts))
        sql.update_threads(rows, channel_id=channel_id)
        in_ai = [
            ts
            for ts, thread_ts, _score, _signals, ai in self.replies
            if not ai and scored.get(thread_ts, 0.0) >= detection.THRESHOLD
        ]
        sql.mark_in_ai_by_ts(channel_id, in_ai)


def record_answers() -> int:
    """One learning event per answer in an AI thread whose two people are Ripple people (asker ←
    answerer), not yet recorded: after an import, and after an admin links an identity (so links
    apply to the past)."""
    pending = (
        Message.objects.filter(
            learned=False,
            in_ai=True,
            is_reply=True,
            author__user__isnull=False,
            parent__author__user__isnull=False,
        )  # fmt: skip
        .exclude(author_id=F("parent__author_id"))
        .select_related("author__user", "parent__author__user")
    )
    count = 0
    for page in _chunks(pending):
        for message in page:
            assert message.author is not None and message.parent is not None  # noqa: S101 - filtered above
            assert message.parent.author is not None  # noqa: S101
            event = ledger.record(
                kind=Learned.SLACK_ANSWER, learner=message.parent.author.user, source=message.author.user,
                obj=message, at=message.posted_at,
            )  # fmt: skip
            count += event is not None
        sql.mark([m.pk for m in page], "learned")
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


def candidate_for(text: str, reactions: int, channel: str, *, titled: bool = True) -> dict[str, Any] | None:
    """What a message (its text, reactions and channel's name) offers the library (a prompt: code
    block or "prompt:" line) or the feed (a tip: many reactions), or None when there is too little.
    Without `titled` the title is left out (the harvest works it out only for what it queues)."""
    blocks = slack.code_blocks(text)
    marked = slack.prompt_after_marker(text)
    why = []
    if blocks:
        why.append("code block")
    if marked:
        why.append("“prompt:” line")
    if reactions >= WELL_REACTED:
        why.append(f"{reactions} reactions")
    if blocks or marked:
        body = max(blocks, key=len) if blocks else marked
        kind = HarvestKind.PROMPT
    elif reactions >= WELL_REACTED:
        body, kind = text.strip(), HarvestKind.TIP
    else:
        return None
    if len(body) < 20:
        return None
    found: dict[str, Any] = {"kind": kind, "body": body[:20_000], "why": why}
    if titled:
        found["title"] = _title(text, channel)
    return found


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


def body_key(body: str) -> str:
    return hashlib.sha256(" ".join(body.lower().split()).encode()).hexdigest()[:40]


@transaction.atomic
def harvest(*, channel_ids: Sequence[int] | None = None) -> int:
    """Queue the AI messages worth keeping that were not looked at yet (of these channels: the writer
    harvests each channel once it is settled); returns how many were queued. The same text twice (in
    the queue already, or in this run) is queued once."""
    made, last = 0, 0
    while page := sql.harvest_page(channel_ids, last, BATCH, WELL_REACTED):  # keyset pages by id
        last = page[-1][0]
        found = {pk: candidate_for(text, n, where, titled=False) for pk, text, n, where in page}
        texts = {pk: (text, where) for pk, text, _n, where in page}
        keys = {pk: body_key(f["body"]) for pk, f in found.items() if f is not None}
        known = sql.known_keys(set(keys.values()))
        for pk, *_rest in page:
            key = keys.get(pk)
            if key is None or key in known:
                continue
            known.add(key)
            candidate = found[pk]
            assert candidate is not None  # noqa: S101 - has a key
            candidate["title"] = _title(*texts[pk])
            similar, same = _similar(candidate["title"], candidate["body"])
            if same:
                continue
            HarvestCandidate.objects.create(
                message_id=pk, similar_prompt_id=similar, body_key=key, **candidate
            )
            made += 1
        sql.mark([pk for pk, *_rest in page], "harvest_checked")
        if len(page) < BATCH:
            break  # the last page: no need to ask for one more
    return made
