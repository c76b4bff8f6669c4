"""Favourites: star a prompt from its page or the API, find it again with the "favourites" filter."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from ripple.library import actions
from ripple.library.models import Favourite
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def _favourite_url(prompt) -> str:
    return reverse("library:prompt_favourite", args=[prompt.pk])


def _api_ids(api, **params) -> list[int]:
    response = api.get("/api/v1/prompts", params)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


def _page_titles(client, **params) -> str:
    response = client.get(reverse("library:index"), params)
    assert response.status_code == 200
    return response.content.decode()


# --- the page ----------------------------------------------------------------------------------


def test_toggle_on_the_prompt_page(member_client, member, other_member):
    prompt = make_prompt(other_member, title="Renewal email")
    page = member_client.get(prompt.get_absolute_url()).content.decode()
    assert _favourite_url(prompt) in page
    assert 'aria-pressed="false"' in page and "Favourited" not in page

    response = member_client.post(_favourite_url(prompt), {"on": "1"})
    assert response.status_code == 302 and response["Location"] == prompt.get_absolute_url()
    assert Favourite.objects.filter(prompt=prompt, person=member).count() == 1
    page = member_client.get(prompt.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page and "Favourited" in page

    member_client.post(_favourite_url(prompt), {"on": "0"})
    assert not Favourite.objects.filter(prompt=prompt, person=member).exists()
    assert "Favourited" not in member_client.get(prompt.get_absolute_url()).content.decode()


def test_page_toggle_is_idempotent_and_post_only(member_client, member, other_member):
    prompt = make_prompt(other_member)
    for _ in range(2):
        assert member_client.post(_favourite_url(prompt), {"on": "1"}).status_code == 302
    assert Favourite.objects.filter(prompt=prompt, person=member).count() == 1
    for _ in range(2):
        assert member_client.post(_favourite_url(prompt), {"on": "0"}).status_code == 302
    assert not Favourite.objects.exists()
    assert member_client.get(_favourite_url(prompt)).status_code == 405


def test_owner_can_favourite_their_own_prompt(member_client, member):
    prompt = make_prompt(member)
    member_client.post(_favourite_url(prompt), {"on": "1"})
    assert Favourite.objects.filter(prompt=prompt, person=member).exists()


def test_favourites_filter_on_the_page_shows_only_my_favourites(member_client, member, other_member):
    starred = make_prompt(other_member, title="Starred quarterly recap")
    make_prompt(other_member, title="Unstarred meeting notes")
    theirs = make_prompt(member, title="Someone else starred this")
    actions.favourite_set(actor=member, prompt=starred, on=True)
    actions.favourite_set(actor=other_member, prompt=theirs, on=True)

    everything = _page_titles(member_client)
    assert "Starred quarterly recap" in everything and "Unstarred meeting notes" in everything
    assert 'name="favourites"' in everything  # the checkbox next to "Mine"

    page = _page_titles(member_client, favourites="1")
    assert "Starred quarterly recap" in page
    assert "Unstarred meeting notes" not in page
    assert "Someone else starred this" not in page
    assert 'id="library-favourites" type="checkbox" name="favourites" value="1" checked' in page

    # The filter also narrows a search.
    searched = _page_titles(member_client, favourites="1", q="notes recap")
    assert "Starred quarterly recap" in searched and "Unstarred meeting notes" not in searched


def test_no_favourites_yet_says_what_to_do(member_client, member, other_member):
    make_prompt(other_member, title="Not starred")
    page = _page_titles(member_client, favourites="1")
    assert "Not starred" not in page
    assert "No favourites here yet" in page


# --- the API -----------------------------------------------------------------------------------


def test_toggle_through_the_api_is_idempotent(api, member, other_member):
    prompt = make_prompt(other_member)
    url = f"/api/v1/prompts/{prompt.pk}/favourite"
    for _ in range(2):
        response = api.put(url)
        assert response.status_code == 204
        assert response.content == b""
    assert Favourite.objects.filter(prompt=prompt, person=member).count() == 1
    for _ in range(2):
        assert api.delete(url).status_code == 204
    assert not Favourite.objects.exists()


def test_favourites_filter_in_the_api_shows_only_my_favourites(api, member, other_member):
    starred = make_prompt(other_member, title="Starred quarterly recap")
    plain = make_prompt(other_member, title="Unstarred meeting notes")
    theirs = make_prompt(member, title="Someone else starred this")
    api.put(f"/api/v1/prompts/{starred.pk}/favourite")
    actions.favourite_set(actor=other_member, prompt=theirs, on=True)

    assert set(_api_ids(api)) == {starred.pk, plain.pk, theirs.pk}
    assert _api_ids(api, favourites="true") == [starred.pk]
    assert _api_ids(api, favourites="true", search="recap notes") == [starred.pk]

    api.delete(f"/api/v1/prompts/{starred.pk}/favourite")
    assert _api_ids(api, favourites="true") == []


# --- privacy -----------------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["private", "department"])
def test_a_prompt_i_may_not_see_is_404_and_nothing_is_stored(member_client, api, member, visibility):
    owner = UserFactory(department=DepartmentFactory(name="Elsewhere"))
    hidden = make_prompt(owner, title="Not for you", visibility=visibility, department=owner.department)
    assert member_client.post(_favourite_url(hidden), {"on": "1"}).status_code == 404
    assert member_client.post(_favourite_url(hidden), {"on": "0"}).status_code == 404
    assert api.put(f"/api/v1/prompts/{hidden.pk}/favourite").status_code == 404
    assert api.delete(f"/api/v1/prompts/{hidden.pk}/favourite").status_code == 404
    assert not Favourite.objects.exists()
    with pytest.raises(Http404):  # the action checks too, whoever calls it
        actions.favourite_set(actor=member, prompt=hidden, on=True)
    assert not Favourite.objects.exists()


def test_unknown_prompt_is_404(member_client, api):
    assert (
        member_client.post(reverse("library:prompt_favourite", args=[999999]), {"on": "1"}).status_code == 404
    )
    assert api.put("/api/v1/prompts/999999/favourite").status_code == 404


def test_my_favourites_stay_mine(member_client, member, other_member):
    """Another person's favourites never show as mine, on the page or on the prompt."""
    prompt = make_prompt(member, title="Loved by Otto")
    actions.favourite_set(actor=other_member, prompt=prompt, on=True)
    assert "Favourited" not in member_client.get(prompt.get_absolute_url()).content.decode()
    assert "Loved by Otto" not in _page_titles(member_client, favourites="1")


