"""Signing up, the waiting list, cancelling, hosts reordering and resizing — through the pages."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ripple.showcase import actions
from ripple.showcase.models import Occurrence, Slot
from tests.factories import UserFactory
from tests.showcase.conftest import upcoming


def _url(session, action=""):
    return f"/show/{session.series.slug}/{session.pk}/{action}"


def _state(session):
    session.refresh_from_db()
    slots = list(
        Slot.objects.filter(occurrence=session)
        .order_by("id")
        .values_list("presenter_id", "status", "position")
    )
    return session.booked_count, session.waiting_count, session.capacity, slots


def test_sign_up_with_a_kind_and_see_it_on_the_agenda(member_client, member, session):
    response = member_client.post(
        _url(session, "signup/"), {"title": "When ChatGPT invented a policy", "kind": "ai_fail"}
    )
    assert response.status_code == 302
    slot = Slot.objects.get(occurrence=session)
    assert (slot.presenter, slot.kind, slot.status) == (member, "ai_fail", "booked")
    page = member_client.get(_url(session)).content.decode()
    assert "When ChatGPT invented a policy" in page and "AI fail" in page and "New face" in page
    assert session.series.hosts.first().notifications.filter(kind="show_host").exists()


def test_signing_up_twice_is_refused_and_changes_nothing(member_client, session):
    member_client.post(_url(session, "signup/"), {"title": "First", "kind": "demo"})
    before = _state(session)
    response = member_client.post(_url(session, "signup/"), {"title": "Second", "kind": "demo"})
    assert response.status_code == 400
    assert "already have a slot" in response.content.decode()
    assert _state(session) == before


def test_a_full_session_refuses_then_waiting_list_promotes_on_cancel(client, session):
    session.capacity = 2
    session.save()
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    for person in (a, b):
        actions.slot_sign_up(actor=person, occurrence=session, title=f"Demo by {person.name}")
    before = _state(session)
    client.force_login(c)
    response = client.post(_url(session, "signup/"), {"title": "Mine", "kind": "demo"})
    assert response.status_code == 400 and "This session is full" in response.content.decode()
    assert _state(session) == before
    response = client.post(_url(session, "signup/"), {"title": "Mine", "kind": "demo", "waitlist": "1"})
    assert response.status_code == 302
    assert _state(session)[:2] == (2, 1)
    a_slot = Slot.objects.get(occurrence=session, presenter=a)
    client.force_login(a)
    assert client.post(f"/show/slots/{a_slot.pk}/cancel/").status_code == 302
    assert Slot.objects.get(occurrence=session, presenter=c).status == "booked"
    assert _state(session)[:2] == (2, 0)
    assert c.notifications.filter(kind="show_promoted").exists()


def test_a_slot_in_the_past_is_refused(member_client, member, host, series):
    past = Occurrence.objects.create(
        series=series,
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(hours=23),
    )
    response = member_client.post(_url(past, "signup/"), {"title": "Too late", "kind": "demo"})
    assert response.status_code == 400 and "already started" in response.content.decode()
    assert not Slot.objects.filter(occurrence=past).exists()


def test_cancelled_session_refuses_sign_ups(member_client, host, session):
    actions.occurrence_cancel(actor=host, occurrence=session)
    response = member_client.post(_url(session, "signup/"), {"title": "x", "kind": "demo"})
    assert response.status_code == 400 and "cancelled" in response.content.decode()


def test_someone_elses_slot_cannot_be_cancelled(member_client, other_member, session):
    slot = actions.slot_sign_up(actor=other_member, occurrence=session, title="Otto's demo")
    before = _state(session)
    response = member_client.post(f"/show/slots/{slot.pk}/cancel/")
    assert response.status_code == 403
    assert _state(session) == before
    assert member_client.post(f"/show/slots/{slot.pk}/move/", {"step": "up"}).status_code == 403


def test_bad_kind_and_missing_title(member_client, session):
    response = member_client.post(_url(session, "signup/"), {"title": "", "kind": "rant"})
    assert response.status_code == 400
    assert not Slot.objects.filter(occurrence=session).exists()


def test_host_reorders_removes_and_resizes(host_client, host, session, people):
    slots = [
        actions.slot_sign_up(actor=p, occurrence=session, title=f"Demo {i}") for i, p in enumerate(people[:3])
    ]
    response = host_client.post(
        f"/show/slots/{slots[2].pk}/move/",
        {"step": "up"},
        headers={"HX-Request": "true", "HX-Target": "agenda"},
    )
    assert response.status_code == 200 and b'id="agenda"' in response.content
    order = list(Slot.objects.filter(occurrence=session).order_by("position").values_list("title", flat=True))
    assert order == ["Demo 0", "Demo 2", "Demo 1"]
    host_client.post(f"/show/slots/{slots[0].pk}/cancel/")
    assert people[0].notifications.filter(kind="show_changed").exists()
    host_client.post(_url(session, "capacity/"), {"change": "add"})
    session.refresh_from_db()
    assert session.capacity == 7 and session.booked_count == 2
    for _ in range(6):
        host_client.post(_url(session, "capacity/"), {"change": "remove"})
    session.refresh_from_db()
    assert session.capacity == 2  # never below the booked slots
    page = host_client.get(_url(session)).content.decode()
    assert f'id="slot-{slots[2].pk}"' in page and f'id="slot-{slots[0].pk}"' not in page


def test_reorder_through_the_action_validates(host, session, people):
    import pytest
    from django.core.exceptions import ValidationError

    slots = [
        actions.slot_sign_up(actor=p, occurrence=session, title=f"Demo {i}") for i, p in enumerate(people[:2])
    ]
    with pytest.raises(ValidationError):
        actions.slots_reorder(actor=host, occurrence=session, order=[slots[0].pk])
    actions.slots_reorder(actor=host, occurrence=session, order=[slots[1].pk, slots[0].pk])
    assert Slot.objects.get(pk=slots[1].pk).position == 1


def test_links_respect_privacy(member_client, member, other_member, session):
    from tests.library.factories import make_prompt

    private = make_prompt(owner=other_member, visibility="private", title="Otto's secret prompt")
    response = member_client.post(
        _url(session, "signup/"), {"title": "x", "kind": "demo", "prompt_id": private.pk}
    )
    assert response.status_code == 400 and not Slot.objects.exists()
    from ripple.feed import actions as feed_actions

    anon = feed_actions.post_create(
        actor=member, kind="question", title="Is it ok to paste data?", body="Asking.", anonymous=True
    )
    response = member_client.post(
        _url(session, "signup/"), {"title": "x", "kind": "question", "post_id": anon.pk}
    )
    assert response.status_code == 400 and "anonymous" in response.content.decode()
    assert not Slot.objects.exists()


def test_next_link_and_old_address(member_client, series):
    first = upcoming(series)
    response = member_client.get(f"/show/{series.slug}/next")
    assert response.status_code == 302 and response["Location"] == f"/show/{series.slug}/{first.pk}/"
    assert member_client.get(f"/show/{series.slug}/next/").status_code == 302
    response = member_client.get("/showcase/")
    assert response.status_code == 301 and response["Location"] == "/show/"


def test_nav_entry_replaces_the_placeholder(member_client):
    page = member_client.get("/show/").content.decode()
    assert page.count("Show &amp; tell") >= 1 and 'href="/show/"' in page and 'href="/showcase/"' not in page
    assert 'href="/show/calendar/"' in page  # account menu: Calendar feed
