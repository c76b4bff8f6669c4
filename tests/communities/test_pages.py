from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.communities import actions
from ripple.communities.models import Community, Endorsement, JoinRequest
from ripple.feed import actions as feed_actions
from ripple.feed.models import Post
from ripple.library.models import Prompt
from ripple.notifications.models import Notification
from ripple.spaces import access as space_access
from tests.communities.conftest import client_for, make_community
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_through_the_form_makes_the_creator_lead(member_client, member):
    response = member_client.post(
        reverse("communities:new"),
        {"name": "Prompt crafters", "purpose": "Better prompts.", "visibility": "open"},
    )
    community = Community.objects.get()
    assert response.status_code == 302 and response["Location"] == community.get_absolute_url()
    assert space_access.is_lead(member, community.space)
    assert community.collection is not None and community.collection.space_id == community.space_id


def test_the_create_form_is_prefilled_from_the_query(member_client):
    html = member_client.get(
        reverse("communities:new") + "?name=sales-ai&purpose=AI+for+sales"
    ).content.decode()
    assert 'value="sales-ai"' in html and "AI for sales</textarea>" in html


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "", "purpose": "x", "visibility": "open"}, "name"),
        ({"name": "A", "purpose": "", "visibility": "open"}, "purpose"),
        ({"name": "A", "purpose": "x", "visibility": "secret"}, "visibility"),
        ({"name": "A" * 121, "purpose": "x", "visibility": "open"}, "name"),
        ({"name": "Bad\x00name", "purpose": "x", "visibility": "open"}, "name"),
    ],
)
def test_bad_input_changes_nothing(member_client, data, field):
    response = member_client.post(reverse("communities:new"), data)
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not Community.objects.exists()


def test_a_duplicate_name_is_a_field_error(member_client, open_community):
    response = member_client.post(
        reverse("communities:new"), {"name": "excel WIZARDS", "purpose": "x", "visibility": "open"}
    )
    assert response.status_code == 400 and "exists already" in response.content.decode()
    assert Community.objects.count() == 1


def test_join_post_prompt_and_leave_an_open_community(member_client, member, open_community):
    slug = open_community.slug
    assert member_client.post(reverse("communities:join", args=[slug])).status_code == 302
    assert space_access.is_member(member, open_community.space)
    member_client.post(
        reverse("communities:post", args=[slug]), {"kind": "tip", "title": "Use tables", "body": "Really."}
    )
    post = Post.objects.get()
    assert post.space_id == open_community.space_id and post.author == member
    member_client.post(
        reverse("communities:prompt", args=[slug]), {"title": "Clean a sheet", "body": "Clean {{sheet}}"}
    )
    prompt = Prompt.objects.get(title="Clean a sheet")
    assert prompt.space_id == open_community.space_id
    html = member_client.get(open_community.get_absolute_url()).content.decode()
    assert "Use tables" in html and "Clean a sheet" in html and "Maya Member" in html
    member_client.post(reverse("communities:leave", args=[slug]))
    assert not space_access.is_member(member, open_community.space)


def test_outsiders_cannot_post_in_an_open_community(member_client, open_community):
    response = member_client.post(
        reverse("communities:post", args=[open_community.slug]), {"kind": "tip", "title": "Hi", "body": "x"}
    )
    assert response.status_code == 403 and not Post.objects.exists()


def test_a_bad_post_is_a_message_and_nothing_changes(client, lead, open_community):
    c = client_for(lead)
    response = c.post(
        reverse("communities:post", args=[open_community.slug]), {"kind": "nope", "title": ""}, follow=True
    )
    assert response.status_code == 200 and not Post.objects.exists()


def test_the_last_lead_cannot_leave(lead, open_community):
    c = client_for(lead)
    response = c.post(reverse("communities:leave", args=[open_community.slug]), follow=True)
    assert "always keeps a lead" in response.content.decode()
    assert space_access.is_lead(lead, open_community.space)


def test_a_lead_makes_another_lead_then_may_step_down(lead, member, open_community):
    actions.join(actor=member, community=open_community)
    c = client_for(lead)
    c.post(reverse("communities:role", args=[open_community.slug, member.pk]), {"role": "lead"})
    assert space_access.is_lead(member, open_community.space)
    c.post(reverse("communities:leave", args=[open_community.slug]))
    assert not space_access.is_member(lead, open_community.space)


def test_private_request_link_approval_and_notifications(lead, member, private):
    c = client_for(member)
    assert c.get(private.get_absolute_url()).status_code == 404
    assert c.post(reverse("communities:join", args=[private.slug])).status_code == 404
    ask = reverse("communities:ask", args=[private.slug, private.request_token])
    assert c.get(reverse("communities:ask", args=[private.slug, "wrong"])).status_code == 404
    assert c.post(ask, {"message": "Please"}).status_code == 302
    request = JoinRequest.objects.get()
    note = Notification.objects.get(recipient=lead, kind="community_request")
    assert "Maya Member" in note.text
    lc = client_for(lead)
    lc.post(reverse("communities:approve", args=[private.slug, request.pk]))
    assert space_access.is_member(member, private.space)
    assert Notification.objects.filter(recipient=member, kind="community_approved").exists()
    again = lc.post(reverse("communities:approve", args=[private.slug, request.pk]), follow=True)
    assert "approved already" in again.content.decode()


