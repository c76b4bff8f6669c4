"""Kudos, the inbox with unread counts, per-type preferences, email delivery and the digest."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.feed import actions
from ripple.feed.models import Kudos
from ripple.notifications import tasks
from ripple.notifications.actions import notify
from ripple.notifications.models import Notification, Preference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_give_kudos_to_several_people(client, member, other_member, make_post):
    third = UserFactory(name="Tia Third")
    post = make_post(other_member, title="A great tip")
    client.force_login(member)
    response = client.post(
        reverse("feed:kudos"),
        {"to": [other_member.pk, third.pk], "message": "You saved my week", "post": post.pk},
    )
    assert response.status_code == 302
    kudos = Kudos.objects.get()
    assert set(kudos.recipients.all()) == {other_member, third} and kudos.post == post
    events = LearningEvent.objects.filter(kind="kudos")
    assert {(e.learner, e.source) for e in events} == {(member, other_member), (member, third)}
    assert Notification.objects.filter(kind="kudos").count() == 2
    page = client.get(reverse("feed:kudos")).content.decode()
    assert "You saved my week" in page and "Tia Third" in page
    assert "You saved my week" in client.get(reverse("feed:index")).content.decode()


def test_kudos_bad_input(client, member):
    client.force_login(member)
    assert client.post(reverse("feed:kudos"), {"to": [member.pk], "message": "me"}).status_code == 400
    assert client.post(reverse("feed:kudos"), {"to": [], "message": "nobody"}).status_code == 400
    assert client.post(reverse("feed:kudos"), {"to": [99999], "message": "ghost"}).status_code == 400
    assert Kudos.objects.count() == 0


def test_kudos_page_query_count_is_constant(client, member, other_member, queries):
    actions.kudos_give(actor=member, recipients=[other_member], message="one")
    client.force_login(member)

    def grow() -> None:
        for i in range(30):
            actions.kudos_give(actor=UserFactory(), recipients=[other_member, UserFactory()], message=f"k{i}")

    queries.flat(
        lambda: queries.count(client, reverse("feed:kudos")), grow, exactly=4
    )  # the recipients picker lists nobody up front


def test_inbox_lists_and_marks_read(client, member, other_member, make_post):
    post = make_post(member)
    actions.reply_create(actor=other_member, post=post, body="Hi")
    client.force_login(member)
    badge = client.get(reverse("notifications:badge"), headers={"HX-Request": "true"}).content.decode()
    assert "1 unread" in badge
    content = client.get(reverse("notifications:inbox")).content.decode()
    assert "replied to" in content and "is-unread" in content
    note = Notification.objects.get(recipient=member)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response.url.startswith(post.get_absolute_url())
    note.refresh_from_db()
    assert note.read_at is not None
    assert "unread" not in client.get(reverse("notifications:badge")).content.decode()


def test_someone_elses_notification_is_404(client, member, other_member):
    note = notify(recipient=other_member, kind="kudos", text="private", url="/feed/")
    client.force_login(member)
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404


def test_mark_all_read(client, member):
    for i in range(3):
        notify(recipient=member, kind="kudos", text=f"k{i}", url="/feed/kudos/")
    client.force_login(member)
    client.post(reverse("notifications:read"))
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_inbox_query_count_is_constant(client, member, queries):
    other = UserFactory()
    notify(recipient=member, kind="reply", text="one", url="/feed/", actor=other)
    client.force_login(member)

    def grow() -> None:
        for i in range(50):
            notify(recipient=member, kind="mention", text=f"n{i}", url="/feed/", actor=UserFactory())

    queries.flat(lambda: queries.count(client, reverse("notifications:inbox")), grow, exactly=4)


def test_preferences_mute_inbox_and_email_per_type(
    client, member, other_member, make_post, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    # keep everything except: replies neither in the inbox nor by email
    data = {f"inbox_{k}": "on" for k in ("mention", "answer_accepted", "kudos")}
    data.update({f"email_{k}": "on" for k in ("mention", "kudos")})
    client.post(reverse("notifications:preferences"), data)
    assert Preference.objects.get(user=member, kind="reply").inbox is False
    post = make_post(member)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply_create(actor=other_member, post=post, body="hello")
    assert mail.outbox == []
    assert "replied to" not in client.get(reverse("notifications:inbox")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        actions.kudos_give(actor=other_member, recipients=[member], message="ty")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email] and "kudos" in mail.outbox[0].subject


def test_notification_email_is_sent_once(member, other_member):
    note = notify(recipient=member, kind="mention", text="hello", url="/feed/", actor=other_member)
    assert tasks.send_notification_email.call(note.pk) is True
    assert tasks.send_notification_email.call(note.pk) is False
    assert len(mail.outbox) == 1 and "/feed/" in mail.outbox[0].body


def test_sweep_emails_notifications_from_other_apps(member):
    notify(recipient=member, kind="suggestion", text="Someone suggested an edit", url="/library/")
    assert tasks.send_pending_notification_emails.call() == 1
    assert tasks.send_pending_notification_emails.call() == 0


def test_digest_page_and_weekly_email(client, member, other_member, make_post):
    make_post(other_member, kind="win", title="Invoices in minutes", minutes_saved=90)
    actions.kudos_give(actor=other_member, recipients=[member], message="Great demo")
    client.force_login(member)
    content = client.get(reverse("notifications:digest")).content.decode()
    assert "Invoices in minutes" in content and "90 min saved" in content and "Great demo" in content
    assert tasks.send_weekly_digests.call() == 2
    assert len(mail.outbox) == 2 and "Invoices in minutes" in mail.outbox[0].body


def test_digest_never_includes_hidden_posts(client, member, other_member, facilitator, make_post):
    post = make_post(other_member, kind="win", title="Hidden win")
    actions.post_moderate(actor=facilitator, post=post, action="hide")
    client.force_login(member)
    assert "Hidden win" not in client.get(reverse("notifications:digest")).content.decode()


def test_profile_shows_kudos_and_posts_but_never_anonymous_ones(client, member, other_member, make_post):
    make_post(other_member, kind="tip", title="A public tip")
    make_post(other_member, kind="question", title="A secret question", anonymous=True)
    actions.kudos_give(actor=member, recipients=[other_member], message="Legend")
    client.force_login(member)
    profile = client.get(reverse("people:profile", args=[other_member.pk])).content.decode()
    assert f'hx-get="/feed/people/{other_member.pk}/"' in profile
    part = client.get(reverse("feed:person", args=[other_member.pk]), headers={"HX-Request": "true"})
    content = part.content.decode()
    assert "Legend" in content and "A public tip" in content and "A secret question" not in content
    assert client.get(reverse("feed:person", args=[999999])).status_code == 404


def test_send_notifications_command(member, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    notify(recipient=member, kind="kudos", text="hello", url="/feed/")
    call_command("send_notifications", "--emails", "--digest")
    assert "queued" in capsys.readouterr().out
    assert any(m.subject == "Your week in Ripple" for m in mail.outbox)
    assert any("hello" in m.subject for m in mail.outbox)
    with pytest.raises(CommandError, match="Say what to send"):
        call_command("send_notifications")


def test_digest_lists_new_department_prompts_only_if_visible(client, member, other_member):
    from ripple.library import actions as library_actions

    colleague = UserFactory(department=member.department)
    library_actions.prompt_create(
        actor=colleague, title="Team prompt for QBRs", body="x", department=member.department
    )
    library_actions.prompt_create(
        actor=colleague, title="Colleague's private draft", body="x", visibility="private"
    )
    library_actions.prompt_create(actor=other_member, title="Other department prompt", body="x")
    client.force_login(member)
    content = client.get(reverse("notifications:digest")).content.decode()
    assert "Team prompt for QBRs" in content
    assert "private draft" not in content and "Other department prompt" not in content


def test_kudos_for_a_prompt_the_giver_cannot_see_is_404(client, api, member, other_member):
    from ripple.library import actions as library_actions

    hidden = library_actions.prompt_create(
        actor=other_member, title="Private", body="x", visibility="private"
    )
    shared = library_actions.prompt_create(actor=other_member, title="Shared", body="x")
    bad = api.post("/api/v1/kudos", {"to": [other_member.pk], "message": "ty", "prompt_id": hidden.pk})
    assert bad.status_code == 404 and Kudos.objects.count() == 0
    good = api.post("/api/v1/kudos", {"to": [other_member.pk], "message": "ty", "prompt_id": shared.pk})
    assert good.status_code == 201 and good.json()["prompt_id"] == shared.pk


def test_digest_window_includes_the_whole_first_day(client, member, other_member, make_post):
    """A win from early on the window's first day (in the reader's time zone) is in; the day before is out."""
    import zoneinfo
    from datetime import timedelta

    from django.utils import timezone

    from ripple.feed.models import Post

    member.time_zone = "Pacific/Auckland"
    member.save()
    # Midnight starting the day seven days ago, on the reader's clock (worked out here, not by the app).
    seven_days_ago = timezone.now().astimezone(zoneinfo.ZoneInfo("Pacific/Auckland")) - timedelta(days=7)
    start = seven_days_ago.replace(hour=0, minute=0, second=0, microsecond=0)
    first_day = make_post(other_member, kind="win", title="Early on the first day", minutes_saved=30)
    day_before = make_post(other_member, kind="win", title="Just before the window", minutes_saved=30)
    Post.objects.filter(pk=first_day.pk).update(created_at=start + timedelta(minutes=5))
    Post.objects.filter(pk=day_before.pk).update(created_at=start - timedelta(minutes=5))
    client.force_login(member)
    content = client.get(reverse("notifications:digest")).content.decode()
    assert "Early on the first day" in content and "Just before the window" not in content
