"""core.htmx: a fragment only for an HTMX request aimed at a region the view knows; else the page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ripple.core.htmx import target_partial
from ripple.feed import actions as feed_actions
from ripple.feed.models import Reaction

PARTIALS = {"results": "results"}


@pytest.mark.parametrize(
    ("headers", "partial"),
    [
        ({}, None),
        ({"HX-Request": "true"}, None),  # no target: a boosted link or an element without an id
        ({"HX-Request": "true", "HX-Target": "inbox-count"}, None),  # another region
        ({"HX-Target": "results"}, None),  # not an HTMX request at all
        ({"HX-Request": "false", "HX-Target": "results"}, None),
        ({"HX-Request": "true", "HX-Target": "results"}, "results"),
    ],
)
def test_target_partial(headers, partial):
    request = RequestFactory().get("/", headers=headers)
    assert target_partial(request, PARTIALS) == partial


PAGES = [
    ("library:index", {"q": "contract"}),
    ("library:index", {}),
    ("feed:index", {"q": "excel"}),
    ("feed:index", {}),
    ("people:directory", {"q": "maya"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "params"), PAGES)
def test_pages_render_the_results_region_only_when_htmx_targets_it(member_client, name, params):
    url = reverse(name)
    fragment = member_client.get(url, params, headers={"HX-Request": "true", "HX-Target": "results"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html and 'id="results"' not in html  # the inside of #results, swapped in
    for headers in ({}, {"HX-Request": "true"}, {"HX-Request": "true", "HX-Target": "main"}):
        page = member_client.get(url, params, headers=headers)
        assert page.status_code == 200 and "<html" in page.content.decode(), headers
        assert 'id="results"' in page.content.decode()
    vary = [v.strip() for v in fragment["Vary"].split(",")]
    assert vary.count("HX-Request") == 1 and vary.count("HX-Target") == 1
    assert page["Vary"] == fragment["Vary"]


@pytest.mark.django_db
def test_the_feed_fragment_skips_what_only_the_whole_page_shows(member_client):
    def kudos_queries(**headers):
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(reverse("feed:index"), headers=headers).status_code == 200
        return [q["sql"] for q in queries.captured_queries if "feed_kudos" in q["sql"]]

    assert kudos_queries(HX_Request="true", HX_Target="results") == []
    assert len(kudos_queries()) == 1  # the "recent kudos" aside


@pytest.mark.django_db
def test_reacting_answers_the_buttons_to_htmx_aimed_at_them_and_a_redirect_otherwise(
    client, member, other_member
):
    post = feed_actions.post_create(actor=member, kind="tip", title="Use a rubric", body="Ask for one.")
    client.force_login(other_member)
    url = reverse("feed:react", args=[post.pk])
    fragment = client.post(url, {"emoji": "tried"}, headers={"HX-Request": "true", "HX-Target": "reactions"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert 'aria-pressed="true"' in fragment.content.decode()
    elsewhere = client.post(url, {"emoji": "tried"}, headers={"HX-Request": "true", "HX-Target": "main"})
    assert elsewhere.status_code == 302 and elsewhere["Location"] == post.get_absolute_url()
    assert Reaction.objects.count() == 0  # toggled on, then off
    feed_actions.reaction_set(actor=other_member, post=post, emoji="tried")
    assert client.post(url, {"emoji": "tried"}).status_code == 302
