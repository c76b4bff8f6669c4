"""Replies (threads, quotes), reactions, @mentions, follows and accepted answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.feed import actions
from ripple.feed.models import Follow, Post, Reaction, Reply
from ripple.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reply_notifies_followers_and_counts(client, member, other_member, make_post):
    post = make_post(member, kind="question", title="How to summarise a contract?")
    client.force_login(other_member)
    response = client.post(reverse("feed:reply", args=[post.pk]), {"body": "Ask for **clauses** first"})
    reply = Reply.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#reply-{reply.pk}")
    assert "<strong>clauses</strong>" in reply.body_html
    post.refresh_from_db()
    assert post.reply_count == 1 and post.people_count == 2
    note = Notification.objects.get(recipient=member)
    assert note.kind == "reply" and note.actor == other_member and "How to summarise" in note.text
    assert Follow.objects.filter(post=post, user=other_member).exists()


def test_threads_are_one_level_and_quotes_render(client, member, other_member, make_post):
    post = make_post(member)
    top = actions.reply_create(actor=other_member, post=post, body="Top")
    child = actions.reply_create(actor=member, post=post, body="> Top\n\nChild", parent=top)
    grandchild = actions.reply_create(actor=other_member, post=post, body="Deeper", parent=child)
    assert child.parent == top and grandchild.parent == top  # flattened to one level
    client.force_login(member)
    content = client.get(post.get_absolute_url()).content.decode()
    assert "<blockquote>" in content and 'data-quote="' in content and "is-child" in content


def test_reply_to_a_post_you_cannot_see_is_404(client, member, other_member, make_post):
    post = make_post(member)
    actions.post_delete(actor=member, post=post)
    client.force_login(other_member)
    assert client.post(reverse("feed:reply", args=[post.pk]), {"body": "hi"}).status_code == 404
    assert Reply.objects.count() == 0


def test_reply_parent_from_another_post_is_404(client, member, make_post):
    one, two = make_post(member, title="One"), make_post(member, title="Two")
    foreign = actions.reply_create(actor=member, post=one, body="here")
    client.force_login(member)
    assert (
        client.post(reverse("feed:reply", args=[two.pk]), {"body": "x", "parent": foreign.pk}).status_code
        == 404
    )
    assert Reply.objects.count() == 1


@pytest.mark.parametrize("body", ["", "   ", "x" * 10001])
def test_bad_replies_are_clear_errors(client, member, make_post, body):
    post = make_post(member)
    client.force_login(member)
    response = client.post(reverse("feed:reply", args=[post.pk]), {"body": body})
    assert response.status_code == 400 and response.context["reply_form"].errors
    assert Reply.objects.count() == 0


def test_locked_posts_take_no_replies(client, member, facilitator, make_post):
    post = make_post(member)
    actions.post_moderate(actor=facilitator, post=post, action="lock")
    client.force_login(member)
    assert client.post(reverse("feed:reply", args=[post.pk]), {"body": "hi"}).status_code == 403
    assert "Replies are closed" in client.get(post.get_absolute_url()).content.decode()


def test_reacting_twice_is_a_no_op_and_toggle_takes_it_back(client, member, other_member, make_post):
    post = make_post(member)
    actions.reaction_set(actor=other_member, post=post, emoji="tried")
    actions.reaction_set(actor=other_member, post=post, emoji="tried")
    assert Reaction.objects.count() == 1
    post.refresh_from_db()
    assert post.reaction_count == 1
    client.force_login(other_member)
    response = client.post(
        reverse("feed:react", args=[post.pk]),
        {"emoji": "tried"},
        headers={"HX-Request": "true", "HX-Target": "reactions"},
    )
    assert response.status_code == 200 and 'aria-pressed="false"' in response.content.decode()
    assert Reaction.objects.count() == 0


def test_unknown_reaction_is_a_clear_error(client, member, make_post):
    post = make_post(member)
    client.force_login(member)
    response = client.post(reverse("feed:react", args=[post.pk]), {"emoji": "<script>"})
    assert response.status_code == 400 and Reaction.objects.count() == 0


def test_mentions_notify_and_autocomplete(client, member, make_post):
    priya = UserFactory(name="Priya Patel", email="priya@example.org")
    post = make_post(member, body="Thanks @priya for the idea")
    note = Notification.objects.get(recipient=priya)
    assert note.kind == "mention" and note.actor == member and note.url == post.get_absolute_url()
    client.force_login(member)
    response = client.get(reverse("feed:mentions"), {"q": "pri"}, headers={"HX-Request": "true"})
    assert "Priya Patel" in response.content.decode() and 'data-mention="priya"' in response.content.decode()


def test_an_edit_notifies_only_people_newly_mentioned(member, make_post):
    priya = UserFactory(name="Priya Patel", email="priya@example.org")
    omar = UserFactory(name="Omar Okoye", email="omar@example.org")
    post = make_post(member, body="Thanks @priya for the idea")
    actions.post_update(actor=member, post=post, body="Thanks @priya and @omar for the idea")
    assert Notification.objects.filter(recipient=priya, kind="mention").count() == 1
    assert Notification.objects.filter(recipient=omar, kind="mention").count() == 1
    actions.post_update(actor=member, post=post, body="Thanks @priya and @omar, again")
    assert Notification.objects.filter(kind="mention").count() == 2


def test_follow_and_unfollow(client, member, other_member, make_post):
    post = make_post(member)
    client.force_login(other_member)
    client.post(reverse("feed:follow", args=[post.pk]), {"on": "1"})
    assert Follow.objects.filter(post=post, user=other_member).exists()
    client.post(reverse("feed:follow", args=[post.pk]), {"on": "0"})
    assert not Follow.objects.filter(post=post, user=other_member).exists()


def test_asker_accepts_an_answer_shown_first_and_recorded(client, member, other_member, make_post):
    post = make_post(member, kind="question", title="Best prompt for SQL review?")
    first = actions.reply_create(actor=UserFactory(name="Early Bird"), post=post, body="First answer")
    answer = actions.reply_create(actor=other_member, post=post, body="The better answer")
    client.force_login(member)
    response = client.post(reverse("feed:accept", args=[post.pk]), {"reply_id": answer.pk})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.accepted_reply == answer
    content = client.get(post.get_absolute_url()).content.decode()
    assert content.index("The better answer") < content.index("First answer")
    assert "Accepted answer" in content
    event = LearningEvent.objects.get(kind="answer")
    assert event.learner == member and event.source == other_member
    assert Notification.objects.filter(recipient=other_member, kind="answer_accepted").exists()
    assert first.pk


def test_facilitator_may_accept_but_another_member_may_not(
    client, member, other_member, facilitator, make_post
):
    post = make_post(member, kind="question")
    answer = actions.reply_create(actor=facilitator, post=post, body="Answer")
    client.force_login(other_member)
    assert client.post(reverse("feed:accept", args=[post.pk]), {"reply_id": answer.pk}).status_code == 403
    assert Post.objects.get(pk=post.pk).accepted_reply is None
    client.force_login(facilitator)
    client.post(reverse("feed:accept", args=[post.pk]), {"reply_id": answer.pk})
    assert Post.objects.get(pk=post.pk).accepted_reply == answer


def test_accepting_on_a_tip_or_with_a_foreign_reply_fails_cleanly(client, member, make_post):
    tip = make_post(member, kind="tip")
    reply = actions.reply_create(actor=member, post=tip, body="x")
    client.force_login(member)
    response = client.post(reverse("feed:accept", args=[tip.pk]), {"reply_id": reply.pk}, follow=True)
    assert response.status_code == 200 and "Only questions" in response.content.decode()
    question = make_post(member, kind="question", title="Q")
    assert client.post(reverse("feed:accept", args=[question.pk]), {"reply_id": reply.pk}).status_code == 404
    assert client.post(reverse("feed:accept", args=[question.pk]), {"reply_id": "abc"}).status_code == 404


def test_mentions_link_to_profiles_but_not_inside_code(member, make_post):
    priya = UserFactory(name="Priya Patel", email="priya@example.org")
    post = make_post(member, body="Thanks @priya! Also @nobody.\n\n`@priya in code`\n\n```\n@priya\n```")
    assert f'<a href="/people/{priya.pk}/" rel="noopener noreferrer nofollow">@priya</a>' in post.body_html
    assert "@nobody" in post.body_html and 'href="/people/' not in post.body_html.split("<code>")[1]
    reply = actions.reply_create(actor=member, post=post, body="cc @Priya <script>x</script>")
    assert f'href="/people/{priya.pk}/"' in reply.body_html and "<script" not in reply.body_html