def test_a_favourite_that_became_private_drops_out_of_the_filter(api, member, other_member):
    prompt = make_prompt(other_member, title="Soon private")
    actions.favourite_set(actor=member, prompt=prompt, on=True)
    assert _api_ids(api, favourites="true") == [prompt.pk]
    actions.prompt_update(actor=other_member, prompt=prompt, visibility="private")
    assert _api_ids(api, favourites="true") == []
    assert api.put(f"/api/v1/prompts/{prompt.pk}/favourite").status_code == 404


def test_deleting_a_favourited_prompt_hides_it_from_the_filter(member_client, api, member, other_member):
    prompt = make_prompt(other_member, title="About to go")
    kept = make_prompt(other_member, title="Still here")
    actions.favourite_set(actor=member, prompt=prompt, on=True)
    actions.favourite_set(actor=member, prompt=kept, on=True)
    actions.prompt_delete(actor=other_member, prompt=prompt)
    assert _api_ids(api, favourites="true") == [kept.pk]
    page = _page_titles(member_client, favourites="1")
    assert "Still here" in page and "About to go" not in page
    assert member_client.post(_favourite_url(prompt), {"on": "0"}).status_code == 404


# --- query counts ------------------------------------------------------------------------------


def test_favourites_list_and_prompt_page_queries_are_flat(member_client, member, other_member, queries):
    first = make_prompt(other_member, title="First favourite")
    actions.favourite_set(actor=member, prompt=first, on=True)
    index = reverse("library:index")

    def grow() -> None:
        for n in range(15):
            prompt = make_prompt(other_member, title=f"Favourite {n}")
            actions.favourite_set(actor=member, prompt=prompt, on=True)
            actions.favourite_set(actor=UserFactory(), prompt=first, on=True)

    queries.flat(
        lambda: (queries.count(member_client, index, {"favourites": "1"}),
                 queries.count(member_client, first.get_absolute_url())),
        grow,
        exactly=(5, 12),
    )  # fmt: skip
