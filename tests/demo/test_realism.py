"""The demo reads as a real organization: its own prompts come first, the prompts.chat import is a
"Community starter pack", titles are written as people write them, no copied descriptions, varied kudos."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from ripple.demo.feed.chatter import kudos_messages
from ripple.demo.library import build_library
from ripple.demo.library_import import COMMUNITY_EMAIL, build_library_import, sentence_case
from ripple.demo.people import MEMBER_EMAIL, build_people
from ripple.library.models import Collection, Prompt
from ripple.people.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_library(db):
    build_people(rng=random.Random(1), count=30)
    build_library_import(rng=random.Random(3))
    build_library(rng=random.Random(2))


def test_imported_prompts_are_a_community_starter_pack(demo_library):
    community = User.objects.get(email=COMMUNITY_EMAIL)
    imported = Prompt.objects.filter(origin_label="prompts.chat")
    assert not community.is_active and not community.has_usable_password()
    assert (
        imported.count() > 1000
        and imported.filter(community=True, owner=community).count() == imported.count()
    )
    assert not Prompt.objects.filter(community=True).exclude(origin_label="prompts.chat").exists()
    pack = Collection.objects.get(title="Community starter pack")
    assert pack.prompt_count == imported.count() == pack.items.count()


def test_the_library_first_page_favours_the_organizations_own_prompts(client, demo_library):
    client.force_login(User.objects.get(email=MEMBER_EMAIL))
    page = client.get(reverse("library:index")).context["page"]
    assert page.items and not any(p.community for p in page.items)
    reuses = [p.reuse_count for p in page.items]
    assert reuses == sorted(reuses, reverse=True)  # reuse first among the organization's own
    html = client.get(reverse("library:index")).content.decode()
    assert '<option value="ours" selected>Ours first</option>' in html
    # The community prompts come after all of the organization's, page after page.
    own = Prompt.objects.filter(community=False, deleted_at=None, visibility="everyone").count()
    seen, cursor = 0, page.next_cursor
    while cursor and seen < own + 24:
        next_page = client.get(reverse("library:index"), {"cursor": cursor}).context["page"]
        flags = [p.community for p in next_page.items]
        assert flags == sorted(flags)  # never an own prompt after a community one
        seen, cursor = seen + len(flags), next_page.next_cursor
        if flags and flags[-1]:
            break


def test_no_description_is_copied_between_unrelated_prompts(demo_library):
    families: dict[str, set[int]] = {}
    for prompt in Prompt.objects.exclude(purpose=""):
        families.setdefault(prompt.purpose, set()).add(prompt.lineage_root_id or prompt.pk)
    assert {purpose: roots for purpose, roots in families.items() if len(roots) > 1} == {}


def test_titles_are_written_as_people_write_them(demo_library):
    titles = set(Prompt.objects.filter(community=True).values_list("title", flat=True))
    assert {"English translator and improver", "Linux terminal", "JavaScript console"} <= titles
    shouting = [t for t in titles if len(t.split()) >= 3 and all(w[:1].isupper() for w in t.split())]
    assert len(shouting) < len(titles) // 20, shouting[:10]


@pytest.mark.parametrize(
    ("raw", "written"),
    [("English Translator and Improver", "English translator and improver"),
     ("KIDS DRESS DESIGN", "Kids dress design"),
     ("Chimera AI-Powered Prompt Optimization System", "Chimera AI-powered prompt optimization system"),
     ("SQL terminal", "SQL terminal"), ("act as a Python Interpreter", "Act as a Python interpreter")],
)  # fmt: skip
def test_sentence_case(raw, written):
    assert sentence_case(raw) == written


def test_kudos_messages_are_varied():
    messages = kudos_messages(random.Random(5), 48)
    assert len(messages) == 48 and len(set(messages)) == 48
    assert len({m.split(".")[0] for m in messages}) >= 20  # not the same few reasons over and over
