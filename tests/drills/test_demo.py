"""The demo's drills: six drills (five with planted flaws, one clean) with attempts; the demo member has
done three and has a calibration; building twice adds nothing."""

from __future__ import annotations

import random

import pytest

from ripple.demo.drills import DRILLS, build_drills
from ripple.demo.people import MEMBER_EMAIL, build_people
from ripple.drills import selectors
from ripple.drills.models import Attempt, Drill, Flaw
from ripple.people.models import User

pytestmark = pytest.mark.django_db


def test_demo_drills_have_keys_attempts_and_a_member_calibration(client):
    build_people(rng=random.Random(2026), count=60)
    build_drills(rng=random.Random(7))
    assert Drill.objects.count() == len(DRILLS) == 6
    assert Flaw.objects.count() == sum(len(d["flaws"]) for d in DRILLS) == 8
    assert Attempt.objects.count() >= 6 * 9
    assert Attempt.objects.filter(found__gt=0).exists()
    assert Attempt.objects.filter(false_alarms__gt=0).exists()
    member = User.objects.get(email=MEMBER_EMAIL)
    mine = selectors.my_calibration(member)
    assert mine["n"] == 3 and mine["gap"] is not None
    assert selectors.drill_list(member, todo=True).count() == 3
    build_drills(rng=random.Random(8))
    assert Drill.objects.count() == 6
    client.force_login(member)
    for drill in Drill.objects.all():
        assert client.get(drill.get_absolute_url()).status_code == 200
    assert "Over 3 drills" in client.get("/drills/calibration/").content.decode()
