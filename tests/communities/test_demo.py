from __future__ import annotations

import pytest

from ripple.communities.models import Community, Endorsement, JoinRequest
from ripple.demo import build
from ripple.feed.models import Post
from ripple.showcase.models import Series

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Community, Endorsement, JoinRequest, Post))


def test_demo_communities_are_lived_in_and_built_once(client):
    build.build(seed=5, people=40)
    assert Community.objects.count() == 6
    assert Community.objects.filter(endorsement__isnull=False).count() == 3
    assert Community.objects.filter(space__visibility="private").count() == 2
    assert Endorsement.objects.filter(withdrawn_at__isnull=False).exists()
    assert Post.objects.filter(space__kind="community").count() > 10
    series = Series.objects.get(title="Friday show & tell")
    assert series.community_id == Community.objects.get(name="Prompt crafters").pk
    before = _counts()
    build.build(seed=5, people=40)
    assert _counts() == before
    client.force_login(Community.objects.get(name="Sales AI").created_by)
    html = client.get("/communities/").content.decode()
    assert "Excel &amp; Copilot" in html
