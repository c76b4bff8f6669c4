"""The sharing space: an anonymous author is never named to others, hidden posts are not found, and a
person's inbox, preferences and the prompts they may not see stay theirs.

Wilhelmina asks anonymously. Rafael answers, Petra is any other member. Whatever Petra or Rafael can
read — pages, HTMX partials, the API, search snippets, similar-question suggestions, notification
texts and emails, the digest, kudos, profiles, the ledger — must not connect Wilhelmina to her post.
"""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.feed import actions
from ripple.feed.models import (
    Follow,
    ModerationAction,
    ModerationLog,
    Post,
    Reaction,
    Reply,
    Report,
)
from ripple.library import actions as library_actions
from ripple.notifications import tasks
from ripple.notifications.models import Notification, Preference
from ripple.people import actions as people_actions
from ripple.people.models import Role
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

ASKER = "Wilhelmina Hushwhisper"
QUESTION = "How do I stop pivot tables from lying"


@pytest.fixture
def asker(db):
    return UserFactory(name=ASKER, email="wilhelmina@example.org", skills="excel, pivot")


@pytest.fixture
def answerer(db):
    return UserFactory(name="Rafael Responder", email="rafael@example.org", skills="pivot, excel")


@pytest.fixture
def peer(db):
    return UserFactory(name="Petra Peer", email="petra@example.org", skills="pivot tables")


@pytest.fixture
def question(asker):
    return actions.post_create(
        actor=asker,
        kind="question",
        title=QUESTION,
        body="Is it silly to ask about pivot prompts? The totals never match.",
        anonymous=True,
        topics="excel",
    )


@pytest.fixture
def ai_fail(asker):
    return actions.post_create(
        actor=asker,
        kind="ai_fail",
        title="The model invented a pivot formula",
        fail_wrong="It made up a pivot function that does not exist.",
        anonymous=True,
    )


@pytest.fixture
def answered(question, asker, answerer):
    """Rafael answers, Wilhelmina replies on her own post and accepts the answer."""
    answer = actions.reply_create(actor=answerer, post=question, body="Use GETPIVOTDATA and check totals.")
    actions.reply_create(actor=asker, post=question, body="Thanks, that pivot trick worked!", parent=answer)
    actions.answer_accept(actor=asker, post=question, reply=answer)
    return answer


