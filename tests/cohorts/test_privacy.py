"""A private cohort is invisible to everyone outside it — admins included — on every path: pages, API,
search, the feed, notifications, digests, counts, the report and its CSV, the ledger, insights' figures.
Each path is checked for an outsider (a member and an admin) and, where it shows anything, for an insider."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ripple.cohorts import access, actions, outcomes
from ripple.core import registry
from ripple.feed import actions as feed_actions
from ripple.library import actions as library_actions
from ripple.notifications.models import Notification
from ripple.people import actions as people_actions
from ripple.people.models import Role
from tests.cohorts.conftest import add_members, checkin_data, make_cohort
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAME = "Quillfeather confidential cohort"
POST = "Xylophonic tender trick"
PROMPT = "Zephyrine bid summary"


@pytest.fixture
def setting(fay):
    cohort = make_cohort(fay, week=2, visibility="private", name=NAME)
    insider, partner = add_members(cohort, 2)
    actions.checkin_save(actor=insider, cohort=cohort, week=2, data=checkin_data(learned_from=partner))
    feed_actions.post_create(actor=insider, kind="tip", title=POST, body="Inside only", space=cohort.space)
    library_actions.prompt_create(actor=insider, title=PROMPT, body="Summarise {bid}", space=cohort.space)
    outsider = UserFactory(name="Olive Outsider")
    admin = UserFactory(name="Ada Outside", role=Role.ADMIN)
    return {
        "cohort": cohort,
        "insider": insider,
        "partner": partner,
        "outsiders": [outsider, admin],
        "fay": fay,
    }


def _client(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def _bearer(person) -> dict[str, str]:
    _token, raw = people_actions.token_create(user=person, name="t")
    return {"Authorization": f"Bearer {raw}"}


PAGES = ["", "board/", "checkins/", "people/", "checkin/2/", "partners/", "messages/", "report/", "edit/"]
API = ["", "/members", "/checkins", "/board", "/report"]


def test_every_cohort_page_is_a_404_for_outsiders(setting):
    pk = setting["cohort"].pk
    for person in setting["outsiders"]:
        c = _client(person)
        for page in PAGES:
            assert c.get(f"/cohorts/{pk}/{page}").status_code == 404, (person.name, page)
        assert c.get(f"/cohorts/{pk}/report.csv").status_code == 404
        for action in ("join/", "leave/", "start/", f"nudge/{setting['insider'].pk}/"):
            assert c.post(f"/cohorts/{pk}/{action}").status_code == 404
        assert NAME not in c.get("/cohorts/").content.decode()
    c = _client(setting["insider"])
    assert NAME in c.get("/cohorts/").content.decode()
    for page in ("", "board/", "checkins/", "people/", "checkin/2/"):
        assert c.get(f"/cohorts/{pk}/{page}").status_code == 200, page
    assert _client(setting["fay"]).get(f"/cohorts/{pk}/report.csv").status_code == 200


def test_every_api_path_is_a_404_for_outsiders_and_the_list_omits_it(setting):
    pk = setting["cohort"].pk
    for person in setting["outsiders"]:
        headers = _bearer(person)
        for path in API:
            assert Client().get(f"/api/v1/cohorts/{pk}{path}", headers=headers).status_code == 404, path
        assert (
            Client()
            .post(f"/api/v1/cohorts/{pk}/members", {}, content_type="application/json", headers=headers)
            .status_code
            == 404
        )
        body = Client().get("/api/v1/cohorts", headers=headers).content.decode()
        assert NAME not in body
    headers = _bearer(setting["insider"])
    assert NAME in Client().get("/api/v1/cohorts", headers=headers).content.decode()
    assert Client().get(f"/api/v1/cohorts/{pk}/board", headers=headers).status_code == 200


def test_feed_search_library_and_digest_never_show_the_cohorts_content(setting):
    for person in setting["outsiders"]:
        c, headers = _client(person), _bearer(person)
        texts = [
            c.get(reverse("feed:index")).content.decode(),
            c.get(reverse("feed:index"), {"q": "Xylophonic"}).content.decode(),
            c.get(reverse("notifications:digest")).content.decode(),
            c.get("/library/", {"q": "Zephyrine"}).content.decode(),
            Client().get("/api/v1/posts", {"search": "Xylophonic"}, headers=headers).content.decode(),
            Client().get("/api/v1/prompts", {"search": "Zephyrine"}, headers=headers).content.decode(),
        ]
        for text in texts:
            assert POST not in text and PROMPT not in text and NAME not in text
    c = _client(setting["partner"])
    assert POST in c.get(reverse("feed:index"), {"q": "Xylophonic"}).content.decode()


def test_notifications_of_the_cohort_reach_only_members_and_leave_with_them(setting):
    cohort, insider, partner = setting["cohort"], setting["insider"], setting["partner"]
    fay = setting["fay"]
    actions.pairing_propose(actor=fay, cohort=cohort, seed=1)
    actions.pairing_publish(actor=fay, cohort=cohort)
    assert Notification.objects.filter(recipient=partner, kind="cohort_partner").exists()
    for person in setting["outsiders"]:
        assert (
            not Notification.objects.filter(recipient=person)
            .exclude(kind="")
            .filter(text__contains=NAME)
            .exists()
        )
    actions.leave(actor=partner, cohort=cohort)
    inbox = _client(partner).get(reverse("notifications:inbox")).content.decode()
    assert NAME not in inbox  # a private space's notifications go when you leave it
    with pytest.raises(ValidationError, match="not a member"):
        actions.nudge(actor=fay, cohort=cohort, person=partner)
    assert insider.pk != partner.pk


def test_counts_and_insights_figures_leave_private_cohorts_out(setting):
    cohort = setting["cohort"]
    open_one = make_cohort(setting["fay"], week=2, name="Open one")
    add_members(open_one, 3)
    today = timezone.now().date()
    period = (today - timedelta(days=400), today + timedelta(days=400))
    rows = {r["label"]: r for r in outcomes.figures(start=period[0], end=period[1], department_id=None)}
    assert rows["Cohorts finished"]["value"] == 2 - 1  # the open one only
    assert rows["Cohort members"]["value"] == 3
    source = registry.outcomes.get("cohorts")
    assert source is not None and source.figures == "ripple.cohorts.outcomes.figures"
    c = _client(setting["outsiders"][0])
    text = c.get("/cohorts/").content.decode()
    assert "Open one" in text and NAME not in text
    assert cohort.space.member_count == 3  # kept on the space; only shown to those who may read it


def test_ledger_marks_private_check_ins_hidden(setting):
    from ripple.cohorts.models import CheckIn

    checkin = CheckIn.objects.get(person=setting["insider"])
    rule = registry.object_access.get("cohorts.checkin")
    assert rule is not None
    assert access.hidden_checkin_ids([checkin.pk]) == {checkin.pk}
    for person in setting["outsiders"]:
        assert access.visible_checkin_ids(person, [checkin.pk]) == set()
    assert access.visible_checkin_ids(setting["partner"], [checkin.pk]) == {checkin.pk}
