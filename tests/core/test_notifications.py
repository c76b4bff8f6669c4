"""core.notifications: any app's notification reaches the inbox and, through the feed's delivery, email."""

from __future__ import annotations

import pytest
from django.core import mail

from ripple.core.models import Notification, NotificationKind
from ripple.core.notifications import notify
from ripple.feed import actions as feed_actions
from ripple.library import actions as library_actions
from tests.factories import UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_library_reuse_notifies_owner_and_emails_at_once(
    member, other_member, django_capture_on_commit_callbacks
):
    prompt = make_prompt(owner=other_member)
    with django_capture_on_commit_callbacks(execute=True):
        library_actions.reuse_record(actor=member, prompt=prompt, minutes_saved=25)
    notification = Notification.objects.get(recipient=other_member, kind=NotificationKind.REUSE)
    assert "saved 25 minutes" in notification.text and notification.emailed_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [other_member.email]


def test_no_notification_for_your_own_action_or_a_deactivated_recipient(member):
    assert notify(recipient=member, actor=member, kind=NotificationKind.KUDOS, text="x") is None
    gone = UserFactory(is_active=False)
    assert notify(recipient=gone, actor=member, kind=NotificationKind.KUDOS, text="x") is None
    assert Notification.objects.count() == 0


def test_without_emails_keeps_the_inbox_but_sends_nothing(
    member, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), feed_actions.without_emails():
        notify(recipient=member, actor=other_member, kind=NotificationKind.KUDOS, text="Thanks!")
    assert Notification.objects.filter(recipient=member).count() == 1
    assert mail.outbox == []
