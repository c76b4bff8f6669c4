"""Anonymous to peers: every path that could reveal the author of an anonymous question or AI fail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.feed import actions, selectors
from ripple.feed.models import ModerationAction, ModerationLog, Post
from ripple.notifications.models import Notification
from ripple.people import actions as people_actions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Quentin Quietasker"


@pytest.fixture
def asker(db):
    return UserFactory(name=SECRET_NAME, email="quentin@example.org", skills="excel")


@pytest.fixture
def anon_question(asker, make_post):
    return make_post(
        asker,
        kind="question",
        title="How do I stop Excel formulas from hallucinating?",
        body="Is it stupid to ask about VLOOKUP prompts?",
        anonymous=True,
        topics="excel",
    )


def _bearer(client, person):
    _token, raw = people_actions.token_create(user=person, name="t")
    return {"Authorization": f"Bearer {raw}"}


def test_only_questions_and_ai_fails_can_be_anonymous(member):
    with pytest.raises(Exception, match="anonymous"):
        actions.post_create(actor=member, kind="win", title="Win", body="x", anonymous=True)
    assert Post.objects.count() == 0


def test_ask_anonymously_through_the_form(client, asker):
    client.force_login(asker)
    client.post(
        reverse("feed:new") + "?kind=question",
        {"kind": "question", "title": "A question I am shy about", "body": "Details", "anonymous": "on"},
    )
    post = Post.objects.get()
    assert post.anonymous and post.author == asker


def test_post_page_hides_the_author_from_peers(client, other_member, anon_question):
    client.force_login(other_member)
    content = client.get(anon_question.get_absolute_url()).content.decode()
    assert "Anonymous" in content and SECRET_NAME not in content and "quentin" not in content.lower()


def test_author_sees_it_as_theirs(client, asker, anon_question):
    client.force_login(asker)
    content = client.get(anon_question.get_absolute_url()).content.decode()
    assert SECRET_NAME in content and "You posted this anonymously" in content


def test_feed_and_search_never_name_the_author(client, other_member, anon_question):
    client.force_login(other_member)
    for url in (
        reverse("feed:index"),
        reverse("feed:index") + "?tab=unanswered",
        reverse("feed:index") + "?tab=hot",
        reverse("feed:index") + "?q=excel+hallucinating",
        reverse("feed:index") + "?q=quentin",
    ):
        content = client.get(url).content.decode()
        assert SECRET_NAME not in content, url
    assert "hallucinating" in client.get(reverse("feed:index") + "?q=hallucinating").content.decode()
    # searching for the author's name must not find their anonymous post
    assert "hallucinating" not in client.get(reverse("feed:index") + "?q=Quentin+Quietasker").content.decode()


def test_similar_question_suggestions_never_name_the_author(client, other_member, anon_question):
    client.force_login(other_member)
    response = client.get(reverse("feed:similar"), {"title": "excel formulas hallucinating"})
    content = response.content.decode()
    assert "How do I stop Excel" in content and SECRET_NAME not in content
    api = client.get(
        "/api/v1/posts/similar", {"title": "excel formulas"}, headers=_bearer(client, other_member)
    )
    assert api.status_code == 200 and SECRET_NAME not in api.content.decode()
    assert api.json()[0]["id"] == anon_question.pk


def test_api_author_is_null_for_everyone_but_the_author(
    client, asker, other_member, admin_user, anon_question
):
    for person in (other_member, admin_user):
        headers = _bearer(client, person)
        one = client.get(f"/api/v1/posts/{anon_question.pk}", headers=headers).json()
        assert one["author"] is None and one["anonymous"] is True
        listing = client.get("/api/v1/posts", headers=headers).content.decode()
        assert SECRET_NAME not in listing and "quentin" not in listing.lower()
        filtered = client.get("/api/v1/posts", {"anonymous": "true"}, headers=headers).json()
        assert [p["author"] for p in filtered["items"]] == [None]
    mine = client.get(f"/api/v1/posts/{anon_question.pk}", headers=_bearer(client, asker)).json()
    assert mine["author"]["name"] == SECRET_NAME


def test_replies_by_the_anonymous_asker_stay_anonymous(client, asker, other_member, anon_question):
    actions.reply_create(actor=other_member, post=anon_question, body="Try INDEX/MATCH")
    actions.reply_create(actor=asker, post=anon_question, body="Thanks, that worked")
    client.force_login(other_member)
    content = client.get(anon_question.get_absolute_url()).content.decode()
    assert "Anonymous (the asker)" in content and SECRET_NAME not in content
    api = client.get(
        f"/api/v1/posts/{anon_question.pk}/replies", headers=_bearer(client, other_member)
    ).json()
    assert [r["author"] for r in api][1] is None
    # and the notification the answerer gets names nobody
    note = Notification.objects.filter(recipient=other_member, kind="reply").get()
    assert note.actor is None and SECRET_NAME not in note.text and note.text.startswith("Someone")


def test_mentions_from_an_anonymous_post_name_nobody(asker, other_member, django_capture_on_commit_callbacks):
    handle = other_member.email.split("@")[0]
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_create(
            actor=asker,
            kind="question",
            title="Who knows pivot tables?",
            body=f"@{handle} maybe?",
            anonymous=True,
        )
    note = Notification.objects.get(recipient=other_member, kind="mention")
    assert note.actor is None and SECRET_NAME not in note.text
    assert len(mail.outbox) == 1 and SECRET_NAME not in mail.outbox[0].body


def test_accepting_an_answer_on_an_anonymous_question_reveals_nothing(
    client, asker, other_member, anon_question
):
    reply = actions.reply_create(actor=other_member, post=anon_question, body="Use XLOOKUP")
    actions.answer_accept(actor=asker, post=anon_question, reply=reply)
    note = Notification.objects.get(recipient=other_member, kind="answer_accepted")
    assert note.actor is None and SECRET_NAME not in note.text
    # insights read only the ledger: no row links the anonymous asker to the answer
    assert not LearningEvent.objects.filter(learner=asker).exists()
    api = client.get("/api/v1/notifications", headers=_bearer(client, other_member)).content.decode()
    assert SECRET_NAME not in api


def test_digest_page_and_email_never_name_the_author(client, other_member, anon_question):
    from ripple.notifications import tasks

    other_member.skills = "excel"
    other_member.save()
    client.force_login(other_member)
    content = client.get(reverse("notifications:digest")).content.decode()
    assert "How do I stop Excel" in content and SECRET_NAME not in content
    tasks.send_digest_email.enqueue(other_member.pk)
    email = mail.outbox[-1]
    assert "How do I stop Excel" in email.body and SECRET_NAME not in email.body
    assert SECRET_NAME not in email.alternatives[0][0]


def test_questions_i_could_answer_never_name_the_author(client, other_member, anon_question):
    client.force_login(other_member)
    content = client.get(reverse("feed:index") + "?tab=for-me").content.decode()
    assert "How do I stop Excel" in content and SECRET_NAME not in content


def test_selectors_present_hides_the_author(other_member, anon_question):
    post = selectors.present([Post.objects.get(pk=anon_question.pk)], other_member)[0]
    assert post.shown_author is None


def test_admin_sees_the_author_only_through_an_audited_reveal(client, admin_user, anon_question):
    client.force_login(admin_user)
    page = client.get(anon_question.get_absolute_url()).content.decode()
    assert SECRET_NAME not in page and "Reveal the author" in page
    form = client.get(reverse("feed:reveal", args=[anon_question.pk])).content.decode()
    assert SECRET_NAME not in form
    assert not ModerationLog.objects.exists()
    empty = client.post(reverse("feed:reveal", args=[anon_question.pk]), {"reason": ""})
    assert SECRET_NAME not in empty.content.decode() and not ModerationLog.objects.exists()
    shown = client.post(reverse("feed:reveal", args=[anon_question.pk]), {"reason": "Harassment report #12"})
    assert SECRET_NAME in shown.content.decode()
    entry = ModerationLog.objects.get()
    assert entry.actor == admin_user and entry.action == ModerationAction.REVEAL_AUTHOR
    assert entry.note == "Harassment report #12" and entry.post == anon_question
    log = client.get(reverse("feed:moderation")).content.decode()
    assert "Revealed the author of" in log


def test_non_admins_cannot_reveal(client, facilitator, other_member, anon_question):
    for person in (facilitator, other_member):
        client.force_login(person)
        response = client.post(reverse("feed:reveal", args=[anon_question.pk]), {"reason": "curious"})
        assert response.status_code == 403 and SECRET_NAME not in response.content.decode()
    assert not ModerationLog.objects.exists()


def test_kudos_button_is_not_offered_for_anonymous_posts(client, other_member, anon_question):
    client.force_login(other_member)
    content = client.get(anon_question.get_absolute_url()).content.decode()
    assert "Give kudos" not in content


def test_anonymous_posts_cannot_be_promoted(asker, anon_question):
    reply = actions.reply_create(actor=UserFactory(), post=anon_question, body="Answer")
    actions.answer_accept(actor=asker, post=anon_question, reply=reply)
    with pytest.raises(Exception, match="Anonymous"):
        actions.post_promote(actor=asker, post=anon_question)
