"""Importing a Slack export: what is added, matched, skipped; idempotent and incremental."""

from __future__ import annotations

from ripple.core.models import LearningEvent
from ripple.radar.models import Channel, ChatIdentity, HarvestCandidate, Message
from tests.radar import exports
from tests.radar.conftest import run


def test_import_adds_channels_messages_threads_and_matches_people(imported, people):
    assert imported.messages == 3
    assert imported.channels == 2
    assert imported.threads == 1
    assert imported.people_matched == 2
    ana = ChatIdentity.objects.get(slack_id="U1")
    assert ana.user == people["ana"]
    assert ChatIdentity.objects.get(slack_id="U3").user is None
    root = Message.objects.get(is_reply=False)
    assert root.in_ai and root.thread_score >= 0.5 and "AI tool or model named" in root.thread_signals
    assert Message.objects.filter(parent=root).count() == 2
    assert Message.objects.filter(in_ai=True).count() == 3


def test_answers_in_ai_threads_are_learning_events_between_matched_people(imported, people):
    events = LearningEvent.objects.filter(kind="slack_answer")
    assert [(e.learner, e.source) for e in events] == [(people["ana"], people["ben"])]
    assert imported.learning_events == 1


def test_same_export_twice_adds_nothing_and_a_newer_one_only_what_is_new(imported, people):
    again = run(exports.export())
    assert again.messages == 0 and again.channels == 0 and again.learning_events == 0
    assert Message.objects.count() == 3
    newer = run(
        exports.export(
            {
                "eng-copilot/2026-03-02.json": exports.thread(2),
                "eng-copilot/2026-03-03.json": exports.thread(3),
            }
        )
    )
    assert newer.messages == 3
    assert Message.objects.count() == 6
    assert LearningEvent.objects.filter(kind="slack_answer").count() == 2


def test_markup_is_converted(people):
    text = "<@U2> see <#C2|random> and <https://example.org/doc|the doc> &amp; <!here> &lt;b&gt;"
    run(exports.export({"random/2026-03-02.json": [exports.msg("U1", text, exports.ts(2))]}))
    assert (
        Message.objects.get().text
        == "@Ben Helper see #random and the doc (https://example.org/doc) & @here <b>"
    )


def test_secrets_are_removed_before_anything_is_written(people):
    text = (
        "my key sk-proj-abcdefghijklmnopqrstuvwxyz0123 and token xoxc-123456789012-abcdef and "
        "<https://files.slack.com/files-pri/T1-F1/a.png?t=xoxe-1234567890-abcdefabcdef|a.png>"
    )
    run(exports.export({"random/2026-03-02.json": [exports.msg("U1", text, exports.ts(2))]}))
    stored = Message.objects.get().text
    assert "sk-proj" not in stored and "xoxc-" not in stored and "xoxe-" not in stored
    assert "[redacted" in stored


def test_system_subtypes_bots_broadcast_duplicates_and_unknown_subtypes_are_skipped(people):
    day = [
        exports.msg("U1", "<@U1> has joined the channel", exports.ts(2, 1), subtype="channel_join"),
        exports.msg("B1", "Deployed v2", exports.ts(2, 2), bot_id="BX1", subtype="bot_message"),
        exports.msg("U1", "Using ChatGPT for this", exports.ts(2, 3)),
        exports.msg("U1", "Using ChatGPT for this", exports.ts(2, 3), subtype="thread_broadcast"),
        exports.msg("U1", "strange", exports.ts(2, 4), subtype="weird_new_thing"),
    ]
    outcome = run(exports.export({"random/2026-03-02.json": day}))
    assert outcome.messages == 1
    assert outcome.skipped["system messages (joins, leaves, topics…)"] == 1
    assert outcome.skipped["bot messages"] == 1
    assert outcome.skipped["duplicates (thread broadcasts counted once)"] == 1
    assert outcome.skipped["messages of unknown subtype “weird_new_thing”"] == 1


def test_edited_and_deleted_messages(people):
    first = exports.msg("U1", "draft text", exports.ts(2, 1))
    run(exports.export({"random/2026-03-02.json": [first, exports.msg("U2", "gone soon", exports.ts(2, 2))]}))
    edited = exports.msg("U1", "final text about ChatGPT", exports.ts(2, 1), edited={"ts": exports.ts(2, 9)})
    tomb = exports.msg("U2", "This message was deleted.", exports.ts(2, 2), subtype="tombstone")
    outcome = run(exports.export({"random/2026-03-02.json": [edited, tomb]}))
    assert outcome.updated == 1 and outcome.deleted == 1
    message = Message.objects.get()
    assert message.text == "final text about ChatGPT" and message.edited and message.is_ai


def test_private_channels_and_dms_are_never_read_unless_listed(people):
    secret = [exports.msg("U1", "private ChatGPT talk", exports.ts(2))]
    data = exports.export(
        {
            "eng-copilot/2026-03-02.json": exports.thread(2),
            "leads/2026-03-02.json": secret,
            "D123/2026-03-02.json": secret,
        },
        extra={
            "groups.json": b'[{"id": "G1", "name": "leads"}]',
            "dms.json": b"this is not even json",
            "mpims.json": b"neither is this",
        },
    )
    run(data)
    assert not Channel.objects.filter(name="leads").exists()
    assert not Message.objects.filter(text__contains="private").exists()
    outcome = run(data, include_private=["leads"])
    assert outcome.messages == 1
    assert Channel.objects.get(name="leads").is_private


def test_unknown_user_ids_are_kept_as_unknown_people(people):
    outcome = run(exports.export({"random/2026-03-02.json": [exports.msg("U999", "hello", exports.ts(2))]}))
    assert outcome.unknown_users == 1
    identity = ChatIdentity.objects.get(slack_id="U999")
    assert not identity.known and identity.user is None


def test_harvest_candidates_come_from_ai_threads(imported):
    candidate = HarvestCandidate.objects.get()
    assert candidate.kind == "prompt"
    assert candidate.body.startswith("Summarise these commits")
    assert "code block" in candidate.why
    assert run(exports.export()).candidates == 0


def test_a_later_export_updates_the_people_it_changes_and_only_those(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run(exports.export({"random/2026-03-02.json": [exports.msg("U999", "hello", exports.ts(2))]}))
    assert not ChatIdentity.objects.get(slack_id="U999").known
    users = [dict(u) for u in exports.USERS]
    users[1] = {**users[1], "profile": {**users[1]["profile"], "real_name": "Ben H. Helper", "title": "SRE"}}
    users.append({"id": "U999", "name": "late", "profile": {"real_name": "Late Joiner"}})
    run(exports.export(users=users))
    ben, late = ChatIdentity.objects.get(slack_id="U2"), ChatIdentity.objects.get(slack_id="U999")
    assert (ben.name, ben.title, ben.user == people["ben"]) == ("Ben H. Helper", "SRE", True)
    assert late.known and late.name == "Late Joiner"
    before = {i.slack_id: (i.name, i.linked_at) for i in ChatIdentity.objects.all()}
    with CaptureQueriesContext(connection) as captured:
        run(exports.export(users=users))  # nothing changed: nothing rewritten
    assert {i.slack_id: (i.name, i.linked_at) for i in ChatIdentity.objects.all()} == before
    assert not [q for q in captured.captured_queries if q["sql"].startswith('UPDATE "radar_chatidentity"')]
