"""Suggested presenters from real wins, reuses and kudos — never from what the host may not see."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ripple.feed import actions as feed_actions
from ripple.library import actions as library_actions
from ripple.showcase.models import Invitation, Occurrence, Slot
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt
from tests.showcase.conftest import upcoming


def _suggestions(client, session) -> str:
    response = client.get(f"/show/{session.series.slug}/{session.pk}/suggestions/")
    assert response.status_code == 200
    return response.content.decode()


def _reuse(prompt, times: int):
    for _ in range(times):
        library_actions.reuse_record(actor=UserFactory(), prompt=prompt, minutes_saved=10)


def test_reasons_come_from_wins_reuses_and_kudos(host_client, session):
    winner, author, thanked = (
        UserFactory(name="Wendy Winner"),
        UserFactory(name="Rita Reused"),
        UserFactory(name="Kai Kudos"),
    )
    feed_actions.post_create(actor=winner, kind="win", title="Invoice matching in minutes", body="It works.")
    _reuse(make_prompt(owner=author, title="Weekly report summariser"), 3)
    feed_actions.kudos_give(
        actor=UserFactory(), recipients=[thanked], message="Thanks for the prompt clinic!"
    )
    html = _suggestions(host_client, session)
    assert "Wendy Winner" in html and "Invoice matching in minutes" in html
    assert "3 reuses of “Weekly report summariser” this month" in html
    assert "Kai Kudos" in html and "kudos this month" in html
    assert "Would be a new face" in html


def test_private_prompts_and_anonymous_posts_never_count(host_client, session):
    secret_owner, shy, dept_owner = (
        UserFactory(name="Sam Secret"),
        UserFactory(name="Ana Nonymous"),
        UserFactory(name="Dee Dept"),
    )
    private = make_prompt(owner=secret_owner, title="My private helper", visibility="private")
    _reuse(private, 0)
    library_actions.reuse_record(actor=secret_owner, prompt=private, minutes_saved=5)
    other_dept = DepartmentFactory(name="Legal")
    dept_prompt = make_prompt(
        owner=dept_owner, title="Legal-only clause finder", visibility="department", department=other_dept
    )
    for _ in range(3):
        library_actions.reuse_record(
            actor=UserFactory(department=other_dept), prompt=dept_prompt, minutes_saved=5
        )
    feed_actions.post_create(actor=shy, kind="ai_fail", title="Anonymous fail", body="Oops.", anonymous=True)
    html = _suggestions(host_client, session)
    for leaked in (
        "Sam Secret",
        "My private helper",
        "Ana Nonymous",
        "Anonymous fail",
        "Legal-only",
        "Dee Dept",
    ):
        assert leaked not in html


def test_recent_presenters_and_people_already_booked_are_skipped(host_client, host, session, series):
    recent, booked = UserFactory(name="Rex Recent"), UserFactory(name="Bea Booked")
    for person in (recent, booked):
        feed_actions.post_create(actor=person, kind="win", title=f"Win by {person.name}", body="Yes.")
    held = Occurrence.objects.create(
        series=series,
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7) + timedelta(minutes=30),
    )
    Slot.objects.create(occurrence=held, presenter=recent, title="Earlier demo")
    Slot.objects.create(occurrence=session, presenter=booked, title="Booked demo")
    html = _suggestions(host_client, session)
    assert "Rex Recent" not in html and "Bea Booked" not in html


def test_invite_in_one_click_then_accept_or_decline(client, host_client, host, session, series):
    invitee, decliner = UserFactory(name="Ivy Invitee"), UserFactory(name="Dan Decliner")
    for person in (invitee, decliner):
        feed_actions.post_create(actor=person, kind="win", title=f"Big win for {person.name}", body="Yes.")
    url = f"/show/{series.slug}/{session.pk}/"
    host_client.post(url + "invite/", {"person": invitee.pk, "reason": "shared a win"})
    host_client.post(url + "invite/", {"person": decliner.pk, "reason": "shared a win"})
    again = host_client.post(url + "invite/", {"person": invitee.pk}, follow=True)
    assert "already invited" in again.content.decode() and Invitation.objects.count() == 2
    assert invitee.notifications.filter(kind="show_invited", text__contains="shared a win").exists()
    client.force_login(invitee)
    page = client.get(url).content.decode()
    assert "invites you to present" in page and "Why you: shared a win" in page
    invitation = Invitation.objects.get(person=invitee)
    client.post(url + "signup/", {"title": "Invoice matching", "kind": "demo", "invitation": invitation.pk})
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.slot.title == "Invoice matching"
    client.force_login(decliner)
    other = Invitation.objects.get(person=decliner)
    client.post(url + "decline/", {"invitation": other.pk})
    other.refresh_from_db()
    assert (
        other.status == "declined"
        and host.notifications.filter(kind="show_host", text__contains="can't present").exists()
    )
    # nobody answers someone else's invitation
    assert client.post(url + "decline/", {"invitation": invitation.pk}).status_code == 404


def test_only_hosts_see_suggestions(member_client, session):
    assert member_client.get(f"/show/{session.series.slug}/{session.pk}/suggestions/").status_code == 403
    assert (
        member_client.post(f"/show/{session.series.slug}/{session.pk}/invite/", {"person": 1}).status_code
        == 403
    )


def test_next_session_fixture_is_upcoming(series):
    assert upcoming(series).starts_at > timezone.now()
