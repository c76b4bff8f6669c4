"""Writing an import's messages: a channel's day files are gathered into batches of up to FLUSH rows,
each written with one look-up of the messages already there (none for a channel this import created
and has not written to yet) and one executemany. A batch is written before its channel changes, before
a day file that deletes messages, and before a day file that repeats a timestamp of the batch, so what
is written is what writing every day file on its own would write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ripple.radar import slack
from ripple.radar.actions import sql, threads
from ripple.radar.models import Channel, ChatIdentity, Message, SlackImport

if TYPE_CHECKING:
    from ripple.radar.actions.imports import Outcome

FLUSH = 1000  # rows per batch
# A channel this import created is settled from what the writer kept of its rows (threads.Fresh) up
# to this many rows; past that (or after an edit or a deletion) it is settled from the database.
FRESH_MAX = 20_000


class Writer:
    def __init__(
        self, *, job: SlackImport, identities: dict[str, int], outcome: Outcome, new_channels: set[int]
    ) -> None:
        self.job, self.identities, self.outcome = job, identities, outcome
        self.new_channels = new_channels  # created by this import: nothing in them but what it writes
        self.written: set[int] = set()  # channels this import has written rows to
        self.offers: set[int] = set()  # channels written a message the harvest may queue, not harvested
        self.job_key = sql.job_key(job.pk)
        self.stamp = sql.stamper()
        self.channel: Channel | None = None
        self.rows: list[slack.Row] = []
        self.stamps: set[str] = set()
        self.fresh: threads.Fresh | None = None  # the current channel's threads, when it is new

    def visit(self, channel: Channel) -> None:
        """A day file of `channel` is next (read or not). The channel left behind is settled now, while
        the reader reads on (a channel's day files are all together in the zip's name order; one that
        comes back is settled again when it is left)."""
        if self.channel is None or channel.pk != self.channel.pk:
            self.flush()
            self._settle()
            self.channel = channel
            new = channel.pk in self.new_channels and channel.pk not in self.written
            self.fresh = threads.Fresh() if new and FRESH_MAX > 0 else None

    def finish(self) -> None:
        """The last day file was read: write what is left and settle the last channel."""
        self.flush()
        self._settle()

    def _settle(self) -> None:
        """Score the channel's threads, then queue what its AI conversation offers the library (only
        when it was written a message that may be a candidate). One channel at a time: settling
        several together measured slower (their lists of ids plan worse)."""
        if self.channel is None:
            return
        pk = self.channel.pk
        if self.fresh is not None:
            self.fresh.settle(pk)
            self.fresh = None
        else:
            threads.settle(job=self.job, channel_ids=[pk])
        if pk in self.offers:
            self.outcome.candidates += threads.harvest(channel_ids=[pk])
            self.offers.discard(pk)

    def day(self, channel: Channel, day: slack.Day) -> None:
        self.visit(channel)
        if day.deleted:
            self.fresh = None  # what is deleted is no longer what was kept: settled from the database
            self.flush()
            gone = Message.objects.filter(channel=channel, ts__in=day.deleted).delete()[1]
            self.outcome.deleted += gone.get("radar.Message", 0)
        if not day.rows:
            return
        stamps = [r[0] for r in day.rows]  # Row.ts (rows from a reader are plain tuples: slack.Day)
        if not self.stamps.isdisjoint(stamps):
            self.flush()  # the same message again (edited, or in two files): after the first is written
        self.rows += day.rows
        self.stamps.update(stamps)
        if len(self.rows) >= FLUSH:
            self.flush()

    def flush(self) -> None:
        rows, channel = self.rows, self.channel
        if not rows or channel is None:
            return
        self.rows, self.stamps = [], set()
        if channel.pk in self.new_channels and channel.pk not in self.written:
            known: dict[str, str] = {}
        else:
            known = sql.existing(channel.pk, [r[0] for r in rows])  # Row.ts
        rows_out: list[tuple[Any, ...]] = []
        edits: list[slack.Row] = []
        identities, stamp, job_key, pk = self.identities, self.stamp, self.job_key, channel.pk
        offers, well_reacted = False, threads.WELL_REACTED
        fresh = self.fresh if not known else None
        for row in rows:  # unpacked in Row's order: a Row, or a plain tuple from a reader (slack.Day)
            (
                ts,
                thread_ts,
                user,
                text,
                reply_count,
                reactions,
                has_code,
                harvestable,
                edited,
                score,
                signals,
                reply,
            ) = row
            offers = offers or harvestable or reactions >= well_reacted  # (edited rows count too)
            if ts in known:
                if known[ts] != text:
                    edits.append(slack.Row._make(row))
                continue
            author = identities.get(user)
            if author is None:
                author = ChatIdentity.objects.create(
                    slack_id=user, name=f"Unknown user {user}", known=False
                ).pk
                identities[user] = author
                self.outcome.unknown_users += 1
            ai = score >= 0.5
            if fresh is not None:
                fresh.add(ts, thread_ts, reply, reply_count, score, signals, ai)
            rows_out.append(
                (  # sql.COLUMNS, parent_id as two values (see sql.insert_messages)
                    pk, ts, stamp(ts), author, text, thread_ts, pk, thread_ts if reply else "", reply,
                    reply_count, reactions, has_code, harvestable, edited, score,
                    sql.signals_json(signals), ai, score, "[]", ai, False, False, job_key,
                )
            )  # fmt: skip
        sql.insert_messages(rows_out)
        if known or (fresh is not None and fresh.size > FRESH_MAX):  # (an edit is a known ts)
            self.fresh = None  # settled from the database instead
        self.written.add(pk)
        if offers:
            self.offers.add(pk)  # a message the harvest may queue: harvested once the channel is settled
        self.outcome.messages += len(rows_out)
        for row in edits:
            Message.objects.filter(channel=channel, ts=row.ts).update(
                text=row.text,
                edited=True,
                score=row.score,
                signals=list(row.signals),
                is_ai=row.score >= 0.5,
                reactions=row.reactions,
                reply_count=row.reply_count,
                has_code=row.has_code,
                harvestable=row.harvestable,
                imported_by=self.job,
            )
        self.outcome.updated += len(edits)
