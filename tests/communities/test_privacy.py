"""A private community is invisible to non-members on every path: a test per path (ADR 0014, 0018)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ripple.communities import actions, selectors
from ripple.feed import actions as feed_actions
from ripple.notifications.models import Notification
from tests.communities.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(lead, private):
    feed_actions.post_create(actor=lead, kind="tip", title="Hidden tip", body="shh", space=private.space)
    actions.prompt_add(actor=lead, community=private, title="Hidden prompt", body="Do {{it}}")
    return private


def test_directory_and_search(outsider, secret):
    c = client_for(outsider)
    assert "Secret sauce" not in c.get(reverse("communities:index")).content.decode()
    assert "Secret sauce" not in c.get(reverse("communities:index") + "?q=secret").content.decode()


def test_page_and_every_write_404(outsider, secret):
    c = client_for(outsider)
    assert c.get(secret.get_absolute_url()).status_code == 404
    for name in ("join", "leave", "post", "prompt", "invite", "endorse", "withdraw", "series"):
        assert c.post(reverse(f"communities:{name}", args=[secret.slug])).status_code == 404, name


def test_admins_are_not_exempt(admin_client, secret):
    assert admin_client.get(secret.get_absolute_url()).status_code == 404
    assert "Secret sauce" not in admin_client.get(reverse("communities:index")).content.decode()


def test_api(client, outsider, secret):
    client.force_login(outsider)
    assert "Secret sauce" not in client.get("/api/v1/communities").content.decode()
    for path in ("", "/members", "/posts", "/prompts", "/requests"):
        assert client.get(f"/api/v1/communities/{secret.pk}{path}").status_code == 404, path


def test_feed_search_and_filter(outsider, secret):
    c = client_for(outsider)
    assert "Hidden tip" not in c.get(reverse("feed:index")).content.decode()
    assert "Hidden tip" not in c.get(reverse("feed:index") + "?q=hidden").content.decode()
    assert "Hidden tip" not in c.get(reverse("feed:index") + f"?space={secret.space_id}").content.decode()
    assert "Secret sauce" not in c.get(reverse("feed:index")).content.decode()  # the community filter
    assert "Secret sauce" not in c.get(reverse("feed:new")).content.decode()  # "Post to"
    for params in ({}, {"space": secret.space_id}):
        listed = c.get("/api/v1/posts", params).content.decode()
        assert "Hidden tip" not in listed and "Secret sauce" not in listed


def test_library(outsider, secret):
    c = client_for(outsider)
    assert "Hidden prompt" not in c.get(reverse("library:index") + "?q=hidden").content.decode()
    assert c.get(secret.collection.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("section", ["people:profile", "feed:person", "library:person", "showcase:person"])
def test_profile_page_and_its_sections(outsider, lead, secret, section):
    html = client_for(outsider).get(reverse(section, args=[lead.pk])).content.decode()
    assert "Secret sauce" not in html and "Hidden" not in html
    assert "Hidden tip" in client_for(lead).get(reverse("feed:person", args=[lead.pk])).content.decode()


def test_digest(outsider, secret):
    assert "Hidden tip" not in client_for(outsider).get(reverse("feed:digest")).content.decode()


def test_notifications_about_it_reach_members_only(outsider, lead, member, secret):
    actions.endorse(actor=type(lead).objects.create_user(email="boss@example.org", name="Boss", role="admin"),
                    community=secret, note="Backed")  # fmt: skip
    assert Notification.objects.filter(recipient=lead, kind="community_endorsed").exists()
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_counts_for_insights_name_nothing(secret):
    rows = selectors.figures(start=datetime.date(2020, 1, 1), end=timezone.localdate(), department_id=None)
    labels = {r["label"]: r["value"] for r in rows}
    assert labels["Communities"] == 1 and labels["Posts in open communities"] == 0
    assert "Secret" not in str(rows)


def test_the_feed_badge_links_only_for_readers(member, lead, open_community):
    actions.join(actor=member, community=open_community)
    feed_actions.post_create(actor=member, kind="tip", title="Open tip", body="x", space=open_community.space)
    html = client_for(member).get(reverse("feed:index")).content.decode()
    assert reverse("communities:by_space", args=[open_community.space_id]) in html and "Excel wizards" in html


def test_department_member_counts_are_suppressed_below_the_minimum(lead, open_community):
    from tests.factories import DepartmentFactory, UserFactory

    dept = DepartmentFactory(name="Tiny")
    actions.join(actor=UserFactory(department=dept), community=open_community)
    rows = selectors.figures(start=datetime.date(2020, 1, 1), end=timezone.localdate(), department_id=dept.pk)
    members = next(r for r in rows if r["label"] == "Community members")
    assert members["value"] is None and "Fewer than" in members["note"]
