"""Messages whose pieces sit in different day files or imports: an edit in a later day file than the
message, the same message in two day files, a reply in a day file before its thread's first message,
a thread's answer arriving in a later import. The import writes day file by day file, so each of these
crosses a write."""

from __future__ import annotations

from ripple.core.models import LearningEvent
from ripple.radar.models import HarvestCandidate, Message
from tests.radar import exports
from tests.radar.conftest import run


def test_an_edit_in_a_later_day_file_updates_the_message_written_from_an_earlier_one(people):
    created = exports.msg("U1", "draft text", exports.ts(2, 1))
    changed = {
        "type": "message",
        "subtype": "message_changed",
        "ts": exports.ts(3, 4),
        "message": exports.msg("U1", "final text: I asked ChatGPT", exports.ts(2, 1), edited={"ts": "x"}),
    }
    later = exports.msg("U2", "lunch?", exports.ts(3, 5))
    outcome = run(
        exports.export({"random/2026-03-02.json": [created], "random/2026-03-03.json": [changed, later]})
    )
    assert (outcome.messages, outcome.updated) == (2, 1)
    message = Message.objects.get(ts=created["ts"])
    assert message.text == "final text: I asked ChatGPT" and message.edited and message.is_ai


def test_the_same_message_in_two_day_files_is_added_once(people):
    one = exports.msg("U1", "Anyone tried Claude 3.5 for this?", exports.ts(2, 1))
    outcome = run(exports.export({"random/2026-03-02.json": [one], "random/2026-03-03.json": [one]}))
    assert outcome.messages == 1 and outcome.updated == 0
    assert Message.objects.count() == 1
    assert (
        run(exports.export({"random/2026-03-02.json": [one], "random/2026-03-03.json": [one]})).messages == 0
    )


def test_a_reply_in_a_day_file_before_its_threads_first_message_is_linked(people):
    root_ts = exports.ts(3)
    reply = exports.msg("U2", "Give it two examples, few-shot works", exports.ts(3, 5), thread_ts=root_ts)
    reply["ts"] = exports.ts(2, 5)  # filed a day early (clock skew, a broadcast): still the same thread
    root = exports.msg("U1", "How do you prompt ChatGPT for release notes?", root_ts, thread_ts=root_ts)
    outcome = run(
        exports.export({"eng-copilot/2026-03-02.json": [reply], "eng-copilot/2026-03-03.json": [root]})
    )
    assert outcome.messages == 2
    first = Message.objects.get(ts=root_ts)
    answer = Message.objects.get(ts=reply["ts"])
    assert answer.parent_id == first.pk and answer.in_ai
    assert first.thread_score >= 0.5 and first.in_ai
    assert LearningEvent.objects.filter(object_id=str(answer.pk)).count() == 1


def test_an_answer_in_a_later_import_makes_the_thread_ai_and_is_counted_once(people):
    root_ts = exports.ts(2)
    root = exports.msg("U1", "How do we do the weekly report faster?", root_ts, thread_ts=root_ts)
    early = exports.msg(
        "U2", "I asked ChatGPT to draft it from the tickets", exports.ts(2, 3), thread_ts=root_ts
    )
    run(exports.export({"random/2026-03-02.json": [root, early]}))
    first = Message.objects.get(ts=root_ts)
    assert not first.in_ai and first.thread_score < 0.5  # one AI answer to a plain question: not yet
    assert LearningEvent.objects.count() == 1  # the answer is about AI itself
    later = exports.msg(
        "U2", "My prompt for it: ```Summarise the tickets closed this week by team```", exports.ts(2, 7),
        thread_ts=root_ts,
    )  # fmt: skip
    days = {"random/2026-03-02.json": [root, early, later]}
    outcome = run(exports.export(days))
    # The second answer makes it an AI thread; the first answer's event is not recorded again.
    assert (outcome.messages, outcome.learning_events, outcome.candidates) == (1, 1, 1)
    first.refresh_from_db()
    assert first.thread_score >= 0.5 and first.in_ai
    replies = Message.objects.filter(is_reply=True)
    assert {m.parent_id for m in replies} == {first.pk}
    assert all(m.in_ai and m.learned for m in replies)
    candidate = HarvestCandidate.objects.get()
    assert candidate.message.ts == later["ts"] and "Summarise the tickets" in candidate.body
    assert candidate.message.harvest_checked
    again = run(exports.export(days))
    assert (again.messages, again.learning_events, again.candidates) == (0, 0, 0)
    assert LearningEvent.objects.count() == 2
