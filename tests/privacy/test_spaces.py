"""Spaces (ADR 0014): what is posted in a private cohort's or community's space is invisible to everyone
who is not a member — admins included — on every path: pages, search, HTMX lookups, the API, exports,
the digest, notifications, moderation lists and counts. An open space's content is readable by all,
but only members add to it.

Ines is in the private space "Night owls", Otto is not, Ada is an admin who is not a member either.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ripple.communities import actions as community_actions
from ripple.feed import actions as feed_actions
from ripple.feed import selectors as feed_selectors
from ripple.library import actions as library_actions
from ripple.notifications import digest
from ripple.notifications.models import Notification
from ripple.people import actions as people_actions
from ripple.people.models import Role
from ripple.spaces import access as space_access
from ripple.spaces import actions as space_actions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarquux"


@pytest.fixture
def insider(db):
    return UserFactory(name="Ines Insider", email="ines@example.org")


@pytest.fixture
def outsider(db):
    return UserFactory(name="Otto Outsider", email="otto@example.org")


@pytest.fixture
def admin(db):
    return UserFactory(name="Ada Admin", email="ada@example.org", role=Role.ADMIN)


@pytest.fixture
def space(insider):
    return space_actions.create_space(kind="cohort", name="Night owls", visibility="private", leads=[insider])


@pytest.fixture
def secret_post(space, insider):
    return feed_actions.post_create(
        actor=insider,
        space=space,
        kind="question",
        title=f"How do I prompt for {SECRET} reports",
        body=f"Our {SECRET} summaries keep inventing numbers.",
        topics="reporting",
    )


@pytest.fixture
def secret_prompt(space, insider):
    return library_actions.prompt_create(
        actor=insider, space=space, title=f"{SECRET} summariser", body=f"Summarise the {SECRET} report."
    )


@pytest.fixture
def secret_collection(space, insider, secret_prompt):
    collection = library_actions.collection_create(actor=insider, space=space, title=f"{SECRET} pack")
    library_actions.collection_add(actor=insider, collection=collection, prompt=secret_prompt)
    return collection


def _client(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def _bearer(person) -> dict[str, str]:
    _token, raw = people_actions.token_create(user=person, name="spaces")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture(params=["outsider", "admin"])
def stranger(request, outsider, admin):
    return {"outsider": outsider, "admin": admin}[request.param]


# --- the feed ----------------------------------------------------------------------------------


def test_members_see_the_post_on_every_path(insider, secret_post):
    c = _client(insider)
    assert SECRET in c.get(reverse("feed:index")).content.decode()
    assert SECRET in c.get(reverse("feed:index"), {"q": SECRET}).content.decode()
    assert c.get(reverse("feed:post", args=[secret_post.pk])).status_code == 200
    listed = c.get("/api/v1/posts", headers=_bearer(insider)).json()
    assert secret_post.pk in [p["id"] for p in listed["items"]]


def test_feed_pages_and_search_hide_the_post(stranger, secret_post):
    c = _client(stranger)
    url = reverse("feed:post", args=[secret_post.pk])
    for params in ({}, {"q": SECRET}, {"q": "inventing numbers"}, {"tab": "hot"}, {"topic": "reporting"}):
        html = c.get(reverse("feed:index"), params).content.decode()
        assert url not in html and "reports</" not in html and "inventing" not in html.split("</form>")[-1], (
            params
        )
    assert c.get(reverse("feed:post", args=[secret_post.pk])).status_code == 404


def test_feed_api_hides_the_post(stranger, secret_post):
    headers = _bearer(stranger)
    c = Client()
    listed = c.get("/api/v1/posts", {"q": SECRET}, headers=headers)
    assert listed.status_code == 200 and listed.json()["items"] == []
    assert c.get(f"/api/v1/posts/{secret_post.pk}", headers=headers).status_code == 404
    reply = c.post(
        f"/api/v1/posts/{secret_post.pk}/replies",
        {"body": "let me in"},
        content_type="application/json",
        headers=headers,
    )
    assert reply.status_code == 404


def test_similar_questions_do_not_suggest_it(stranger, insider, secret_post):
    title = f"prompt for {SECRET} reports"
    assert feed_selectors.similar_questions(viewer=stranger, title=title) == []
    assert [s.post.pk for s in feed_selectors.similar_questions(viewer=insider, title=title)] == [
        secret_post.pk
    ]
    html = _client(stranger).get(reverse("feed:similar"), {"title": title}).content.decode()
    assert SECRET not in html


def test_topic_counts_leave_it_out(outsider, secret_post):
    topics = {t.name: t.post_count for t in feed_selectors.topics_to_follow(outsider)}
    assert topics.get("reporting", 0) == 0


def test_digest_leaves_it_out(stranger, insider, space):
    feed_actions.post_create(
        actor=insider, space=space, kind="win", title=f"{SECRET} win", body="Saved hours.", minutes_saved=600
    )
    theirs = digest.build(viewer=stranger)
    assert SECRET not in repr(theirs.parts)
    assert SECRET in repr(digest.build(viewer=insider).parts)
    feed_theirs = feed_selectors.digest(stranger, digest.window_start())
    feed_mine = feed_selectors.digest(insider, digest.window_start())
    assert feed_theirs.minutes_saved == 0 and not feed_theirs.wins
    assert feed_mine.minutes_saved == 600 and [p.title for p in feed_mine.wins] == [f"{SECRET} win"]


def test_moderation_list_leaves_it_out(admin, insider, secret_post):
    feed_actions.post_delete(actor=insider, post=secret_post)
    assert secret_post.pk not in [p.pk for p in feed_selectors.removed_posts(viewer=admin)]


def test_kudos_never_link_a_private_post(insider, outsider, space, secret_post):
    other = UserFactory(name="Mia Member")
    space_actions.add_member(space=space, person=other)
    kudos = feed_actions.kudos_give(actor=insider, recipients=[other], message="thanks", post=secret_post)
    assert kudos.post_id is None


# --- a private community's name: the feed's filter, "Post to", the API's `space` ------------------


@pytest.fixture
def secret_community(insider):
    return community_actions.community_create(
        actor=insider, name=f"{SECRET} circle", purpose="Quiet prompting.", visibility="private"
    )


def _names_it(person, community, post) -> list[str]:
    """Where `person` is told the community's name (its posts carry no secret of their own)."""
    c, api, headers = _client(person), Client(), _bearer(person)
    space_id = community.space_id
    found = []
    for params in ({}, {"tab": "hot"}, {"tab": "unsolved"}, {"tab": "for-me"}, {"space": space_id}):
        if SECRET in c.get(reverse("feed:index"), params).content.decode():
            found.append(f"feed {params}")
    fragment = {"HX-Request": "true", "HX-Target": "results"}
    if SECRET in c.get(reverse("feed:index"), {"space": space_id}, headers=fragment).content.decode():
        found.append("feed fragment")
    if SECRET in c.get(reverse("feed:new"), {"space": space_id}).content.decode():
        found.append("composer")
    for params in ({}, {"space": space_id}, {"search": "Inner"}):
        if SECRET in api.get("/api/v1/posts", params, headers=headers).content.decode():
            found.append(f"api list {params}")
    if SECRET in api.get(f"/api/v1/posts/{post.pk}", headers=headers).content.decode():
        found.append("api post")
    return found


