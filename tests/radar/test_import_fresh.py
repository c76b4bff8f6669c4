"""A channel the import created is settled from what the writer kept of its rows (threads.Fresh), not
read back from the database: the database ends up exactly as when it is settled from the database
(writer.FRESH_MAX = 0), for threads whose replies come before their first message, a first message
with replies but no reply count, replies whose thread is not in the export, ties between answers, a
channel that gets a deletion, and a generated workspace imported in three steps."""

from __future__ import annotations

from typing import Any

import pytest

from ripple.radar.actions import threads, writer
from tests.radar import exports
from tests.radar.conftest import run
from tests.radar.test_import_batches import _clean, _imports, _snapshot

msg, ts = exports.msg, exports.ts


def _tricky() -> bytes:
    root, early, orphan = ts(3), ts(4), ts(5, 30)
    return exports.export(
        {
            "eng-copilot/2026-03-02.json": exports.thread(2),
            "eng-copilot/2026-03-03.json": [
                # replies first, then their first message (with no reply count): linked after writing
                msg("U2", "Paste the diff and ask Claude for a summary", ts(3, 4), thread_ts=root),
                msg("U3", "Sounds good", ts(3, 6), thread_ts=root),
                msg("U1", "What do you all use to summarise long PR threads?", root, thread_ts=root),
            ],
            "eng-copilot/2026-03-04.json": [
                msg("U1", "Anyone tried GPT-4o for test data?", early, thread_ts=early, reply_count=3),
                # answers that tie on score: their signals are taken in the order written
                msg("U2", "Yes, ChatGPT makes fake customers", ts(4, 2), thread_ts=early),
                msg("U3", "Yes, Claude makes fake customers too", ts(4, 3), thread_ts=early),
                msg("U2", "ok", ts(4, 4), thread_ts=early),
                msg("U3", "A reply to a thread that is not in the export", ts(4, 9), thread_ts=orphan),
            ],
            "random/2026-03-05.json": [
                msg("U1", "Lunch?", ts(5), thread_ts=ts(5), reply_count=1),
                msg("U2", "Sure, with the Copilot team", ts(5, 1), thread_ts=ts(5)),
                msg("U3", "Gone", ts(5, 2)),
            ],
            "random/2026-03-06.json": [msg("U3", "Deleted", ts(5, 2), subtype="tombstone")],
        }
    )


def _both(monkeypatch: Any, steps: list[bytes]) -> tuple[list[dict[str, Any]], dict[str, Any], int]:
    """Each way: the outcomes and the database; and how many channels the database settled."""
    settled: list[Any] = []
    settle = threads.settle
    monkeypatch.setattr(threads, "settle", lambda **kw: settled.append(kw) or settle(**kw))
    outcomes = [run(data).as_dict() for data in steps]
    return outcomes, _snapshot(), len(settled)


@pytest.mark.parametrize("case", ["tricky", "generated"])
def test_a_new_channel_settled_from_what_was_written_is_as_settled_from_the_database(
    people, monkeypatch, case
):
    steps = [_tricky()] if case == "tricky" else _imports(people)
    fresh = _both(monkeypatch, steps)
    _clean()
    monkeypatch.setattr(writer, "FRESH_MAX", 0)
    from_database = _both(monkeypatch, steps)
    assert fresh[:2] == from_database[:2]
    messages = fresh[1]["messages"]
    assert len(messages) >= 12 and any(m[-3] for m in messages)  # some messages count as AI
    assert fresh[2] < from_database[2]  # the new channels were settled without the database
    if case == "tricky":
        assert fresh[2] == 1  # #random got a deletion: settled from the database


def test_a_channel_past_the_limit_is_settled_from_the_database(people, monkeypatch):
    monkeypatch.setattr(writer, "FRESH_MAX", 2)
    limited = _both(monkeypatch, [_tricky()])
    _clean()
    monkeypatch.setattr(writer, "FRESH_MAX", 0)
    assert _both(monkeypatch, [_tricky()])[:2] == limited[:2] and limited[2] == 2
