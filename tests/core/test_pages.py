from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_home_goes_to_the_feed(member_client):
    assert member_client.get("/")["Location"] == "/feed/"


@pytest.mark.parametrize(
    "url", ["/cohorts/", "/communities/", "/challenges/", "/drills/", "/insights/me/", "/show/"]
)
def test_built_sections_replace_their_placeholders(member_client, url):
    response = member_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "is not built yet" not in html
    assert 'aria-current="page"' in html


def test_navigation_lists_every_section(member_client):
    html = member_client.get("/people/").content.decode()
    for label in ["Feed", "Library", "Cohorts", "Show &amp; tell", "Communities", "Insights", "People"]:
        assert f">{label}<" in html


def test_404_page_is_friendly(member_client):
    response = member_client.get("/no/such/page/")
    assert response.status_code == 404 and "does not exist" in response.content.decode()


def test_health(client, db):
    assert client.get("/healthz").content == b"ok"


def test_static_assets_are_served(client, db):
    assert client.get("/static/vendor/htmx.min.js").status_code == 200
    assert client.get("/static/ripple/app.css").status_code == 200
