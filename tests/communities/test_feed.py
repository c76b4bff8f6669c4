"""The feed's community filter (in the page, no second request), the composer's "Post to" field, the
API's `space` and the card badge (ADR 0020)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ripple.communities import actions
from ripple.feed import actions as feed_actions
from ripple.feed.forms import NOT_YOUR_SPACE, PostForm
from ripple.feed.models import Post
from ripple.spaces import actions as space_actions
from tests.communities.conftest import client_for, make_community

pytestmark = pytest.mark.django_db


def _select(html: str) -> str:
    """The feed's community <select>, or "" when the page has none."""
    match = re.search(r'<select id="feed-space".*?</select>', html, re.S)
    return match.group(0) if match else ""


def _titles(html: str) -> list[str]:
    return re.findall(r'class="post-card-title"[^>]*><a [^>]*>([^<]+)</a>', html)


# --- the composer's "Post to" ----------------------------------------------------------------------


def test_post_to_a_community_from_the_feed_form(member_client, member, open_community, private):
    actions.join(actor=member, community=open_community)
    form = member_client.get(reverse("feed:new") + f"?space={open_community.space_id}").content.decode()
    assert "Post to" in form and "Everyone (the whole feed)" in form
    assert f'<option value="{open_community.space_id}" selected>Excel wizards</option>' in form
    assert "Secret sauce" not in form
    data = {
        "kind": "tip",
        "title": "Sheets tip",
        "body": "Use tables.",
        "space": str(open_community.space_id),
    }
    assert member_client.post(reverse("feed:new"), data).status_code == 302
    assert Post.objects.get().space_id == open_community.space_id


def test_post_to_lists_communities_and_cohorts_apart(member_client, member, open_community):
    actions.join(actor=member, community=open_community)
    cohort = space_actions.create_space(kind="cohort", name="Spring cohort", visibility="private")
    space_actions.add_member(space=cohort, person=member)
    form = member_client.get(reverse("feed:new")).content.decode()
    assert '<optgroup label="Communities">' in form and '<optgroup label="Cohorts">' in form
    assert form.index("Excel wizards") < form.index("Spring cohort")