def test_a_private_community_is_not_named_to_strangers(stranger, insider, secret_community):
    post = feed_actions.post_create(
        actor=insider, space=secret_community.space, kind="question", title="Inner question", body="x"
    )
    feed_actions.post_create(actor=insider, kind="tip", title="Outer tip", body="x")
    assert _names_it(stranger, secret_community, post) == []
    assert Client().get(f"/api/v1/posts/{post.pk}", headers=_bearer(stranger)).status_code == 404
    sent = Client().post(
        "/api/v1/posts",
        {"kind": "tip", "title": "Sneak", "body": "x", "space_id": secret_community.space_id},
        content_type="application/json",
        headers=_bearer(stranger),
    )
    assert sent.status_code == 404 and SECRET not in sent.content.decode()
    form = _client(stranger).post(
        reverse("feed:new"),
        {"kind": "tip", "title": "Sneak", "body": "x", "space": secret_community.space_id},
    )
    assert form.status_code == 400 and SECRET not in form.content.decode()
    assert not feed_selectors.feed_page(viewer=stranger, space_id=secret_community.space_id).items
    # its members are told, on every one of those paths
    assert len(_names_it(insider, secret_community, post)) == 11


def test_a_member_who_leaves_is_no_longer_told_its_name(insider, secret_community):
    member = UserFactory(name="Lou Leaver", email="lou@example.org")
    community_actions.invite(actor=insider, community=secret_community, person=member)
    community_actions.join(actor=member, community=secret_community)
    post = feed_actions.post_create(
        actor=insider, space=secret_community.space, kind="question", title="Inner question", body="x"
    )
    assert len(_names_it(member, secret_community, post)) == 11
    community_actions.leave(actor=member, community=secret_community)
    assert _names_it(member, secret_community, post) == []
    assert Client().get(f"/api/v1/posts/{post.pk}", headers=_bearer(member)).status_code == 404


# --- notifications -----------------------------------------------------------------------------


def test_mentions_in_a_private_space_tell_members_only(insider, outsider, admin, space):
    member = UserFactory(name="Mo Member", email="mo@example.org")
    space_actions.add_member(space=space, person=member)
    feed_actions.post_create(
        actor=insider,
        space=space,
        kind="tip",
        title=f"{SECRET} tip",
        body="Ask @otto and @ada and @mo about it.",
    )
    assert not Notification.objects.filter(recipient__in=[outsider, admin]).exists()
    assert Notification.objects.filter(recipient=member, kind="mention").count() == 1