def _client(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def _bearer(person) -> dict[str, str]:
    _token, raw = people_actions.token_create(user=person, name="privacy")
    return {"Authorization": f"Bearer {raw}"}


def _reveals(text: str, person) -> bool:
    handle = person.email.split("@")[0]
    return (
        person.name in text
        or person.email in text
        or f"@{handle}" in text
        or reverse("people:profile", args=[person.pk]) in text
        or f'"id": {person.pk}, "name"' in text
    )


# --- pages and partials --------------------------------------------------------------------------


FEED_VIEWS = [
    {},
    {"tab": "hot"},
    {"tab": "unanswered"},
    {"tab": "for-me"},
    {"kind": "question"},
    {"kind": "ai_fail"},
    {"topic": "excel"},
    {"q": "pivot"},
]


@pytest.mark.parametrize("params", FEED_VIEWS)
def test_feed_pages_and_partials_never_name_the_anonymous_author(
    question, ai_fail, answered, asker, peer, params
):
    client = _client(peer)
    for headers in ({}, {"HX-Request": "true", "HX-Target": "results"}):
        response = client.get(reverse("feed:index"), params, headers=headers)
        text = response.content.decode()
        assert response.status_code == 200
        assert not _reveals(text, asker), (params, headers)
    assert QUESTION in client.get(reverse("feed:index"), {"q": "pivot"}).content.decode()  # found, unnamed


def test_post_page_with_the_authors_own_reply_and_reactions_never_names_them(
    question, answered, asker, answerer, peer
):
    actions.reaction_set(actor=asker, post=question, emoji="applause")
    for viewer in (peer, answerer):
        text = _client(viewer).get(question.get_absolute_url()).content.decode()
        assert "Thanks, that pivot trick worked!" in text  # her reply is shown…
        assert not _reveals(text, asker)  # …but not who wrote it
    own = _client(asker).get(question.get_absolute_url()).content.decode()
    assert ASKER in own  # the author sees it is theirs (the check above is not vacuous)


def test_reaction_partial_never_names_the_anonymous_author(question, asker, peer):
    actions.reaction_set(actor=asker, post=question, emoji="applause")
    response = _client(peer).post(
        reverse("feed:react", args=[question.pk]),
        {"emoji": "thanks"},
        headers={"HX-Request": "true", "HX-Target": "reactions"},
    )
    assert response.status_code == 200 and not _reveals(response.content.decode(), asker)


def test_ai_fail_page_never_names_the_anonymous_author(ai_fail, asker, peer):
    assert not _reveals(_client(peer).get(ai_fail.get_absolute_url()).content.decode(), asker)


def test_similar_question_partial_and_api_never_name_the_author(question, answered, asker, peer):
    partial = _client(peer).get(reverse("feed:similar"), {"title": "pivot tables lying"}).content.decode()
    assert QUESTION in partial and not _reveals(partial, asker)
    api = Client().get("/api/v1/posts/similar", {"title": "pivot tables lying"}, headers=_bearer(peer))
    assert api.json() and not _reveals(api.content.decode(), asker)


def test_profile_and_profile_feed_never_list_anonymous_posts(question, ai_fail, answered, asker, peer):
    client = _client(peer)
    profile = client.get(reverse("people:profile", args=[asker.pk])).content.decode()
    section = client.get(
        reverse("feed:person", args=[asker.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    for text in (profile, section):
        assert QUESTION not in text and "invented a pivot formula" not in text
        assert question.get_absolute_url() not in text and ai_fail.get_absolute_url() not in text


# --- API ------------------------------------------------------------------------------------------


def test_api_lists_and_detail_never_name_the_anonymous_author(question, ai_fail, answered, asker, peer):
    headers = _bearer(peer)
    urls = [
        ("/api/v1/posts", {}),
        ("/api/v1/posts", {"search": "pivot"}),
        ("/api/v1/posts", {"anonymous": "true"}),
        ("/api/v1/posts", {"kind": "question", "sort": "hot"}),
        (f"/api/v1/posts/{question.pk}", {}),
        (f"/api/v1/posts/{ai_fail.pk}", {}),
        (f"/api/v1/posts/{question.pk}/replies", {}),
    ]
    for url, params in urls:
        response = Client().get(url, params, headers=headers)
        assert response.status_code == 200, url
        assert not _reveals(response.content.decode(), asker), (url, params)
    replies = Client().get(f"/api/v1/posts/{question.pk}/replies", headers=headers).json()
    own = [r for r in replies if r["body"].startswith("Thanks")]
    assert own and own[0]["author"] is None


def test_api_reactions_and_accept_responses_never_name_the_author(question, answered, asker, peer):
    actions.reaction_set(actor=asker, post=question, emoji="applause")
    headers = _bearer(peer)
    response = Client().post(
        f"/api/v1/posts/{question.pk}/reactions", {"emoji": "thanks"}, content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert response.status_code == 200 and not _reveals(response.content.decode(), asker)


# --- notifications and emails ---------------------------------------------------------------------


def test_notifications_about_the_anonymous_authors_actions_never_name_them(
    question, asker, answerer, peer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = actions.reply_create(actor=answerer, post=question, body="Try GETPIVOTDATA.")
        actions.post_follow(actor=peer, post=question)
        # Her own reply, a reply that @mentions Petra, and accepting Rafael's answer.
        actions.reply_create(actor=asker, post=question, body="Thanks! @petra does this match yours?")
        actions.answer_accept(actor=asker, post=question, reply=answer)
    received = Notification.objects.exclude(recipient=asker)
    assert received.count() >= 3
    for n in received:
        assert n.actor_id != asker.pk
        assert not _reveals(n.text, asker), n.text
    assert mail.outbox
    for message in mail.outbox:
        if asker.email in message.to:
            continue
        assert not _reveals(message.subject + message.body, asker), message.body
    for person in (answerer, peer):
        inbox = _client(person).get(reverse("notifications:inbox")).content.decode()
        assert not _reveals(inbox, asker)
        api = Client().get("/api/v1/notifications", headers=_bearer(person))
        assert api.json()["items"] and not _reveals(api.content.decode(), asker)


def test_anonymous_post_mentions_never_name_the_author(asker, peer):
    actions.post_create(
        actor=asker, kind="question", title="A shy pivot question", body="@petra have you seen this?",
        anonymous=True,
    )  # fmt: skip
    n = Notification.objects.get(recipient=peer)
    assert n.actor_id is None and not _reveals(n.text, asker)


def test_ledger_never_links_the_anonymous_asker(question, answered, asker):
    assert not LearningEvent.objects.filter(learner=asker).exists()
    assert not LearningEvent.objects.filter(source=asker).exists()
    assert not LearningEvent.objects.filter(kind="answer").exists()


# --- digest ---------------------------------------------------------------------------------------


def test_digest_page_and_email_never_name_the_anonymous_author(question, ai_fail, asker, peer):
    page = _client(peer).get(reverse("notifications:digest")).content.decode()
    assert QUESTION in page  # a question Petra could answer
    assert not _reveals(page, asker)
    mail.outbox.clear()
    assert tasks.send_digest_email.call(peer.pk)
    message = mail.outbox[-1]
    html = message.alternatives[0][0] if message.alternatives else ""
    assert QUESTION in message.body
    assert not _reveals(message.body, asker) and not _reveals(html, asker)


# --- kudos ----------------------------------------------------------------------------------------


def test_kudos_from_the_anonymous_asker_about_their_question_does_not_reveal_them(
    question, answered, asker, answerer, peer
):
    """Wilhelmina thanks Rafael from her question's page: the kudos is public and names her as the
    giver, so it must not also point at her anonymous question."""
    response = _client(asker).post(
        reverse("feed:kudos") + f"?post={question.pk}",
        {"to": [answerer.pk], "message": "Thank you for the pivot help!", "post": question.pk},
    )
    assert response.status_code == 302
    api_kudos = Client().post(
        "/api/v1/kudos",
        {"to": [answerer.pk], "message": "Thanks again!", "post_id": question.pk},
        content_type="application/json",
        headers=_bearer(asker),
    )
    assert api_kudos.status_code == 201
    client = _client(peer)
    kudos_page = client.get(reverse("feed:kudos")).content.decode()
    assert "Thank you for the pivot help!" in kudos_page and ASKER in kudos_page  # the thanks stays public…
    assert QUESTION not in kudos_page and question.get_absolute_url() not in kudos_page  # …unlinked
    for person in (answerer, asker):
        section = client.get(reverse("feed:person", args=[person.pk])).content.decode()
        assert QUESTION not in section and question.get_absolute_url() not in section
    listing = Client().get("/api/v1/kudos", headers=_bearer(peer)).json()["items"]
    for item in listing:
        assert not (item["giver"]["id"] == asker.pk and item["post_id"] == question.pk), item


def test_kudos_never_link_an_anonymous_post_so_a_guess_learns_nothing(
    question, answered, asker, answerer, peer
):
    """If only kudos naming the real author lost the link, a peer could guess authors one by one."""
    right = actions.kudos_give(actor=peer, recipients=[asker], message="Brave question!", post=question)
    wrong = actions.kudos_give(actor=peer, recipients=[answerer], message="Great answer", post=question)
    assert right.post_id is None and wrong.post_id is None
    api = Client().post(
        "/api/v1/kudos", {"to": [asker.pk], "message": "Guess", "post_id": question.pk},
        content_type="application/json", headers=_bearer(peer),
    )  # fmt: skip
    other = Client().post(
        "/api/v1/kudos", {"to": [answerer.pk], "message": "Guess", "post_id": question.pk},
        content_type="application/json", headers=_bearer(peer),
    )  # fmt: skip
    assert api.json()["post_id"] is None and other.json()["post_id"] is None
    text = _client(UserFactory()).get(reverse("feed:kudos")).content.decode()
    assert "Brave question!" in text and QUESTION not in text


def test_kudos_for_a_named_post_keep_their_link(answerer, peer):
    tip = actions.post_create(actor=answerer, kind="tip", title="Rubric tip", body="Ask for a rubric.")
    actions.kudos_give(actor=peer, recipients=[answerer], message="Great tip", post=tip)
    assert "Rubric tip" in _client(peer).get(reverse("feed:kudos")).content.decode()


def test_kudos_page_does_not_show_hidden_posts(question, answerer, peer, facilitator):
    actions.kudos_give(actor=peer, recipients=[answerer], message="Great answer", post=question)
    actions.post_moderate(actor=facilitator, post=question, action="hide")
    text = _client(peer).get(reverse("feed:kudos")).content.decode()
    assert "Great answer" in text and QUESTION not in text


# --- hidden and deleted posts ---------------------------------------------------------------------


@pytest.fixture
def hidden(peer, facilitator):
    post = actions.post_create(
        actor=peer, kind="tip", title="Zygomorphic prompt trick", body="Use the zygomorphic rubric."
    )
    actions.post_moderate(actor=facilitator, post=post, action="hide")
    return post


@pytest.fixture
def deleted(peer):
    post = actions.post_create(
        actor=peer, kind="question", title="Quixotic deleted question", body="About quixotic pivots?"
    )
    actions.post_delete(actor=peer, post=post)
    return post


@pytest.mark.parametrize("which", ["hidden", "deleted"])
def test_removed_posts_are_404_on_every_path_for_members(request, which, answerer):
    post = request.getfixturevalue(which)
    client, headers = _client(answerer), _bearer(answerer)
    for name in ("post", "edit"):
        assert client.get(reverse(f"feed:{name}", args=[post.pk])).status_code == 404
    writes = {
        "reply": {"body": "sneaky reply"},
        "react": {"emoji": "applause"},
        "follow": {"on": "1"},
        "accept": {"reply_id": "1"},
        "report": {"reason": "spam"},
        "promote": {},
        "delete": {},
        "moderate": {"action": "restore"},
    }
    for name, data in writes.items():
        assert client.post(reverse(f"feed:{name}", args=[post.pk]), data).status_code == 404, name
    for url in (f"/api/v1/posts/{post.pk}", f"/api/v1/posts/{post.pk}/replies"):
        assert Client().get(url, headers=headers).status_code == 404
    api_writes = [
        ("post", f"/api/v1/posts/{post.pk}/replies", {"body": "sneaky"}),
        ("post", f"/api/v1/posts/{post.pk}/reactions", {"emoji": "applause"}),
        ("post", f"/api/v1/posts/{post.pk}/accept", {"reply_id": 1}),
        ("post", f"/api/v1/posts/{post.pk}/promote", {}),
        ("patch", f"/api/v1/posts/{post.pk}", {"title": "x"}),
    ]
    for method, url, payload in api_writes:
        response = getattr(Client(), method)(url, payload, content_type="application/json", headers=headers)
        assert response.status_code == 404, url
    assert Client().delete(f"/api/v1/posts/{post.pk}", headers=headers).status_code == 404
    kudos = Client().post(
        "/api/v1/kudos", {"to": [post.author_id], "message": "hi", "post_id": post.pk},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert kudos.status_code == 404
    assert not Reply.objects.exists() and not Reaction.objects.exists() and not Report.objects.exists()
    assert not Follow.objects.filter(user=answerer).exists()
    post.refresh_from_db()
    assert post.state == which


def test_removed_posts_are_not_found_in_lists_search_similar_digest_or_profiles(
    hidden, deleted, peer, answerer
):
    client, headers = _client(answerer), _bearer(answerer)
    texts = [
        client.get(reverse("feed:index")).content.decode(),
        client.get(reverse("feed:index"), {"q": "zygomorphic"}).content.decode(),
        client.get(
            reverse("feed:index"), {"q": "quixotic"}, headers={"HX-Request": "true", "HX-Target": "results"}
        ).content.decode(),
        client.get(reverse("feed:index"), {"tab": "unanswered"}).content.decode(),
        client.get(reverse("feed:similar"), {"title": "quixotic deleted question"}).content.decode(),
        client.get(reverse("notifications:digest")).content.decode(),
        client.get(reverse("feed:person", args=[peer.pk])).content.decode(),
        Client().get("/api/v1/posts", headers=headers).content.decode(),
        Client().get("/api/v1/posts", {"search": "zygomorphic"}, headers=headers).content.decode(),
        Client()
        .get("/api/v1/posts/similar", {"title": "quixotic deleted"}, headers=headers)
        .content.decode(),
    ]
    for text in texts:
        assert "Zygomorphic prompt trick" not in text and "Quixotic deleted question" not in text
        assert hidden.get_absolute_url() not in text and deleted.get_absolute_url() not in text


def test_hidden_post_is_still_visible_to_its_author_and_moderators(hidden, peer, facilitator):
    assert _client(peer).get(hidden.get_absolute_url()).status_code == 200
    assert _client(facilitator).get(hidden.get_absolute_url()).status_code == 200


def test_reply_to_a_hidden_post_sends_no_notification(hidden, answerer):
    count = Notification.objects.count()
    _client(answerer).post(reverse("feed:reply", args=[hidden.pk]), {"body": "psst"})
    assert Notification.objects.count() == count


# --- moderation and reveal: facilitators and admins only ----------------------------------------


def test_moderation_and_reveal_are_refused_to_members(question, peer, facilitator):
    client = _client(peer)
    assert client.get(reverse("feed:moderation")).status_code == 403
    assert client.post(reverse("feed:moderate", args=[question.pk]), {"action": "hide"}).status_code == 403
    for person in (peer, facilitator):
        response = _client(person).post(reverse("feed:reveal", args=[question.pk]), {"reason": "curious"})
        assert response.status_code == 403
        assert not _reveals(response.content.decode(), question.author)
    question.refresh_from_db()
    assert question.state == "live"


# --- inbox and preferences are per person --------------------------------------------------------


@pytest.fixture
def someones_notification(question, answerer):
    actions.reply_create(actor=answerer, post=question, body="An answer about pivots")
    return Notification.objects.get(recipient=question.author)


def test_cannot_read_or_mark_someone_elses_notification(someones_notification, peer):
    client = _client(peer)
    assert client.get(reverse("notifications:open", args=[someones_notification.pk])).status_code == 404
    client.post(reverse("notifications:read"), {"id": [someones_notification.pk]})
    client.post(reverse("notifications:read"))  # "mark all read" is all of *mine*
    someones_notification.refresh_from_db()
    assert someones_notification.read_at is None
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert someones_notification.text not in inbox
    badge = client.get(reverse("notifications:badge"), headers={"HX-Request": "true"}).content.decode()
    assert "badge-count" not in badge
    api = Client().get("/api/v1/notifications", headers=_bearer(peer)).json()
    assert api["items"] == []


def test_preferences_are_only_ones_own(asker, peer):
    Preference.objects.create(user=asker, kind="reply", inbox=False, email=False)
    client = _client(peer)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    client.post(
        reverse("notifications:preferences"), {"inbox_reply": "on", "email_reply": "on", "user": asker.pk}
    )
    mine = Preference.objects.get(user=asker, kind="reply")
    assert (mine.inbox, mine.email) == (False, False)


# --- department-only prompts seen through the feed ------------------------------------------------


@pytest.fixture
def alpha(db):
    return DepartmentFactory(name="Alpha Finance")


@pytest.fixture
def insider(alpha):
    return UserFactory(name="Ingrid Insider", email="ingrid@example.org", department=alpha)


@pytest.fixture
def outsider(db):
    return UserFactory(name="Oscar Outsider", department=DepartmentFactory(name="Beta Sales"))


@pytest.fixture
def secret_prompt(insider, alpha):
    return library_actions.prompt_create(
        actor=insider, title="Vellichor budget prompt", body="Plan the vellichor budget for {{team}}.",
        visibility="department", department=alpha,
    )  # fmt: skip


def test_post_linking_a_department_prompt_does_not_show_it_to_outsiders(secret_prompt, insider, outsider):
    post = actions.post_create(
        actor=insider,
        kind="tip",
        title="My budget tip",
        body="See the prompt.",
        prompt_ids=[secret_prompt.pk],
    )
    page = _client(outsider).get(post.get_absolute_url()).content.decode()
    assert "Vellichor budget prompt" not in page and secret_prompt.get_absolute_url() not in page
    assert "Vellichor budget prompt" in _client(insider).get(post.get_absolute_url()).content.decode()
    for url in (f"/api/v1/posts/{post.pk}", "/api/v1/posts"):
        text = Client().get(url, headers=_bearer(outsider)).content.decode()
        assert "Vellichor" not in text


def test_api_post_prompt_ids_leave_out_prompts_the_viewer_may_not_see(secret_prompt, insider, outsider):
    post = actions.post_create(
        actor=insider,
        kind="tip",
        title="My budget tip",
        body="See the prompt.",
        prompt_ids=[secret_prompt.pk],
    )
    theirs = Client().get(f"/api/v1/posts/{post.pk}", headers=_bearer(outsider)).json()
    listed = Client().get("/api/v1/posts", headers=_bearer(outsider)).json()["items"]
    assert theirs["prompt_ids"] == [] and listed[0]["prompt_ids"] == []
    own = Client().get(f"/api/v1/posts/{post.pk}", headers=_bearer(insider)).json()
    assert own["prompt_ids"] == [secret_prompt.pk]


def test_cannot_link_a_prompt_one_may_not_see(secret_prompt, outsider):
    response = Client().post(
        "/api/v1/posts", {"kind": "tip", "title": "Sneaky", "body": "x", "prompt_ids": [secret_prompt.pk]},
        content_type="application/json", headers=_bearer(outsider),
    )  # fmt: skip
    assert response.status_code == 422 and not Post.objects.exists()


def test_kudos_linked_to_a_department_prompt_does_not_reveal_it(secret_prompt, insider, outsider, alpha):
    colleague = UserFactory(name="Cora Colleague", department=alpha)
    actions.kudos_give(
        actor=colleague, recipients=[insider], message="Thanks for the prompt", prompt_id=secret_prompt.pk
    )
    page = _client(outsider).get(reverse("feed:kudos")).content.decode()
    assert "Thanks for the prompt" in page and "Vellichor" not in page
    items = Client().get("/api/v1/kudos", headers=_bearer(outsider)).json()["items"]
    assert items[0]["prompt_id"] is None
    assert (
        Client().get("/api/v1/kudos", headers=_bearer(colleague)).json()["items"][0]["prompt_id"]
        == secret_prompt.pk
    )


def test_cannot_give_kudos_for_a_prompt_one_may_not_see(secret_prompt, insider, outsider):
    response = Client().post(
        "/api/v1/kudos", {"to": [insider.pk], "message": "hi", "prompt_id": secret_prompt.pk},
        content_type="application/json", headers=_bearer(outsider),
    )  # fmt: skip
    assert response.status_code == 404


def test_digest_new_prompts_only_shows_what_the_reader_may_see(secret_prompt, insider, outsider, alpha):
    private = library_actions.prompt_create(
        actor=insider, title="Vellichor private draft", body="Mine only.", visibility="private"
    )
    colleague = UserFactory(name="Cora Colleague", department=alpha)
    assert private.pk
    outsider_page = _client(outsider).get(reverse("notifications:digest")).content.decode()
    colleague_page = _client(colleague).get(reverse("notifications:digest")).content.decode()
    assert "Vellichor" not in outsider_page
    assert "Vellichor budget prompt" in colleague_page and "Vellichor private draft" not in colleague_page
    mail.outbox.clear()
    tasks.send_digest_email.call(outsider.pk)
    message = mail.outbox[-1]
    assert "Vellichor" not in message.body and "Vellichor" not in message.alternatives[0][0]


def test_mention_autocomplete_lists_no_deactivated_people(peer):
    gone = UserFactory(name="Petronella Gone", email="petronella@example.org", is_active=False)
    text = _client(peer).get(reverse("feed:mentions"), {"q": "petr"}).content.decode()
    assert "Petra Peer" in text and gone.name not in text


def test_admin_only_reveal_is_audited(question, asker):
    admin = UserFactory(role=Role.ADMIN)
    response = _client(admin).post(
        reverse("feed:reveal", args=[question.pk]), {"reason": "harassment report"}
    )
    assert response.status_code == 200 and ASKER in response.content.decode()
    assert ModerationLog.objects.filter(
        post=question, actor=admin, action=ModerationAction.REVEAL_AUTHOR
    ).exists()


def test_editing_someone_elses_anonymous_post_is_refused_without_naming_them(question, asker, peer):
    client = _client(peer)
    for response in (
        client.get(reverse("feed:edit", args=[question.pk])),
        client.post(reverse("feed:edit", args=[question.pk]), {"title": "Hijacked", "body": "x"}),
        client.post(reverse("feed:delete", args=[question.pk])),
    ):
        assert response.status_code == 403
        assert not _reveals(response.content.decode(), asker)
    patch = Client().patch(
        f"/api/v1/posts/{question.pk}",
        {"title": "Hijacked"},
        content_type="application/json",
        headers=_bearer(peer),
    )
    assert patch.status_code == 403 and not _reveals(patch.content.decode(), asker)
    question.refresh_from_db()
    assert question.title == QUESTION and question.state == "live"


def test_searching_for_the_anonymous_authors_name_does_not_find_their_post(question, ai_fail, asker, peer):
    for text in (ASKER, "Wilhelmina", "wilhelmina@example.org"):
        page = _client(peer).get(reverse("feed:index"), {"q": text}).content.decode()
        assert QUESTION not in page and "invented a pivot formula" not in page
        api = Client().get("/api/v1/posts", {"search": text}, headers=_bearer(peer)).json()
        assert api["items"] == []
        similar = Client().get("/api/v1/posts/similar", {"title": text}, headers=_bearer(peer)).json()
        assert similar == []


def test_accepted_answer_on_an_anonymous_question_cannot_be_promoted(question, answered, answerer):
    from ripple.library.models import Prompt

    response = _client(answerer).post(reverse("feed:promote", args=[question.pk]))
    assert response.status_code == 302
    api = Client().post(
        f"/api/v1/posts/{question.pk}/promote", content_type="application/json", headers=_bearer(answerer)
    )
    assert api.status_code == 422
    assert not Prompt.objects.exists()


def test_someone_elses_answer_cannot_be_accepted_by_a_peer(question, answerer, peer):
    answer = actions.reply_create(actor=answerer, post=question, body="An answer")
    assert (
        _client(peer).post(reverse("feed:accept", args=[question.pk]), {"reply_id": answer.pk}).status_code
        == 403
    )
    api = Client().post(
        f"/api/v1/posts/{question.pk}/accept", {"reply_id": answer.pk}, content_type="application/json",
        headers=_bearer(peer),
    )  # fmt: skip
    assert api.status_code == 403
    question.refresh_from_db()
    assert question.accepted_reply_id is None
    assert not Notification.objects.filter(kind="answer_accepted").exists()


def test_reply_id_of_another_post_is_404(question, answerer, peer):
    other = actions.post_create(actor=peer, kind="question", title="Peer question", body="Body")
    answer = actions.reply_create(actor=answerer, post=question, body="An answer")
    response = _client(peer).post(reverse("feed:accept", args=[other.pk]), {"reply_id": answer.pk})
    assert response.status_code == 404
    thread = _client(peer).post(reverse("feed:reply", args=[other.pk]), {"body": "x", "parent": answer.pk})
    assert thread.status_code == 404
    other.refresh_from_db()
    assert other.accepted_reply_id is None and not Reply.objects.filter(post=other).exists()


def test_promoted_prompt_made_private_is_not_pointed_at(answerer, peer):
    from ripple.library.models import Prompt

    tip = actions.post_create(
        actor=answerer, kind="tip", title="Rubric tip", body="Ask the model for a rubric."
    )
    actions.post_promote(actor=answerer, post=tip)
    prompt = Prompt.objects.get()
    own = Client().get(f"/api/v1/posts/{tip.pk}", headers=_bearer(answerer)).json()
    assert own["promoted_prompt_id"] == prompt.pk and own["prompt_ids"] == [prompt.pk]
    library_actions.prompt_update(actor=answerer, prompt=prompt, visibility="private")
    theirs = Client().get(f"/api/v1/posts/{tip.pk}", headers=_bearer(peer)).json()
    assert theirs["promoted_prompt_id"] is None and theirs["prompt_ids"] == []
    page = _client(peer).get(tip.get_absolute_url()).content.decode()
    assert prompt.get_absolute_url() not in page


def test_digest_cli_sends_each_person_only_what_they_may_see(question, asker, peer, secret_prompt, outsider):
    from django.core.management import call_command

    mail.outbox.clear()
    call_command("send_notifications", "--digest", stdout=io.StringIO(), stderr=io.StringIO())
    by_person = {m.to[0]: m.body + (m.alternatives[0][0] if m.alternatives else "") for m in mail.outbox}
    assert peer.email in by_person and outsider.email in by_person
    for email, text in by_person.items():
        if email != asker.email:
            assert not _reveals(text, asker), email
    assert "Vellichor" not in by_person[outsider.email] and "Vellichor" not in by_person[peer.email]
    assert "Vellichor budget prompt" in by_person["ingrid@example.org"]


def test_anonymous_posts_do_not_carry_the_askers_department(peer):
    """In a small department the department alone says who asked."""
    tiny = DepartmentFactory(name="Treasury")
    asker = UserFactory(name="Only Person In Treasury", department=tiny)
    post = actions.post_create(
        actor=asker, kind="question", title="Is it fine to paste ledgers into ChatGPT?",
        body="Asking for a friend.", anonymous=True, department=tiny,
    )  # fmt: skip
    assert post.department is None
    actions.post_update(actor=asker, post=post, department=tiny)
    post.refresh_from_db()
    assert post.department is None
    for text in (
        _client(peer).get(reverse("feed:post", args=[post.pk])).content.decode(),
        Client().get("/api/v1/posts", headers=_bearer(peer)).content.decode(),
        Client().get(f"/api/v1/posts/{post.pk}", headers=_bearer(peer)).content.decode(),
    ):
        assert "Treasury" not in text
    # The department filter cannot find it either.
    listed = Client().get("/api/v1/posts", {"department": tiny.pk}, headers=_bearer(peer)).json()
    assert listed["items"] == []
