"""`build(scale=N)`: N copies of the organization's people and of everything they did."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ripple.core.models import LearningEvent
from ripple.demo import build
from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL
from ripple.feed.models import Follow, Kudos, Post, Reaction, Reply
from ripple.library.models import Favourite, Prompt, PromptVersion, Rating, Reuse
from ripple.people.models import Role, User

pytestmark = pytest.mark.django_db(transaction=True)


def counts() -> dict[str, int]:
    return {
        "people": User.objects.filter(is_active=True).count(),
        "prompts": Prompt.objects.filter(community=False).count(),
        "versions": PromptVersion.objects.filter(prompt__community=False).count(),
        "reuses": Reuse.objects.count(),
        "ratings": Rating.objects.count(),
        "favourites": Favourite.objects.count(),
        "posts": Post.objects.count(),
        "anonymous posts": Post.objects.filter(anonymous=True).count(),
        "post topics": Post.topics.through.objects.count(),
        "replies": Reply.objects.count(),
        "reactions": Reaction.objects.count(),
        "follows": Follow.objects.count(),
        "kudos": Kudos.objects.count(),
        "kudos recipients": Kudos.recipients.through.objects.count(),
        "events": LearningEvent.objects.count(),
    }


def test_a_scaled_demo_holds_n_copies_of_the_organization(client):
    build.build(seed=5, people=20)
    one = counts()
    assert all(one.values()), one  # every copied table has rows to copy
    community = Prompt.objects.filter(community=True).count()
    build.build(seed=5, people=20, scale=3)  # on the built demo: the story is kept, the copies added
    assert counts() == {name: 3 * n for name, n in one.items()}
    assert Prompt.objects.filter(community=True).count() == community  # the starter pack stays one set
    assert list(User.objects.filter(role=Role.ADMIN).values_list("email", flat=True)) == [ADMIN_EMAIL]
    assert User.objects.get(email="admin+3@example.org").role == Role.MEMBER
    # A copy's activity points at copies of the same round: the member's copy wrote as many posts, and
    # the replies under them are replies to those posts.
    member, copy = User.objects.get(email=MEMBER_EMAIL), User.objects.get(email="member+2@example.org")
    assert Post.objects.filter(author=copy).count() == Post.objects.filter(author=member).count()
    managed = User.objects.exclude(manager=None).select_related("manager").order_by("id").first()
    assert managed is not None and managed.manager is not None
    managed_copy = User.objects.get(email=managed.email.replace("@", "+2@"))
    assert managed_copy.manager.email == managed.manager.email.replace("@", "+2@")  # type: ignore[union-attr]
    copied_posts = Post.objects.filter(author__email__endswith="+2@example.org")
    replies = Reply.objects.filter(post__in=copied_posts)
    assert replies.exists() and not replies.exclude(author__email__endswith="+2@example.org").exists()
    events = LearningEvent.objects.filter(learner__email__endswith="+3@example.org")
    strangers = events.exclude(source=None).exclude(source__email__endswith="+3@example.org")
    assert events.exists() and not strangers.exists()
    build.build(seed=5, people=20, scale=3)
    assert counts()["people"] == 3 * one["people"]  # a second run adds nothing
    # Copies are real rows: a copy signs in, its feed opens, search finds the copied prompts.
    password = build.sign_ins()[1].password
    signed_in = client.post("/signin/", {"username": "member+3@example.org", "password": password})
    assert signed_in.status_code == 302
    assert client.get("/feed/").status_code == 200
    prompt = Prompt.objects.filter(community=False, visibility="everyone", space=None).order_by("id").first()
    assert prompt is not None
    hits = client.get("/api/v1/prompts", {"q": prompt.title, "limit": 50}).json()["items"]
    assert len([hit for hit in hits if hit["title"] == prompt.title]) >= 3


def test_demo_scale_rejects_bad_values():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--scale"):
        call_command("demo", "--no-serve", "--scale", "0")
