"""Privacy, one test per rule: the key (explanations, spans, even the number of flaws) and others'
attempts are hidden until I submit — on the page, in the HTML source, in HTMX fragments and in the API;
calibration is only ever my own; group figures only from k people; drills of a private space do not
exist for non-members (admins included)."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.utils import timezone

from ripple.drills import outcomes, selectors
from ripple.drills.models import Attempt
from ripple.people.models import Role
from ripple.spaces import actions as space_actions
from tests.drills.conftest import FLAWS, attempt, crowd, make_drill, span
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _leaks(html: str) -> list[str]:
    """Anything of the key in a page: explanations, the flaw count, key markup."""
    found = [f["explanation"] for f in FLAWS if f["explanation"] in html]
    found += re.findall(r"\d+ flaws?\b", html)
    found += [w for w in ("key-list", "seg-flaw", "Found by", "Everyone who tried") if w in html]
    return found


def test_key_is_not_in_the_page_before_submitting(member_client, drill):
    html = member_client.get(f"/drills/{drill.pk}/").content.decode()
    assert "Submit my attempt" in html
    assert _leaks(html) == []
    assert "data-flaw" not in html and "explanation" not in html


def test_key_is_not_in_the_htmx_fragment_before_submitting(member_client, drill):
    r = member_client.get(
        f"/drills/{drill.pk}/", headers={"HX-Request": "true", "HX-Target": "drill-results"}
    )
    assert r.status_code == 200
    assert _leaks(r.content.decode()) == []


def test_key_is_not_in_the_api_before_submitting(api, member, drill):
    body = api.get(f"/api/v1/drills/{drill.pk}").json()
    assert body["key"] is None and body["status"] == "todo"
    assert all(f["explanation"] not in str(body) for f in FLAWS)
    assert api.get(f"/api/v1/drills/{drill.pk}/results").status_code == 403
    assert api.get(f"/api/v1/drills/{drill.pk}/attempts/mine").status_code == 404
    listed = api.get("/api/v1/drills").json()["items"][0]
    assert "key" not in listed and "flaws" not in listed


def test_others_attempts_are_hidden_until_i_submit(api, member, drill):
    crowd(6, drill)
    assert api.get(f"/api/v1/drills/{drill.pk}/results").status_code == 403
    html_before = api.get(f"/api/v1/drills/{drill.pk}").content.decode()
    assert "mean_confidence" not in html_before
    attempt(member, drill, [span("40%")], 80)
    after = api.get(f"/api/v1/drills/{drill.pk}/results").json()
    assert after["suppressed"] is False and after["people"] == 7


def test_key_appears_after_submitting(member_client, member, drill):
    attempt(member, drill, [span("40%")], 80)
    html = member_client.get(f"/drills/{drill.pk}/").content.decode()
    assert FLAWS[1]["explanation"] in html and "2 flaws" in html
    fragment = member_client.get(
        f"/drills/{drill.pk}/", headers={"HX-Request": "true", "HX-Target": "drill-results"}
    ).content.decode()
    assert FLAWS[0]["explanation"] in fragment and "<html" not in fragment


@override_settings(SURVEY_MIN_GROUP=5)
def test_drill_figures_need_k_people(api, member, drill):
    crowd(3, drill)
    attempt(member, drill, [], 90)  # 4 people
    r = api.get(f"/api/v1/drills/{drill.pk}/results").json()
    assert r["suppressed"] is True and r["people"] is None and r["flaws"] is None and r["mean_score"] is None
    crowd(1, drill)  # 5
    r = api.get(f"/api/v1/drills/{drill.pk}/results").json()
    assert r["suppressed"] is False and r["people"] == 5
    assert [f["found_share"] for f in r["flaws"]] == [60, 0]


@override_settings(SURVEY_MIN_GROUP=5)
def test_the_author_sees_figures_only_above_k_and_nobody_individually(client, fay, drill):
    people = crowd(4, drill)
    client.force_login(fay)
    html = client.get(f"/drills/{drill.pk}/").content.decode()
    assert "Shown once at least 5 people have tried" in html
    assert all(p.name not in html for p in people)


def test_calibration_is_only_my_own(api, member, drill, fay, admin_client, admin_user):
    other = UserFactory(name="Otto Overconfident")
    attempt(other, drill, [], 100)
    mine = api.get("/api/v1/me/calibration").json()
    assert mine["n"] == 0
    attempt(member, drill, [span("40%"), span("Gartner's 2021 report")], 60)
    mine = api.get("/api/v1/me/calibration").json()
    assert mine["n"] == 1 and mine["mean_confidence"] == 60 and mine["mean_score"] == 100
    # An admin sees their own (empty) calibration; there is no URL or parameter for anyone else's.
    page = admin_client.get("/drills/calibration/", {"person": other.pk, "user": other.pk}).content.decode()
    assert "No attempts yet" in page and "Otto" not in page
    assert admin_client.get(f"/api/v1/me/calibration?person={other.pk}").json()["n"] == 0
    assert admin_client.get(f"/drills/calibration/{other.pk}/").status_code == 404


@override_settings(SURVEY_MIN_GROUP=5)
def test_department_and_space_figures_need_k_people(fay, private_space):
    dept = DepartmentFactory(name="Legal")
    drill = make_drill(fay)
    crowd(4, drill, department=dept)
    assert selectors.department_figures(dept.pk)["suppressed"] is True
    crowd(1, drill, department=dept)
    assert selectors.department_figures(dept.pk)["people"] == 5
    inside = make_drill(fay, space=private_space, week=1)
    members = [UserFactory() for _ in range(4)]
    for p in members:
        space_actions.add_member(space=private_space, person=p)
        attempt(p, inside, [], 80)
    assert selectors.space_figures(fay, private_space)["suppressed"] is True
    assert selectors.space_figures(UserFactory(), private_space)["reason"] == "not readable"


def _rows(**period):
    return {r["label"]: r for r in outcomes.figures(**period, department_id=None)}


@override_settings(SURVEY_MIN_GROUP=5)
def test_outcomes_suppress_under_k_and_leave_private_spaces_out(fay, private_space):
    from datetime import timedelta

    today = timezone.localdate()
    public = make_drill(fay)
    crowd(4, public)
    rows = {
        r["label"]: r
        for r in outcomes.figures(start=today - timedelta(days=1), end=today, department_id=None)
    }
    assert rows["Drill attempts"]["value"] == 4
    assert (
        rows["Calibration gap (points)"]["value"] is None
        and "fewer than 5" in rows["Calibration gap (points)"]["note"]
    )
    inside = make_drill(fay, space=private_space)
    for _ in range(6):
        p = UserFactory()
        space_actions.add_member(space=private_space, person=p)
        attempt(p, inside, [], 90)
    rows = _rows(start=today, end=today)
    assert rows["Drill attempts"]["value"] == 4  # the private space's six attempts are not counted
    crowd(1, public)
    rows = _rows(start=today, end=today)
    assert (
        rows["People who tried drills"]["value"] == 5
        and rows["Calibration gap (points)"]["value"] is not None
    )


def test_drills_of_a_private_space_do_not_exist_for_non_members(
    api, member, member_client, fay, private_space
):
    inside = make_drill(fay, space=private_space, week=2, title="Cohort-only drill")
    assert api.get("/api/v1/drills").json()["items"] == []
    assert "Cohort-only drill" not in member_client.get("/drills/").content.decode()
    assert member_client.get(f"/drills/{inside.pk}/").status_code == 404
    assert member_client.post(f"/drills/{inside.pk}/reveal/").status_code == 404
    assert api.get(f"/api/v1/drills/{inside.pk}").status_code == 404
    assert api.get(f"/api/v1/drills/{inside.pk}/results").status_code == 404
    r = api.post(f"/api/v1/drills/{inside.pk}/attempts", {"marks": [], "confidence": 80})
    assert r.status_code == 404 and not Attempt.objects.exists()
    assert list(selectors.drills_for_space(member, private_space)) == []
    space_actions.add_member(space=private_space, person=member)
    assert [d["id"] for d in api.get("/api/v1/drills").json()["items"]] == [inside.pk]
    assert [d.pk for d in selectors.drills_for_space(member, private_space, week=2)] == [inside.pk]
    assert list(selectors.drills_for_space(member, private_space, week=1)) == []


def test_admins_are_not_exempt_from_private_spaces(admin_client, fay, private_space):
    inside = make_drill(fay, space=private_space)
    assert admin_client.get(f"/drills/{inside.pk}/").status_code == 404
    assert "Churn summary" not in admin_client.get("/drills/").content.decode()


def test_open_space_drills_are_readable_by_everyone(member_client, fay):
    open_space = space_actions.create_space(kind="cohort", name="Open cohort", leads=[fay])
    d = make_drill(fay, space=open_space)
    assert member_client.get(f"/drills/{d.pk}/").status_code == 200


def test_posting_into_a_private_space_needs_membership(fay, private_space):
    outsider = UserFactory(role=Role.FACILITATOR)
    from django.test import Client

    c = Client()
    c.force_login(outsider)
    r = c.post(
        "/api/v1/drills",
        {"title": "x", "prompt": "p", "output": "o k", "space_id": private_space.pk},
        content_type="application/json",
    )
    assert r.status_code == 404  # the space does not exist for them


def test_challenge_seam_lists_only_visible_drills(member, fay, private_space):
    seen = make_drill(fay, challenge_id=42, title="Challenge drill")
    make_drill(fay, challenge_id=42, space=private_space, title="Hidden challenge drill")
    make_drill(fay, challenge_id=7)
    assert [d.pk for d in selectors.drills_for_challenge(member, 42)] == [seen.pk]