def test_a_lead_invites_to_a_private_community(lead, member, private):
    client_for(lead).post(reverse("communities:invite", args=[private.slug]), {"person": str(member.pk)})
    assert Notification.objects.filter(recipient=member, kind="community_invited").exists()
    c = client_for(member)
    html = c.get(private.get_absolute_url()).content.decode()
    assert "You are invited" in html and "Members" not in html
    c.post(reverse("communities:join", args=[private.slug]))
    assert space_access.is_member(member, private.space)


def test_endorse_and_withdraw(admin_client, admin_user, lead, open_community):
    url = reverse("communities:endorse", args=[open_community.slug])
    admin_client.post(url, {"hours_per_month": "8", "budget": "2000", "note": "Keep going"})
    open_community.refresh_from_db()
    assert (
        open_community.endorsement.endorsed_by == admin_user
        and open_community.endorsement.hours_per_month == 8
    )
    assert Notification.objects.filter(recipient=lead, kind="community_endorsed").exists()
    html = client_for(lead).get(reverse("communities:index") + "?filter=endorsed").content.decode()
    assert "Excel wizards" in html and "Endorsed" in html
    admin_client.post(reverse("communities:withdraw", args=[open_community.slug]), {"reason": "Quiet"})
    open_community.refresh_from_db()
    assert open_community.endorsement is None
    assert Endorsement.objects.get().withdraw_reason == "Quiet"
    html = admin_client.get(open_community.get_absolute_url()).content.decode()
    assert "withdrawn" in html


@pytest.mark.parametrize(
    "data", [{"hours_per_month": "-1"}, {"budget": "abc"}, {}, {"hours_per_month": "99999"}]
)
def test_bad_endorsements_change_nothing(admin_client, open_community, data):
    admin_client.post(reverse("communities:endorse", args=[open_community.slug]), data)
    assert not Endorsement.objects.exists()


def test_members_cannot_endorse(member_client, open_community):
    response = member_client.post(reverse("communities:endorse", args=[open_community.slug]), {"note": "Me!"})
    assert response.status_code == 403 and not Endorsement.objects.exists()


def test_directory_is_sorted_by_activity_and_searchable(member_client, member, lead):
    quiet = make_community(lead, name="Quiet corner")
    busy = make_community(lead, name="Busy bees")
    for i in range(3):
        feed_actions.post_create(actor=lead, kind="tip", title=f"Tip {i}", body="x", space=busy.space)
    html = member_client.get(reverse("communities:index")).content.decode()
    assert html.index("Busy bees") < html.index("Quiet corner")
    html = member_client.get(reverse("communities:index") + "?q=quiet").content.decode()
    assert "Quiet corner" in html and "Busy bees" not in html
    actions.join(actor=member, community=quiet)
    html = member_client.get(reverse("communities:index") + "?filter=mine").content.decode()
    assert "Quiet corner" in html and "Busy bees" not in html


def test_directory_query_count_is_flat(member_client, lead, queries):
    admin = UserFactory(role="admin")
    make_community(lead, name="First")

    def grow():
        for _ in range(5):
            c = make_community(lead, name=f"Community {Community.objects.count()}")
            feed_actions.post_create(actor=lead, kind="tip", title="t", body="x", space=c.space)
            actions.endorse(actor=admin, community=c, note="yes")

    queries.flat(lambda: queries.count(member_client, reverse("communities:index")), grow, exactly=3)


def test_attach_a_series_the_lead_hosts(lead, open_community):
    from tests.showcase.conftest import make_series

    lead.role = "facilitator"
    lead.save()
    series = make_series(lead, title="Excel Fridays")
    c = client_for(lead)
    c.post(reverse("communities:series", args=[open_community.slug]), {"series": str(series.pk)})
    series.refresh_from_db()
    assert series.community_id == open_community.pk
    html = c.get(open_community.get_absolute_url()).content.decode()
    assert "Excel Fridays" in html and "Next:" in html
    assert (
        c.post(reverse("communities:series", args=[open_community.slug]), {"series": "x"}).status_code == 302
    )


def test_a_member_who_is_not_lead_cannot_attach(member, lead, open_community):
    from tests.showcase.conftest import make_series

    series = make_series(UserFactory(role="facilitator"))
    actions.join(actor=member, community=open_community)
    response = client_for(member).post(
        reverse("communities:series", args=[open_community.slug]), {"series": series.pk}
    )
    assert response.status_code == 403


def test_by_space_leads_to_the_community(member_client, open_community, private):
    response = member_client.get(reverse("communities:by_space", args=[open_community.space_id]))
    assert response["Location"] == open_community.get_absolute_url()
    assert member_client.get(reverse("communities:by_space", args=[private.space_id])).status_code == 404
    assert member_client.get(reverse("communities:by_space", args=[999999])).status_code == 404
