"""A new person's first day: the checklist computed from real data, dismissible; following topics."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.feed import actions as feed_actions
from ripple.library import actions as library_actions
from ripple.notifications.models import Notification
from tests.factories import DepartmentFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def steps_page(client) -> str:
    return client.get(reverse("people:first_steps"), headers={"HX-Request": "true"}).content.decode()


def test_the_checklist_ticks_itself_off_and_goes_when_done(member_client, member, other_member):
    page = steps_page(member_client)
    for label in ("Add your skills and department", "Follow two topics", "Star a prompt",
                  "Share a first win or ask a question"):  # fmt: skip
        assert label in page
    assert "(done)" not in page
    # The feed home page loads it.
    assert reverse("people:first_steps") in member_client.get(reverse("feed:index")).content.decode()

    member.skills, member.department = "Excel", DepartmentFactory(name="Finance")
    member.save()
    assert page.count("(done)") == 0 and steps_page(member_client).count("(done)") == 1
    feed_actions.post_create(actor=other_member, kind="tip", title="T1", body="b", topics="excel, sql")
    for name in ("excel", "sql"):
        feed_actions.topic_follow(actor=member, topic_name=name)
    library_actions.favourite_set(actor=member, prompt=make_prompt(owner=other_member), on=True)
    assert steps_page(member_client).count("(done)") == 3
    feed_actions.post_create(actor=member, kind="question", title="How do I start?", body="?")
    assert steps_page(member_client).strip() == ""  # all done: nothing to show


def test_the_checklist_can_be_dismissed_for_good(member_client, member, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # session + user + one per step
        assert "Follow two topics" in steps_page(member_client)
    response = member_client.post(reverse("people:first_steps"), headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content == b""
    member.refresh_from_db()
    assert member.first_steps_dismissed_at is not None
    with django_assert_max_num_queries(2):  # dismissed: no step is even computed
        assert steps_page(member_client).strip() == ""


def test_following_a_topic_brings_its_new_posts_to_the_inbox(member_client, member, other_member):
    feed_actions.post_create(actor=other_member, kind="tip", title="First", body="b", topics="excel")
    page = member_client.get(reverse("feed:topics")).content.decode()
    assert "#excel" in page and 'aria-pressed="false"' in page
    response = member_client.post(
        reverse("feed:topic_follow"), {"topic": "excel", "on": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    feed_actions.post_create(
        actor=other_member, kind="win", title="Pivot tables in a minute", body="b", topics="excel"
    )
    note = Notification.objects.get(recipient=member)
    assert note.kind == "topic_post" and "#excel" in note.text and "Pivot tables" in note.text
    # Unknown topics are a clear error that changes nothing.
    bad = member_client.post(
        reverse("feed:topic_follow"), {"topic": "nope", "on": "1"}, headers={"HX-Request": "true"}
    )
    assert bad.status_code == 400 and b"no such topic" in bad.content
    member_client.post(reverse("feed:topic_follow"), {"topic": "excel", "on": "0"})
    feed_actions.post_create(actor=other_member, kind="tip", title="Another", body="b", topics="excel")
    assert Notification.objects.filter(recipient=member).count() == 1


def test_anonymous_posts_in_a_followed_topic_do_not_name_their_author(member, other_member):
    feed_actions.post_create(actor=other_member, kind="tip", title="Seed", body="b", topics="contracts")
    feed_actions.topic_follow(actor=member, topic_name="contracts")
    feed_actions.post_create(
        actor=other_member,
        kind="question",
        title="Can I paste this?",
        body="?",
        topics="contracts",
        anonymous=True,
    )
    note = Notification.objects.get(recipient=member)
    assert other_member.name not in note.text and note.actor is None


def test_make_demo_installs_only_the_runtime_and_test_adds_the_dev_tools():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]

    def installs(target: str) -> list[str]:
        command = ["make", "-n", "-B", target]  # make from PATH, as a person runs it
        out = subprocess.run(command, cwd=root, capture_output=True, text=True, check=True)  # noqa: S603, S607
        return [line for line in out.stdout.splitlines() if "pip install" in line and "--upgrade" not in line]

    demo = installs("demo")
    assert demo and all("-c constraints.txt" in line for line in demo)
    assert not any("[dev]" in line for line in demo)
    test = installs("test")
    assert any("[dev]" in line and "-c constraints.txt" in line for line in test)
