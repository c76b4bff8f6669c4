"""Reports, hide/restore/lock by facilitators and admins, and the audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.feed.models import ModerationLog, PostState, Report

pytestmark = pytest.mark.django_db


def test_report_then_hide_then_restore_audited(client, member, other_member, facilitator, make_post):
    post = make_post(member, title="Questionable")
    client.force_login(other_member)
    client.post(reverse("feed:report", args=[post.pk]), {"reason": "Contains a customer's name"})
    client.post(reverse("feed:report", args=[post.pk]), {"reason": "again"})
    assert Report.objects.count() == 1
    client.force_login(facilitator)
    queue = client.get(reverse("feed:moderation")).content.decode()
    assert "Contains a customer" in queue
    client.post(reverse("feed:moderate", args=[post.pk]), {"action": "hide", "note": "privacy"})
    post.refresh_from_db()
    assert post.state == PostState.HIDDEN
    assert Report.objects.get().resolved_at is not None
    # hidden: members get 404, the author and moderators can still open it
    client.force_login(other_member)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert "Hidden by a moderator" in client.get(post.get_absolute_url()).content.decode()
    client.force_login(facilitator)
    client.post(reverse("feed:moderate", args=[post.pk]), {"action": "restore"})
    client.post(reverse("feed:moderate", args=[post.pk]), {"action": "lock"})
    post.refresh_from_db()
    assert post.state == PostState.LIVE and post.locked
    assert list(ModerationLog.objects.order_by("id").values_list("action", "actor")) == [
        ("hide", facilitator.pk),
        ("restore", facilitator.pk),
        ("lock", facilitator.pk),
    ]


def test_members_cannot_moderate(client, member, other_member, make_post):
    post = make_post(member)
    client.force_login(other_member)
    assert client.post(reverse("feed:moderate", args=[post.pk]), {"action": "hide"}).status_code == 403
    assert client.get(reverse("feed:moderation")).status_code == 403
    post.refresh_from_db()
    assert post.state == PostState.LIVE and not ModerationLog.objects.exists()


def test_unknown_moderation_action_is_a_clear_error(client, member, facilitator, make_post):
    post = make_post(member)
    client.force_login(facilitator)
    response = client.post(reverse("feed:moderate", args=[post.pk]), {"action": "explode"}, follow=True)
    assert response.status_code == 200 and "Choose hide" in response.content.decode()


def test_empty_report_is_refused(client, member, other_member, make_post):
    post = make_post(member)
    client.force_login(other_member)
    client.post(reverse("feed:report", args=[post.pk]), {"reason": ""})
    assert Report.objects.count() == 0


def test_moderator_delete_is_logged(client, member, facilitator, make_post):
    post = make_post(member)
    client.force_login(facilitator)
    client.post(reverse("feed:delete", args=[post.pk]))
    assert ModerationLog.objects.get().action == "delete"