@pytest.mark.parametrize("which", ["private", "open", "unknown", "junk"])
def test_posting_to_a_space_one_cannot_post_to_is_a_field_error(
    member_client, private, open_community, which
):
    """A forged id: a private community one is not in, an open one one may read but is not a member of,
    an id that does not exist, not a number. The form again with the sentence, nothing saved."""
    value = {
        "private": str(private.space_id), "open": str(open_community.space_id),
        "unknown": "987654321", "junk": "9" * 30,
    }[which]  # fmt: skip
    data = {"kind": "tip", "title": "Sneaky", "body": "x", "space": value}
    response = member_client.post(reverse("feed:new"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["space"] == [NOT_YOUR_SPACE]
    assert NOT_YOUR_SPACE in response.content.decode()
    assert not Post.objects.exists()


def test_the_field_error_shows_when_one_is_in_no_space_at_all(member_client, private):
    """With no space to choose the field is hidden; its error is still on the page."""
    data = {"kind": "tip", "title": "Sneaky", "body": "x", "space": str(private.space_id)}
    html = member_client.post(reverse("feed:new"), data).content.decode()
    assert 'type="hidden" name="space"' in html and NOT_YOUR_SPACE in html and "Secret sauce" not in html


def test_the_form_checks_membership_again_with_require_can_post(member, lead, private):
    """The choices were read before the member left: `require_can_post` refuses at validation."""
    space_actions.add_member(space=private.space, person=member)
    form = PostForm(
        {"kind": "tip", "title": "Late", "body": "x", "space": str(private.space_id)},
        spaces=[private.space],
        viewer=member,
    )
    actions.leave(actor=member, community=private)
    assert not form.is_valid() and form.errors["space"] == [NOT_YOUR_SPACE]


# --- the feed's community filter -------------------------------------------------------------------


def test_the_filter_lists_readable_communities_and_narrows_the_feed(
    member_client, member, lead, open_community, private
):
    other = make_community(lead, name="Other folk")
    feed_actions.post_create(actor=lead, kind="tip", title="In Excel", body="x", space=open_community.space)
    feed_actions.post_create(actor=lead, kind="tip", title="In Other", body="x", space=other.space)
    feed_actions.post_create(actor=lead, kind="tip", title="Everywhere", body="x")
    select = _select(member_client.get(reverse("feed:index")).content.decode())
    assert "All communities" in select and "Excel wizards" in select and "Other folk" in select
    assert "Secret sauce" not in select  # private, and not a member
    html = member_client.get(reverse("feed:index"), {"space": open_community.space_id}).content.decode()
    assert _titles(html) == ["In Excel"]
    assert f'<option value="{open_community.space_id}" selected>' in _select(html)
    assert member_client.get(reverse("feed:index"), {"space": "abc"}).status_code == 200
    assert member_client.get(reverse("feed:index"), {"space": "9" * 30}).status_code == 200
    assert "/feed/spaces/" not in html  # no second request for the list


def test_nothing_in_the_filter_form_has_hx_attributes_of_its_own(member_client, open_community):
    """An hx-* element in the form inherits hx-target="#results" (the lazily loaded dropdown replaced
    the results with itself): only the form itself speaks HTMX."""
    html = member_client.get(reverse("feed:index")).content.decode()
    form = re.search(r'<form class="toolbar".*?</form>', html, re.S).group(0)
    inside = form.split(">", 1)[1]
    assert "hx-" not in inside and 'id="feed-space"' in inside


def test_a_private_community_is_listed_for_its_members(lead, private):
    assert "Secret sauce" in _select(client_for(lead).get(reverse("feed:index")).content.decode())


def test_no_readable_community_shows_a_hint_to_the_directory(member_client):
    html = member_client.get(reverse("feed:index")).content.decode()
    assert _select(html) == ""
    assert f'href="{reverse("communities:index")}">Join a community to filter by it</a>' in html


def test_the_choice_survives_tabs_and_pages(member_client, member, lead, open_community):
    space = open_community.space
    feed_actions.post_create(actor=lead, kind="question", title="Excel question", body="?", space=space)
    feed_actions.post_create(actor=lead, kind="question", title="Outside question", body="?")
    html = member_client.get(reverse("feed:index"), {"space": space.pk}).content.decode()
    assert f'href="?tab=unsolved&amp;space={space.pk}"' in html
    for tab in ("unsolved", "unanswered", "for-me"):
        html = member_client.get(reverse("feed:index"), {"tab": tab, "space": space.pk}).content.decode()
        assert _titles(html) == ["Excel question"], tab
        assert f'<option value="{space.pk}" selected>' in _select(html), tab
    for i in range(21):
        feed_actions.post_create(actor=lead, kind="tip", title=f"Tip {i}", body="x", space=space)
    html = member_client.get(reverse("feed:index"), {"space": space.pk}).content.decode()
    older = re.search(r'href="(\?[^"]*cursor=[^"]*)">Older posts', html).group(1).replace("&amp;", "&")
    assert f"space={space.pk}" in older
    titles = _titles(member_client.get(reverse("feed:index") + older).content.decode())
    assert titles and "Outside question" not in titles


def test_the_htmx_fragment_carries_the_tabs_with_the_choice(member_client, lead, open_community):
    space_id = open_community.space_id
    feed_actions.post_create(actor=lead, kind="tip", title="In Excel", body="x", space=open_community.space)
    feed_actions.post_create(actor=lead, kind="tip", title="Everywhere", body="x")
    response = member_client.get(
        reverse("feed:index"), {"tab": "new", "space": space_id, "q": "", "kind": "", "department": ""},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )  # fmt: skip
    html = response.content.decode()
    assert _titles(html) == ["In Excel"] and "<form" not in html and "<html" not in html
    assert 'id="feed-tabs" aria-label="Feed views" hx-swap-oob="true"' in html
    assert f'href="?tab=unsolved&amp;space={space_id}"' in html


def test_the_feed_query_count_stays_flat_with_community_posts(member_client, lead, queries):
    community = make_community(lead, name="Busy")
    feed_actions.post_create(actor=lead, kind="tip", title="First", body="x", space=community.space)

    def grow():
        for i in range(5):
            c = make_community(lead, name=f"Busy {i}")
            feed_actions.post_create(actor=lead, kind="tip", title=f"T{i}", body="x", space=c.space)
            feed_actions.post_create(actor=lead, kind="tip", title=f"U{i}", body="x", space=community.space)

    # 8: the seven of the feed page and one for the community filter, however many communities
    queries.flat(lambda: queries.count(member_client, reverse("feed:index")), grow, exactly=8)
    assert _select(member_client.get(reverse("feed:index")).content.decode()).count("<option") == 7
    fragment = {"HX-Request": "true", "HX-Target": "results"}  # no filter, departments, kudos in it
    assert queries.count(member_client, reverse("feed:index"), headers=fragment) == 5


def test_community_badge_is_not_shown_to_outsiders_of_private(outsider, lead, private):
    feed_actions.post_create(actor=lead, kind="tip", title="Inner tip", body="x", space=private.space)
    html = client_for(outsider).get(reverse("feed:index")).content.decode()
    assert "Secret sauce" not in html and "Inner tip" not in html
    html = client_for(lead).get(reverse("feed:index")).content.decode()
    assert "Secret sauce" in html and "Inner tip" in html