def test_topic_followers_outside_the_space_hear_nothing(insider, outsider, space):
    feed_actions.post_create(actor=insider, kind="tip", title="Public tip", body="x", topics="reporting")
    feed_actions.topic_follow(actor=outsider, topic_name="reporting")
    Notification.objects.all().delete()
    feed_actions.post_create(
        actor=insider, space=space, kind="tip", title=f"{SECRET} tip", body="x", topics="reporting"
    )
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_leaving_the_space_hides_its_old_notifications(insider, space):
    member = UserFactory(name="Lea Leaver", email="lea@example.org")
    space_actions.add_member(space=space, person=member)
    feed_actions.post_create(actor=insider, space=space, kind="tip", title=f"{SECRET} tip", body="Hi @lea")
    c = _client(member)
    assert SECRET in c.get(reverse("notifications:inbox")).content.decode()
    space_actions.remove_member(space=space, person=member)
    assert SECRET not in c.get(reverse("notifications:inbox")).content.decode()
    listed = Client().get("/api/v1/notifications", headers=_bearer(member))
    assert listed.status_code == 200 and SECRET not in listed.content.decode()


# --- the library -------------------------------------------------------------------------------


def test_library_pages_search_and_api_hide_the_prompt(stranger, insider, secret_prompt, secret_collection):
    c = _client(stranger)
    url = reverse("library:prompt", args=[secret_prompt.pk])
    for params in ({}, {"q": SECRET}, {"q": "summariser"}):
        assert url not in c.get(reverse("library:index"), params).content.decode(), params
    assert c.get(reverse("library:prompt", args=[secret_prompt.pk])).status_code == 404
    assert c.get(reverse("library:collection", args=[secret_collection.pk])).status_code == 404
    assert SECRET not in c.get(reverse("library:collections")).content.decode()
    api = Client()
    headers = _bearer(stranger)
    assert api.get("/api/v1/prompts", {"q": SECRET}, headers=headers).json()["items"] == []
    assert api.get(f"/api/v1/prompts/{secret_prompt.pk}", headers=headers).status_code == 404
    fork = api.post(
        f"/api/v1/prompts/{secret_prompt.pk}/fork", content_type="application/json", headers=headers
    )
    assert fork.status_code == 404


def test_members_find_the_prompt(insider, secret_prompt, secret_collection):
    c = _client(insider)
    assert SECRET in c.get(reverse("library:index"), {"q": SECRET}).content.decode()
    assert c.get(reverse("library:prompt", args=[secret_prompt.pk])).status_code == 200
    assert SECRET in c.get(reverse("library:collection", args=[secret_collection.pk])).content.decode()


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "open-webui", "prompts-chat"])
def test_exports_leave_it_out(stranger, secret_prompt, fmt):
    response = _client(stranger).get(reverse("library:export"), {"format": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET.encode() not in body


def test_shell_export_leaves_it_out(secret_prompt):
    from ripple.library import exporting

    assert secret_prompt.pk not in set(exporting.exportable_prompts(None).values_list("pk", flat=True))


# --- the rule itself ---------------------------------------------------------------------------


def test_open_space_is_read_by_all_but_added_to_by_members(insider, outsider):
    open_space = space_actions.create_space(kind="community", name="Prompt nerds", leads=[insider])
    post = feed_actions.post_create(actor=insider, space=open_space, kind="tip", title="Open tip", body="x")
    assert _client(outsider).get(reverse("feed:post", args=[post.pk])).status_code == 200
    with pytest.raises(PermissionDenied):
        feed_actions.post_create(actor=outsider, space=open_space, kind="tip", title="Nope", body="x")
    with pytest.raises(PermissionDenied):
        library_actions.prompt_create(actor=outsider, space=open_space, title="Nope", body="x")


def test_outsiders_cannot_post_into_a_private_space(outsider, admin, space):
    for person in (outsider, admin):
        with pytest.raises(PermissionDenied):
            feed_actions.post_create(actor=person, space=space, kind="tip", title="Sneak", body="x")


def test_access_space_is_404_for_non_members(outsider, insider, space):
    from django.http import Http404

    with pytest.raises(Http404):
        space_access.access_space(outsider, space.pk)
    assert space_access.access_space(insider, space.pk) == space
    assert space_access.readers_among(space, [insider.pk, outsider.pk]) == {insider.pk}


def test_member_count_follows_joins_and_leaves(insider, outsider, space):
    space_actions.add_member(space=space, person=outsider)
    space_actions.add_member(space=space, person=outsider)
    space.refresh_from_db()
    assert space.member_count == 2
    space_actions.remove_member(space=space, person=outsider)
    space.refresh_from_db()
    assert space.member_count == 1


# --- insights ----------------------------------------------------------------------------------


def test_insights_treat_private_space_objects_as_hidden(stranger, insider, secret_post, secret_prompt):
    from ripple.core import registry

    public = feed_actions.post_create(actor=insider, kind="tip", title="Public tip", body="x")
    assert registry.hidden_object_ids("feed.post", [secret_post.pk, public.pk]) == {secret_post.pk}
    assert registry.hidden_object_ids("library.prompt", [secret_prompt.pk]) == {secret_prompt.pk}
    assert registry.visible_object_ids(stranger, "feed.post", [secret_post.pk, public.pk]) == {public.pk}
    assert registry.visible_object_ids(stranger, "library.prompt", [secret_prompt.pk]) == set()
    assert registry.visible_object_ids(insider, "library.prompt", [secret_prompt.pk]) == {secret_prompt.pk}
