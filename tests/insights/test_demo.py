"""The demo tells insights' story: a thriving department, a dormant team, a prompt in four departments,
a connector between Engineering and Sales; a second build adds nothing."""

from __future__ import annotations

import pytest

from ripple.core.models import LearningEvent
from ripple.demo import build
from ripple.demo.insights import DORMANT_TEAM
from ripple.insights import selectors, weeks
from ripple.people.models import Role, User

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_story_is_there_and_built_once(client):
    build.build(seed=5, people=150)
    events = LearningEvent.objects.count()
    admin = User.objects.filter(role=Role.ADMIN).first()
    period = weeks.period()
    teams = {t["team"]: t for t in selectors.teams(period, None)}
    assert teams[DORMANT_TEAM]["state"] == "dormant" and teams[DORMANT_TEAM]["people"] >= 5
    assert any(t["state"] == "thriving" for t in teams.values())
    data = selectors.ripple_map(admin, period)
    dept = {n["id"]: n["department"] for n in data["nodes"]}
    taught_sales: dict[str, int] = {}
    for e in data["edges"]:
        if dept[e["source"]] == "Engineering" and dept[e["target"]] == "Sales":
            taught_sales[e["source"]] = taught_sales.get(e["source"], 0) + 1
    connector = max(taught_sales, key=lambda k: taught_sales[k])
    assert taught_sales[connector] >= 5
    assert connector in {b["id"] for b in data["nodes"] if b["broker_pairs"] and b["betweenness"] > 0}
    from ripple.library.models import Prompt

    star = Prompt.objects.filter(visibility="everyone").order_by("-reuse_count").first()
    assert selectors.spread(admin, star)["departments"] >= 4
    client.force_login(admin)
    assert client.get("/insights/").status_code == 200
    build.build(seed=5, people=150)
    assert LearningEvent.objects.count() == events
