"""`GET /api/v1/posts` names the community or cohort of a post (`space`), filters by it (`?space=`), and
`POST /api/v1/posts` posts to one (`space_id`): members only; never a 500 for a bad id."""

from __future__ import annotations

import pytest

from ripple.communities import actions
from ripple.feed import actions as feed_actions
from ripple.feed.models import Post
from ripple.spaces import actions as space_actions
from tests.communities.conftest import make_community

pytestmark = pytest.mark.django_db


def _post(actor, title, space=None, kind="tip"):
    return feed_actions.post_create(actor=actor, kind=kind, title=title, body="x", space=space)


def test_items_carry_their_space(api, member, lead, open_community):
    cohort = space_actions.create_space(kind="cohort", name="Spring cohort", visibility="private")
    space_actions.add_member(space=cohort, person=member)
    _post(lead, "In Excel", open_community.space)
    _post(member, "In the cohort", cohort)
    _post(lead, "Everywhere")
    items = {p["title"]: p["space"] for p in api.get("/api/v1/posts").json()["items"]}
    assert items == {
        "In Excel": {"id": open_community.space_id, "name": "Excel wizards", "kind": "community"},
        "In the cohort": {"id": cohort.pk, "name": "Spring cohort", "kind": "cohort"},
        "Everywhere": None,
    }
    one = Post.objects.get(title="In Excel")
    assert api.get(f"/api/v1/posts/{one.pk}").json()["space"]["name"] == "Excel wizards"


def test_the_space_filter(api, member, lead, open_community, private):
    _post(lead, "In Excel", open_community.space)
    _post(lead, "In secret", private.space)
    _post(lead, "Everywhere")

    def titles(**params):
        response = api.get("/api/v1/posts", params)
        assert response.status_code == 200, response.content
        return [p["title"] for p in response.json()["items"]]

    assert titles(space=open_community.space_id) == ["In Excel"]
    # like ?department=: an id that matches nothing readable is an empty list (a private one included:
    # the same answer as an id that does not exist, so it tells nothing)
    assert titles(space=private.space_id) == []
    assert titles(space=987654321) == []
    assert titles(space=open_community.space_id, kind="win") == []
    space_actions.add_member(space=private.space, person=member)
    assert titles(space=private.space_id) == ["In secret"]


@pytest.mark.parametrize("value", ["abc", str(2**63), str(-(2**63) - 1), "1.5"])
def test_a_bad_space_filter_is_a_422(api, value):
    response = api.get("/api/v1/posts", {"space": value})
    assert response.status_code == 422 and "space" in response.json()["errors"]


def test_post_to_a_space(api, member, open_community):
    actions.join(actor=member, community=open_community)
    response = api.post(
        "/api/v1/posts", {"kind": "tip", "title": "Tables", "body": "x", "space_id": open_community.space_id}
    )
    assert response.status_code == 201, response.content
    assert response.json()["space"] == {
        "id": open_community.space_id,
        "name": "Excel wizards",
        "kind": "community",
    }
    assert Post.objects.get().space_id == open_community.space_id
    response = api.post("/api/v1/posts", {"kind": "tip", "title": "For all", "body": "x", "space_id": None})
    assert response.status_code == 201 and response.json()["space"] is None


def test_posting_to_a_space_one_may_not_post_to(api, open_community, private):
    def send(space_id):
        return api.post(
            "/api/v1/posts", {"kind": "tip", "title": "Sneaky", "body": "x", "space_id": space_id}
        )

    readable = send(open_community.space_id)  # may read it, not a member
    assert readable.status_code == 403 and "join" in readable.json()["detail"]
    for space_id in (private.space_id, 987654321):  # private and not a member, or none: the same 404
        assert send(space_id).status_code == 404
    for space_id in (2**63, "abc"):
        response = send(space_id)
        assert response.status_code == 422 and "space_id" in response.json()["errors"]
    assert not Post.objects.exists()


def test_leaving_keeps_the_post_but_not_the_right_to_post(api, member, lead):
    community = make_community(lead, name="Leavers", visibility="open")
    actions.join(actor=member, community=community)
    body = {"kind": "tip", "title": "Before", "body": "x", "space_id": community.space_id}
    assert api.post("/api/v1/posts", body).status_code == 201
    actions.leave(actor=member, community=community)
    assert api.post("/api/v1/posts", {**body, "title": "After"}).status_code == 403
    assert [p["title"] for p in api.get("/api/v1/posts", {"space": community.space_id}).json()["items"]] == [
        "Before"
    ]


def test_list_query_count_with_private_spaces(api, member, lead, queries):
    """One query more, whatever the number of private spaces, when the page has a post in one."""
    api.get("/api/v1/me")  # the token's first use is recorded once
    first = make_community(lead, name="Inner 0", visibility="private")
    space_actions.add_member(space=first.space, person=member)
    _post(lead, "P0", first.space)

    def grow() -> None:
        for i in range(1, 8):
            c = make_community(lead, name=f"Inner {i}", visibility="private")
            space_actions.add_member(space=c.space, person=member)
            _post(lead, f"P{i}", c.space)

    # token, rate count, page, topics, reactions, readable spaces
    queries.flat(lambda: queries.count(api, "/api/v1/posts", {"limit": 50}), grow, exactly=6)


def test_with_spaces_fails_closed(outsider, lead, private, open_community):
    """A post that reached it unchecked still names no space the viewer may not read."""
    from ripple.feed import selectors

    inner, outer = _post(lead, "Inner", private.space), _post(lead, "Outer", open_community.space)
    shown = selectors.with_spaces([inner, outer, _post(lead, "None")], outsider)
    assert [p.shown_space for p in shown] == [None, open_community.space, None]
    assert selectors.with_spaces([inner], lead)[0].shown_space == private.space
