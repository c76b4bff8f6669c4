"""Item 4: hidden objects, anonymous posts, opting out of being named, and access to insights."""

from __future__ import annotations

import pytest

from ripple.core import ledger
from ripple.feed.models import Post
from ripple.insights import actions
from ripple.library.models import Prompt
from ripple.people.models import Role

pytestmark = pytest.mark.django_db
MAP = "/api/v1/insights/ripple-map"


def _map(client, planted, **extra):
    r = client.get(MAP, {**planted.period, **extra})
    assert r.status_code == 200, r.content
    return r.json()


def _prompt(owner, visibility):
    return Prompt.objects.create(
        title=f"{visibility} prompt",
        body="Do it",
        owner=owner,
        visibility=visibility,
        department=owner.department,
    )


def test_event_about_a_department_prompt_is_no_named_edge_outside_it(client, planted, leader):
    prompt = _prompt(planted["d1"], "department")
    ledger.record(kind="reuse", learner=planted["d2"], source=planted["d1"], obj=prompt, at=planted.ago(0))
    actions.refresh()
    client.force_login(leader)  # no department: may not see Ops' prompt
    data = _map(client, planted, kind="reuse")
    assert data["nodes"] == [] and data["hidden_events"] == 1
    assert "Di 1" not in str(client.get("/insights/map/", planted.period).content)
    planted["d3"].role = Role.LEADER
    planted["d3"].save()
    client.force_login(planted["d3"])  # in Ops: may see it
    data = _map(client, planted, kind="reuse")
    assert {n["label"] for n in data["nodes"]} == {"Di 1", "Di 2"} and data["hidden_events"] == 0


def test_private_prompt_hidden_even_from_admins(client, planted, admin_user):
    prompt = _prompt(planted["d1"], "private")
    ledger.record(kind="fork", learner=planted["d2"], source=planted["d1"], obj=prompt, at=planted.ago(0))
    actions.refresh()
    client.force_login(admin_user)
    data = _map(client, planted, kind="fork")
    assert data["nodes"] == [] and data["hidden_events"] == 1


def test_anonymous_post_never_a_named_edge_not_even_for_its_author(client, planted):
    now = planted.ago(0)
    post = Post.objects.create(
        kind="question",
        title="Embarrassing question",
        body="?",
        author=planted["d1"],
        anonymous=True,
        created_at=now,
        updated_at=now,
        last_activity_at=now,
    )
    ledger.record(kind="answer", learner=planted["d1"], source=planted["d2"], obj=post, at=planted.ago(0))
    actions.refresh()
    planted["d1"].role = Role.LEADER
    planted["d1"].save()
    client.force_login(planted["d1"])
    assert _map(client, planted, kind="answer")["nodes"] == []
    mine = client.get("/insights/me/").content.decode()
    assert "Di 2" not in mine


def test_opted_out_person_is_someone_in_their_department(client, planted, leader):
    a1 = planted["a1"]
    a1.insights_named = False
    a1.save()
    client.force_login(leader)
    data = _map(client, planted, kind="kudos")
    labels = {n["label"] for n in data["nodes"]}
    assert "Ada 1" not in labels and "Someone in Alpha dept" in labels
    placeholder = next(n for n in data["nodes"] if n["label"] == "Someone in Alpha dept")
    assert placeholder["person_id"] is None and placeholder["in_degree"] == 3
    for url in ("/insights/map/", "/insights/report/"):
        assert "Ada 1" not in client.get(url, planted.period).content.decode()
    csv = client.get("/insights/map/", {**planted.period, "csv": "all"}).content.decode()
    assert "Ada 1" not in csv
    # They still see themselves.
    client.force_login(a1)
    assert "Ada 2" in client.get("/insights/me/").content.decode()


def test_opt_out_is_a_setting(client, planted):
    a1 = planted["a1"]
    client.force_login(a1)
    page = client.get("/settings/").content.decode()
    assert 'name="insights_named"' in page


def test_members_cannot_see_insights_but_see_their_ripple(client, planted):
    client.force_login(planted["a1"])
    assert client.get("/insights/")["Location"] == "/insights/me/"
    for url in ("/insights/map/", "/insights/report/", "/insights/?csv=all"):
        assert client.get(url).status_code in (302, 403)
    assert client.get("/insights/map/").status_code == 403
    assert client.get("/api/v1/insights/adoption").status_code == 403
    page = client.get("/insights/me/").content.decode()
    assert "Ada 2" in page and "Bo 1" in page and "Ada 3" in page


def test_leader_role_can_be_granted_by_admins(client, planted, admin_user):
    client.force_login(admin_user)
    page = client.get("/manage/people/").content.decode()
    assert 'value="leader"' in page
    r = client.post(f"/manage/people/{planted['a1'].pk}/role/", {"role": "leader"})
    assert r.status_code in (200, 302)
    planted["a1"].refresh_from_db()
    assert planted["a1"].role == "leader"
    client.force_login(planted["a1"])
    assert client.get("/insights/").status_code == 200
