"""The shared controls (issue #15): pickers over search endpoints, time zones, star rating, the minutes
and date filters, labelled figures, the narrow-screen menu's entries, one badge style."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ripple.core import registry
from ripple.core.templatetags.ripple import minutes, relative_text
from ripple.feed.models import Kudos
from ripple.library.models import Rating, Visibility
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


# --- filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "0 min"), (45, "45 min"), (90, "90 min"), (91, "1.5 h"), (150, "2.5 h"), (300, "5 h"),
     (6000, "100 h"), (60_000, "1,000 h")],
)  # fmt: skip
def test_minutes_are_hours_past_ninety(value, shown):
    assert minutes(value) == shown


def test_dates_are_relative_within_a_week_and_absolute_beyond():
    now = timezone.now().replace(month=6, day=15, hour=12)
    assert relative_text(now - timedelta(seconds=20), now) == "just now"
    assert relative_text(now - timedelta(minutes=5), now) == "5 min ago"
    assert relative_text(now - timedelta(hours=3), now) == "3 h ago"
    assert relative_text(now - timedelta(days=1), now) == "yesterday"
    assert relative_text(now - timedelta(days=4), now) == "4 days ago"
    assert relative_text(now - timedelta(days=9), now) == "6 Jun"
    assert relative_text(now.replace(year=now.year - 1), now) == f"15 Jun {now.year - 1}"
    assert relative_text(now + timedelta(days=2), now) == "in 2 days"


def test_when_gives_a_time_element_with_the_full_date_as_tooltip():
    moment = timezone.now() - timedelta(days=30)
    html = Template("{{ moment|when }}").render(Context({"moment": moment}))
    assert html.startswith('<time datetime="') and 'title="' in html and "ago" not in html


def test_no_template_uses_naturaltime_or_raw_minutes():
    """One filter each, used everywhere: no template falls back to humanize or '… min'."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "ripple"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("templates/**/*.html")
        if "/email/" not in str(p) and ("naturaltime" in p.read_text() or "_saved }} min" in p.read_text())
    ]
    assert offenders == []


# --- pickers -------------------------------------------------------------------------------------


def test_people_pick_searches_any_word_of_the_name_and_skips_the_inactive(member_client, member):
    sales = DepartmentFactory(name="Sales")
    UserFactory(name="Ana Silva", email="ana@example.org", department=sales, title="Account Executive")
    UserFactory(name="Silvia Gone", email="silvia@example.org", is_active=False)
    items = member_client.get(reverse("people:pick"), {"q": "silv"}).json()["items"]
    assert [(i["label"], i["hint"]) for i in items] == [("Ana Silva", "Account Executive · Sales")]
    assert member_client.get(reverse("people:pick"), {"q": ""}).json() == {"items": []}


def test_pickers_need_a_sign_in(client, db):
    for name in ("people:pick", "library:pick", "core:time_zones"):
        assert client.get(reverse(name), {"q": "a"}).status_code == 302


def test_kudos_form_lists_nobody_up_front_and_keeps_the_chosen_on_error(member_client, member, other_member):
    for i in range(20):
        UserFactory(name=f"Person {i}")
    page = member_client.get(reverse("feed:kudos")).content.decode()
    assert 'role="combobox"' in page and "Person 7" not in page and "<select" not in page
    response = member_client.post(reverse("feed:kudos"), {"to": [other_member.pk], "message": ""})
    assert response.status_code == 400
    assert (
        f'name="to" value="{other_member.pk}"' in response.content.decode()
        and "Otto Other" in response.content.decode()
    )
    assert not Kudos.objects.exists()


def test_prompt_pick_searches_titles_the_viewer_may_see(member_client, member, other_member):
    make_prompt(owner=other_member, title="Renewal email for a churn risk")
    make_prompt(owner=other_member, title="Renewal checklist (private)", visibility=Visibility.PRIVATE)
    items = member_client.get(reverse("library:pick"), {"q": "renewal"}).json()["items"]
    assert [i["label"] for i in items] == ["Renewal email for a churn risk"]


def test_post_form_chips_never_name_a_prompt_the_author_may_not_see(member_client, other_member):
    secret = make_prompt(owner=other_member, title="Secret plan", visibility=Visibility.PRIVATE)
    shown = make_prompt(owner=other_member, title="Open prompt")
    response = member_client.post(
        reverse("feed:new") + "?kind=tip", {"kind": "tip", "title": "", "prompt_ids": [secret.pk, shown.pk]}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Open prompt" in page and "Secret plan" not in page


def test_time_zones_search_by_city_and_the_settings_field_uses_the_picker(member_client):
    items = member_client.get(reverse("core:time_zones"), {"q": "new york"}).json()["items"]
    assert items[0]["value"] == "America/New_York"
    assert (
        member_client.get(reverse("core:time_zones"), {"q": "paris"}).json()["items"][0]["value"]
        == "Europe/Paris"
    )
    page = member_client.get(reverse("people:settings")).content.decode()
    assert "data-from-browser" in page and 'name="time_zone"' in page and 'role="combobox"' in page


# --- star rating ---------------------------------------------------------------------------------


def test_rating_by_one_click_answers_the_status_line(member_client, member, other_member):
    prompt = make_prompt(owner=other_member)
    page = member_client.get(prompt.get_absolute_url()).content.decode()
    assert (
        'hx-trigger="change delay:300ms"' in page
        and page.count('name="stars"') == 5
        and "Save rating" in page
    )  # noscript
    url = reverse("library:prompt_rate", args=[prompt.pk])
    response = member_client.post(url, {"stars": "4"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Saved: 4 stars" in response.content.decode()
    assert Rating.objects.get(prompt=prompt, person=member).stars == 4
    bad = member_client.post(url, {"stars": "9"}, headers={"HX-Request": "true"})
    assert "Choose 1 to 5 stars" in bad.content.decode() and Rating.objects.get().stars == 4
    # Without HTMX: back to the prompt with a message.
    assert member_client.post(url, {"stars": "5"}).status_code == 302


# --- shell ---------------------------------------------------------------------------------------


def test_the_menu_holds_every_registered_entry_once(admin_client, admin_user):
    page = admin_client.get(reverse("library:index")).content.decode()
    menu = page[page.index('id="site-menu"') : page.index("</nav>", page.index('id="site-menu"'))]
    for placement in ("main", "end", "account"):
        for entry in registry.nav_entries(placement):
            assert f">{escape(entry.label)}<" in menu, entry.name
    assert 'aria-controls="site-menu"' in page and 'aria-expanded="false"' in page
    assert 'href="/static/ripple/nojs.css"' in page  # without JavaScript the panel is simply shown


def test_the_inbox_badge_is_styled_by_the_core_stylesheet(member_client):
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "src/ripple/core/static/ripple/app.css").read_text()
    assert ".badge-count" in css
    badge = member_client.get(reverse("notifications:badge"), headers={"HX-Request": "true"}).content.decode()
    assert "nav-badge" in badge


def test_library_card_figures_are_labelled(member_client, other_member):
    make_prompt(owner=other_member, title="Labelled figures")
    page = member_client.get(reverse("library:index")).content.decode()
    assert 'title="Reused 0 times"' in page and '<span class="visually-hidden">Reused </span>' in page
    assert "not rated yet" in page
