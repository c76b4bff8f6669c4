"""The import writes a channel's day files in batches (actions/writer.py): whatever the batch size, the
database ends up exactly as when every day file is written on its own (a batch of one file), for a
generated workspace imported in three steps, with a later day file deleting a message of an earlier one
and repeating another, and with the day files of channels interleaved."""

from __future__ import annotations

import io
import json
import random
import zipfile
from typing import Any

import pytest

from ripple.core.models import LearningEvent
from ripple.demo.radar import generate
from ripple.radar.actions import writer
from ripple.radar.models import Channel, ChatIdentity, HarvestCandidate, Message, SlackImport
from tests.radar import exports
from tests.radar.conftest import run


def _snapshot() -> dict[str, Any]:
    messages = [
        (
            m.channel.slack_id,
            m.ts,
            m.posted_at,
            m.author.slack_id if m.author else None,
            m.text,
            m.thread_ts,
            m.parent.ts if m.parent else None,
            m.is_reply,
            m.reply_count,
            m.reactions,
            m.has_code,
            m.harvestable,
            m.edited,
            m.score,
            m.signals,
            m.is_ai,
            m.thread_score,
            m.thread_signals,
            m.in_ai,
            m.learned,
            m.harvest_checked,
        )  # fmt: skip
        for m in Message.objects.select_related("channel", "author", "parent").order_by(
            "channel__slack_id", "ts"
        )
    ]
    candidates = sorted(
        HarvestCandidate.objects.values_list("message__ts", "kind", "title", "body", "body_key", "why")
    )
    where = {str(pk): (c, ts) for pk, c, ts in Message.objects.values_list("pk", "channel__slack_id", "ts")}
    events = sorted(
        (kind, learner, source, where.get(str(obj)))
        for kind, learner, source, obj in LearningEvent.objects.values_list(
            "kind", "learner_id", "source_id", "object_id"
        )
    )
    return {"messages": messages, "candidates": candidates, "events": events}


def _clean() -> None:
    HarvestCandidate.objects.all().delete()
    LearningEvent.objects.all().delete()
    Message.objects.all().delete()
    Channel.objects.all().delete()
    ChatIdentity.objects.all().delete()
    SlackImport.objects.all().delete()


def _files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _imports(people: dict[str, Any]) -> list[bytes]:
    """A generated workspace in three imports: a part of its day files; all of them, channel by channel,
    a later day file deleting a message of an earlier one and repeating another (edited); all of them
    again with the channels' day files interleaved, and one new message."""
    buffer = io.BytesIO()
    pairs = [(u.name, u.email) for u in people.values()]
    generate(buffer, people=pairs, rng=random.Random(7), weeks=3)
    files = _files(buffer.getvalue())
    meta = {n: d for n, d in files.items() if "/" not in n}
    days = sorted(n for n in files if "/" in n)
    first = _zip({**meta, **{n: files[n] for n in days[::3]}})
    later = {n: json.loads(files[n]) for n in days}
    some = days[1]
    same = [n for n in days if n.split("/")[0] == some.split("/")[0] and n > some]  # later, same channel
    victim = later[some][0]
    later[same[0]].append(victim)  # the same message again, unchanged, in the next file
    later[same[1]].append(
        exports.msg("U0", "This message was deleted.", later[same[0]][0]["ts"], subtype="tombstone")
    )
    later[same[-1]].append({**victim, "text": victim["text"] + " (edited)"})
    second = _zip({**meta, **{n: json.dumps(m).encode() for n, m in later.items()}})
    later[same[-1]].append(exports.msg("U1", "One more: I asked Claude 3.5 to draft it", exports.ts(28, 1)))
    by_day = sorted(days, key=lambda n: (n.split("/")[1], n))  # channel by channel no more
    third = _zip({**meta, **{n: json.dumps(later[n]).encode() for n in by_day}})
    return [first, second, third]


@pytest.mark.parametrize("size", [3, 40, 5000])
def test_batches_of_any_size_write_what_day_files_written_one_by_one_write(people, monkeypatch, size):
    steps = _imports(people)
    monkeypatch.setattr(writer, "FLUSH", 1)  # every day file on its own
    one_by_one = [run(data).as_dict() for data in steps]
    expected = _snapshot()
    assert len(expected["messages"]) > 200 and expected["candidates"] and expected["events"]
    assert one_by_one[1]["updated"]["deleted_messages"] >= 1 and one_by_one[2]["added"]["messages"] >= 1
    _clean()
    monkeypatch.setattr(writer, "FLUSH", size)
    assert [run(data).as_dict() for data in steps] == one_by_one
    assert _snapshot() == expected


def test_the_stamp_written_is_what_django_writes_for_the_datetime():
    import random as _random
    from datetime import UTC, datetime

    from django.db import connection

    from ripple.radar import slack
    from ripple.radar.actions import sql

    stamp = sql.stamper()
    rng = _random.Random(7)
    stamps = ["0000000000.000000", "1767225600.000000", "1767225599.999999", "4102444799.000001"]
    stamps += [f"{rng.randrange(4_102_444_800):010d}.{rng.randrange(1_000_000):06d}" for _ in range(20_000)]
    stamps += ["1767225600.5", "99.25"]  # not spelled as slack spells them: worked out the long way
    for ts in stamps:
        expected = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(float(ts), tz=UTC))
        assert stamp(ts) == expected, ts
        if len(ts) == 17 and connection.vendor == "sqlite":
            assert slack.ts_datetime(ts).replace(tzinfo=None) == datetime.fromisoformat(str(stamp(ts)))


def test_harvest_pages_of_any_size_queue_the_same_candidates(people, monkeypatch):
    from ripple.radar.actions import threads

    steps = _imports(people)
    outcomes = [run(data).as_dict() for data in steps]
    expected = _snapshot()
    assert len(expected["candidates"]) >= 3
    for size in (1, 2, 3):
        _clean()
        monkeypatch.setattr(threads, "BATCH", size)  # pages end mid-channel, and exactly at its end
        assert [run(data).as_dict() for data in steps] == outcomes
        assert _snapshot() == expected
