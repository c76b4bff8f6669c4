"""The feed's community filter, "Post in" field and card badge (ADR 0020)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.communities import actions
from ripple.feed import actions as feed_actions
from ripple.feed.models import Post
from tests.communities.conftest import client_for, make_community

pytestmark = pytest.mark.django_db


def test_post_in_a_community_from_the_feed_form(member_client, member, open_community, private):
    actions.join(actor=member, community=open_community)
    form = member_client.get(reverse("feed:new") + f"?space={open_community.space_id}").content.decode()
    assert "Post in" in form and "Excel wizards" in form and "Secret sauce" not in form
    data = {
        "kind": "tip",
        "title": "Sheets tip",
        "body": "Use tables.",
        "space": str(open_community.space_id),
    }
    assert member_client.post(reverse("feed:new"), data).status_code == 302
    assert Post.objects.get().space_id == open_community.space_id


def test_posting_in_a_space_one_is_not_in_is_a_field_error(member_client, private):
    data = {"kind": "tip", "title": "Sneaky", "body": "x", "space": str(private.space_id)}
    response = member_client.post(reverse("feed:new"), data)
    assert response.status_code == 400 and "space" in response.context["form"].errors
    assert not Post.objects.exists()


def test_the_filter_lists_readable_communities_and_narrows_the_feed(
    member_client, member, lead, open_community
):
    other = make_community(lead, name="Other folk")
    feed_actions.post_create(actor=lead, kind="tip", title="In Excel", body="x", space=open_community.space)
    feed_actions.post_create(actor=lead, kind="tip", title="In Other", body="x", space=other.space)
    feed_actions.post_create(actor=lead, kind="tip", title="Everywhere", body="x")
    choices = member_client.get(reverse("feed:spaces")).content.decode()
    assert "Excel wizards" in choices and "Other folk" in choices
    html = member_client.get(reverse("feed:index") + f"?space={open_community.space_id}").content.decode()
    assert "In Excel" in html and "In Other" not in html and "Everywhere" not in html
    assert member_client.get(reverse("feed:index") + "?space=abc").status_code == 200


def test_the_feed_query_count_stays_flat_with_community_posts(member_client, lead, queries):
    community = make_community(lead, name="Busy")
    feed_actions.post_create(actor=lead, kind="tip", title="First", body="x", space=community.space)

    def grow():
        for i in range(5):
            c = make_community(lead, name=f"Busy {i}")
            feed_actions.post_create(actor=lead, kind="tip", title=f"T{i}", body="x", space=c.space)
            feed_actions.post_create(actor=lead, kind="tip", title=f"U{i}", body="x", space=community.space)

    queries.flat(lambda: queries.count(member_client, reverse("feed:index")), grow, exactly=7)


def test_community_badge_is_not_shown_to_outsiders_of_private(outsider, lead, private):
    feed_actions.post_create(actor=lead, kind="tip", title="Inner tip", body="x", space=private.space)
    html = client_for(outsider).get(reverse("feed:index")).content.decode()
    assert "Secret sauce" not in html and "Inner tip" not in html
    html = client_for(lead).get(reverse("feed:index")).content.decode()
    assert "Secret sauce" in html and "Inner tip" in html
