"""notifications.notify: any app's notification reaches the inbox and, by the kind's preference, email."""

from __future__ import annotations

import pytest
from django.core import mail

from ripple.core import registry
from ripple.library import actions as library_actions
from ripple.notifications import actions as notification_actions
from ripple.notifications.actions import notify
from ripple.notifications.models import Notification
from tests.factories import UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_library_reuse_notifies_owner_and_emails_at_once(
    member, other_member, django_capture_on_commit_callbacks
):
    prompt = make_prompt(owner=other_member)
    with django_capture_on_commit_callbacks(execute=True):
        library_actions.reuse_record(actor=member, prompt=prompt, minutes_saved=25)
    notification = Notification.objects.get(recipient=other_member, kind="reuse")
    assert "saved 25 minutes" in notification.text and notification.emailed_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [other_member.email]


def test_no_notification_for_your_own_action_or_a_deactivated_recipient(member):
    assert notify(recipient=member, actor=member, kind="kudos", text="x") is None
    gone = UserFactory(is_active=False)
    assert notify(recipient=gone, actor=member, kind="kudos", text="x") is None
    assert Notification.objects.count() == 0


def test_without_emails_keeps_the_inbox_but_sends_nothing(
    member, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), notification_actions.without_emails():
        notify(recipient=member, actor=other_member, kind="kudos", text="Thanks!")
    assert Notification.objects.filter(recipient=member).count() == 1
    assert mail.outbox == []


def test_an_unregistered_kind_is_refused_and_nothing_is_written(member, other_member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Unknown notification kind"):
        notify(recipient=member, actor=other_member, kind="telepathy", text="x")
    assert Notification.objects.count() == 0


def test_a_kind_registered_without_email_by_default_is_not_emailed_until_chosen(
    member, other_member, client, django_capture_on_commit_callbacks
):
    quiet = registry.NotificationKind("test_quiet", "Quiet things", email_default=False)
    registry.notification_kinds.register(quiet)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipient=member, actor=other_member, kind=quiet, text="Psst")
        assert mail.outbox == []
        client.force_login(member)
        page = client.get("/inbox/preferences/").content.decode()
        assert "Quiet things" in page and 'name="email_test_quiet" checked' not in page
        client.post("/inbox/preferences/", {"inbox_test_quiet": "on", "email_test_quiet": "on"})
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipient=member, actor=other_member, kind=quiet, text="Now by email")
        assert [m.subject for m in mail.outbox] == ["Ripple: Now by email"]
    finally:
        registry.notification_kinds.unregister("test_quiet")
