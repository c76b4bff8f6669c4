"""Reports, hide/restore/lock by facilitators and admins, and the audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.feed import actions
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


def test_hidden_posts_are_404_in_the_api_for_members(
    client, api, member, other_member, facilitator, make_post
):
    post = make_post(other_member, title="Hidden from members")
    actions.post_moderate(actor=facilitator, post=post, action="hide")
    assert api.get(f"/api/v1/posts/{post.pk}").status_code == 404
    assert api.post(f"/api/v1/posts/{post.pk}/replies", {"body": "hi"}).status_code == 404
    assert "Hidden from members" not in api.get("/api/v1/posts").content.decode()


def test_moderation_page_lists_hidden_and_deleted_posts_for_restore(
    client, member, facilitator, admin_user, make_post
):
    hidden, deleted = make_post(member, title="Hidden one"), make_post(member, title="Deleted one")
    actions.post_moderate(actor=facilitator, post=hidden, action="hide")
    actions.post_delete(actor=member, post=deleted)
    client.force_login(facilitator)
    page = client.get(reverse("feed:moderation")).content.decode()
    assert "Hidden one" in page and "Deleted one" not in page
    client.force_login(admin_user)
    page = client.get(reverse("feed:moderation")).content.decode()
    assert "Hidden one" in page and "Deleted one" in page
    client.post(reverse("feed:moderate", args=[deleted.pk]), {"action": "restore"})
    deleted.refresh_from_db()
    assert deleted.state == PostState.LIVE
