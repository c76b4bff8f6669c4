"""The feed: newest and hot, filters, keyset pages, empty states, similar questions, constant query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ripple.feed import actions
from ripple.feed.models import Post
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_empty_feed_tells_a_new_member_how_to_start(member_client):
    content = member_client.get(reverse("feed:index")).content.decode()
    assert "be the first" in content and "?kind=win" in content and "?kind=question" in content


def test_feed_query_count_is_constant(member_client, member, make_post, queries):
    make_post(member, title="Only one", topics="a, b")

    def grow() -> None:
        for i in range(50):
            make_post(
                UserFactory(), title=f"Post {i}", topics=f"t{i}, shared", kind="win" if i % 2 else "tip"
            )

    queries.flat(
        lambda: queries.count(member_client, reverse("feed:index")), grow, exactly=8
    )  # 1 of them: the community filter


@pytest.mark.parametrize(("tab", "exactly"), [("hot", 8), ("following", 8), ("unanswered", 7)])
def test_other_tabs_query_count_is_constant(member_client, member, make_post, tab, exactly, queries):
    make_post(member, kind="question", title="Only one")

    def grow() -> None:
        for i in range(50):
            post = make_post(UserFactory(), kind="question", title=f"Q {i}")
            actions.post_follow(actor=member, post=post)

    queries.flat(
        lambda: queries.count(member_client, reverse("feed:index") + f"?tab={tab}"), grow, exactly=exactly
    )


def test_post_page_with_200_replies_is_constant(member_client, member, make_post, queries):
    post = make_post(member, kind="question")
    actions.reply_create(actor=member, post=post, body="first")

    def grow() -> None:
        people = [UserFactory() for _ in range(10)]
        for i in range(200):
            actions.reply_create(actor=people[i % 10], post=post, body=f"reply {i}")

    queries.flat(lambda: queries.count(member_client, post.get_absolute_url()), grow, exactly=8)


def test_newest_first_with_keyset_pages(member_client, member):
    now = timezone.now()
    for i in range(25):
        actions.post_create(
            actor=member, kind="tip", title=f"Tip {i:02d}", body="x", at=now - timedelta(minutes=i)
        )
    first = member_client.get(reverse("feed:index"))
    titles = [p.title for p in first.context["posts"]]
    assert titles[0] == "Tip 00" and len(titles) == 20
    cursor = first.context["page"].next_cursor
    second = member_client.get(reverse("feed:index"), {"cursor": cursor})
    assert [p.title for p in second.context["posts"]] == [f"Tip {i:02d}" for i in range(20, 25)]
    assert member_client.get(reverse("feed:index"), {"cursor": "garbage!"}).status_code == 302


def test_hot_weights_recent_activity_by_distinct_people(member_client, member):
    now = timezone.now()
    quiet = actions.post_create(actor=member, kind="tip", title="Quiet but newer", body="x", at=now)
    busy = actions.post_create(actor=member, kind="tip", title="Busy", body="x", at=now - timedelta(hours=2))
    for _ in range(5):
        actions.reaction_set(actor=UserFactory(), post=busy, emoji="applause")
    titles = [p.title for p in member_client.get(reverse("feed:index") + "?tab=hot").context["posts"]]
    assert titles.index("Busy") < titles.index("Quiet but newer")
    assert quiet.pk


def test_filters_by_kind_topic_department_and_search(member_client, member):
    legal = DepartmentFactory(name="Legal")
    actions.post_create(actor=member, kind="win", title="Contract summaries", body="x", topics="contracts")
    actions.post_create(actor=member, kind="tip", title="Excel trick", body="VLOOKUP", department=legal)
    actions.post_create(actor=member, kind="question", title="Which model for slides?", body="x")

    def titles(**params):
        return {p.title for p in member_client.get(reverse("feed:index"), params).context["posts"]}

    assert titles(kind="win") == {"Contract summaries"}
    assert titles(topic="contracts") == {"Contract summaries"}
    assert titles(department=legal.pk) == {"Excel trick"}
    assert titles(q="vlookup") == {"Excel trick"}
    assert titles(kind="bogus") == {"Contract summaries", "Excel trick", "Which model for slides?"}
    htmx = member_client.get(
        reverse("feed:index"), {"q": "excel"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert "<mark>" in htmx.content.decode() or "Excel trick" in htmx.content.decode()
    assert "<html" not in htmx.content.decode()
    assert "Nothing matches" in member_client.get(reverse("feed:index"), {"q": "zzzzqqq"}).content.decode()


def test_hidden_posts_leave_the_feed(member_client, member, facilitator, make_post):
    post = make_post(member, title="To be hidden")
    actions.post_moderate(actor=facilitator, post=post, action="hide")
    assert "To be hidden" not in member_client.get(reverse("feed:index")).content.decode()


def test_questions_i_could_answer_ranked_by_skills(client, make_post):
    asker = UserFactory()
    me = UserFactory(skills="pivot tables, Excel", department=DepartmentFactory(name="Finance"))
    make_post(asker, kind="question", title="Slides from a memo?", body="Marketing deck")
    make_post(asker, kind="question", title="Pivot tables with AI?", body="How do I build pivot tables")
    client.force_login(me)
    posts = client.get(reverse("feed:index") + "?tab=for-me").context["posts"]
    assert posts[0].title == "Pivot tables with AI?"


def test_questions_i_could_answer_prefer_my_department_among_equal_skill_matches(client, make_post):
    finance = DepartmentFactory(name="Finance")
    me = UserFactory(skills="forecasting", department=finance)
    asker = UserFactory()
    make_post(
        asker, kind="question", title="Forecasting help?", body="Any forecasting prompt?", department=finance
    )
    make_post(asker, kind="question", title="Forecasting again?", body="Any forecasting prompt?")  # newer
    make_post(asker, kind="question", title="Unrelated memo question", body="Slides", department=finance)
    client.force_login(me)
    titles = [p.title for p in client.get(reverse("feed:index") + "?tab=for-me").context["posts"]]
    assert titles[:3] == ["Forecasting help?", "Forecasting again?", "Unrelated memo question"]


def test_similar_questions_while_typing(member_client, member, make_post):
    make_post(
        member, kind="question", title="How do I summarise long contracts?", body="Legal review with AI"
    )
    make_post(member, kind="tip", title="Summarise contracts tip", body="not a question")
    response = member_client.get(
        reverse("feed:similar"), {"title": "summarise contract"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert "How do I summarise long contracts?" in content and "Summarise contracts tip" not in content
    assert "Similar questions" in content
    assert member_client.get(reverse("feed:similar"), {"title": "ab"}).content.decode().strip() == ""


def test_new_question_form_wires_the_similar_lookup(member_client):
    content = member_client.get(reverse("feed:new") + "?kind=question").content.decode()
    assert 'hx-get="/feed/similar/"' in content and "delay:350ms" in content
    assert "<script>" not in content and ' style="' not in content


def test_templates_have_no_inline_scripts_or_styles(member_client, member, make_post):
    post = make_post(member)
    actions.reply_create(actor=member, post=post, body="reply")
    for url in (
        reverse("feed:index"),
        post.get_absolute_url(),
        reverse("notifications:inbox"),
        reverse("feed:kudos"),
        reverse("notifications:digest"),
        reverse("notifications:preferences"),
        reverse("feed:new") + "?kind=ai_fail",
    ):
        content = member_client.get(url).content.decode()
        assert "<script>" not in content and ' style="' not in content and " onclick=" not in content, url
        assert 'id="main"' in content


def test_post_count_does_not_change_on_bad_cursor(member_client):
    assert Post.objects.count() == 0


def test_similar_questions_rank_best_first_within_the_newest_posts(member, make_post, monkeypatch):
    from ripple.feed import selectors as feed_selectors

    oldest = make_post(member, kind="question", title="Summarise contract", body="old")
    make_post(member, kind="question", title="Contract renewal dates?", body="summarise them")
    make_post(member, kind="question", title="How do I summarise a long contract?", body="legal")
    found = feed_selectors.similar_questions(viewer=member, title="summarise a contract")
    best = [s.post.title for s in found]
    assert best[0] == "Summarise contract" and len(best) == 3  # the exact title first, however old
    monkeypatch.setattr(feed_selectors.similar, "SIMILAR_WINDOW", 2)
    windowed = feed_selectors.similar_questions(viewer=member, title="summarise a contract")
    assert oldest.pk not in {s.post.pk for s in windowed} and len(windowed) == 2
