"""The radar's pages and API through HTTP: admins only, message texts never shown to anyone else."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.feed.models import Post
from ripple.library.models import Prompt
from ripple.notifications.models import Notification
from ripple.people import actions as people_actions
from ripple.radar.models import Channel, ChatIdentity, HarvestCandidate, HarvestStatus, SlackImport
from tests.factories import UserFactory
from tests.radar import exports
from tests.radar.conftest import run

SECRET_TEXT = "release notes from our commits"


def _pages():
    channel = Channel.objects.get(name="eng-copilot")
    candidate = HarvestCandidate.objects.get()
    return [
        reverse("radar:index"),
        reverse("radar:pocket", args=[channel.pk]),
        reverse("radar:connectors"),
        reverse("radar:harvest"),
        reverse("radar:candidate", args=[candidate.pk]),
        reverse("radar:imports"),
        reverse("radar:identities"),
    ]


def test_admin_sees_pockets_connectors_and_harvest(admin_client, imported, people):
    page = admin_client.get(reverse("radar:index")).content.decode()
    assert "#eng-copilot" in page and 'id="radar-chart"' in page
    channel = Channel.objects.get(name="eng-copilot")
    pocket = admin_client.get(reverse("radar:pocket", args=[channel.pk])).content.decode()
    assert SECRET_TEXT in pocket and "Invite its people to show" in pocket
    assert 'id="pocket-weeks"' in pocket
    connectors = admin_client.get(reverse("radar:connectors")).content.decode()
    assert "Ben Helper" in connectors and "Send kudos" in connectors and "Cy Unmatched" in connectors
    kudos = reverse("feed:kudos") + f"?to={people['ben'].pk}"
    assert kudos in connectors.replace("&amp;", "&")


@pytest.mark.parametrize("who", ["member", "facilitator"])
def test_members_and_facilitators_get_404_and_never_a_text(client, imported, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in _pages():
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET_TEXT not in response.content.decode()


def test_the_api_is_admins_only(client, imported, member):
    _token, raw = people_actions.token_create(user=member, name="t")
    for path in ["/api/v1/radar/pockets", "/api/v1/radar/connectors", "/api/v1/radar/harvest"]:
        response = client.get(path, headers={"Authorization": f"Bearer {raw}"})
        assert response.status_code == 404
        assert SECRET_TEXT not in response.content.decode()


def test_the_kudos_form_is_prefilled(admin_client, people):
    url = reverse("feed:kudos") + f"?to={people['ben'].pk}&message=Thanks+for+the+help"
    assert "Thanks for the help" in admin_client.get(url).content.decode()


def test_api_lists(admin_client, imported):
    pockets = admin_client.get("/api/v1/radar/pockets").json()["items"]
    assert (
        pockets[0]["name"] == "eng-copilot" and pockets[0]["ai_messages"] == 3 and pockets[0]["people"] == 3
    )
    assert "growth" in pockets[0]
    connectors = admin_client.get("/api/v1/radar/connectors").json()["items"]
    assert {c["who"]["name"] for c in connectors} == {"Ben Helper", "Cy Unmatched"}
    ben = next(c for c in connectors if c["who"]["name"] == "Ben Helper")
    assert (
        ben["reactions"] == 2 and ben["people_helped"] == 1 and ben["who"]["person"]["name"] == "Ben Helper"
    )
    harvest = admin_client.get("/api/v1/radar/harvest").json()
    assert harvest["items"][0]["kind"] == "prompt" and harvest["next"] is None


def test_upload_runs_in_the_background_and_the_status_page_polls(admin_client, people):
    upload = io.BytesIO(exports.export())
    upload.name = "export.zip"
    response = admin_client.post(reverse("radar:imports"), {"file": upload})
    job = SlackImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("radar:import_job", args=[job.pk])
    page = admin_client.get(response["Location"]).content.decode()
    assert 'data-status="done"' in page and "Added 3 message(s)" in page
    region = admin_client.get(response["Location"], headers={"HX-Request": "true", "HX-Target": "import-job"})
    assert region.content.decode().lstrip().startswith("<section")
    assert job.data == b""  # the file is dropped once imported


def test_upload_errors_are_shown_not_500(admin_client, people):
    bad = io.BytesIO(b"not a zip")
    bad.name = "export.zip"
    response = admin_client.post(reverse("radar:imports"), {"file": bad})
    assert response.status_code == 422 and "not a zip" in response.content.decode()
    assert admin_client.post(reverse("radar:imports"), {}).status_code == 422
    assert SlackImport.objects.count() == 0


def test_api_import_and_status(admin_client, people):
    upload = io.BytesIO(exports.export(extra={"random/2026-03-05.json": b"{bad"}))
    upload.name = "export.zip"
    body = admin_client.post("/api/v1/radar/imports", {"file": upload}).json()
    assert body["status"] == "failed" and "random/2026-03-05.json" in body["detail"]
    upload = io.BytesIO(exports.export())
    upload.name = "export.zip"
    created = admin_client.post("/api/v1/radar/imports", {"file": upload, "skip_bad_files": "true"})
    assert created.status_code == 202
    status = admin_client.get(created.json()["url"]).json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["result"]["added"]["messages"] == 3
    assert admin_client.get("/api/v1/radar/imports/not-a-uuid").status_code == 404
    bad = io.BytesIO(b"plain text")
    bad.name = "x.zip"
    assert admin_client.post("/api/v1/radar/imports", {"file": bad}).status_code == 422


def test_approve_a_prompt_credits_and_notifies_the_author_who_can_decline(
    admin_client, client, imported, people
):
    candidate = HarvestCandidate.objects.get()
    response = admin_client.post(
        reverse("radar:candidate", args=[candidate.pk]),
        {"kind": "prompt", "title": "Release notes from commits", "body": candidate.body},
    )
    assert response.status_code == 302
    prompt = Prompt.objects.get(title="Release notes from commits")
    assert prompt.owner == people["ben"] and "Slack" in prompt.origin_label
    note = Notification.objects.get(recipient=people["ben"], kind="radar_harvested")
    client.force_login(people["ben"])
    page = client.get(note.url).content.decode()
    assert 'id="decline"' in page
    client.post(note.url)
    candidate.refresh_from_db()
    assert candidate.status == HarvestStatus.DECLINED
    prompt.refresh_from_db()
    assert prompt.deleted_at is not None
    client.force_login(people["ana"])  # someone else cannot see the candidate at all
    assert client.get(note.url).status_code == 404


def test_approve_as_tip_and_reject_through_the_api(admin_client, imported, people):
    candidate = HarvestCandidate.objects.get()
    body = admin_client.post(
        f"/api/v1/radar/harvest/{candidate.pk}/approve",
        {"kind": "tip", "title": "Release notes tip"},
        content_type="application/json",
    ).json()
    assert body["status"] == "approved" and body["post_id"]
    assert Post.objects.get(pk=body["post_id"]).author == people["ben"]
    again = admin_client.post(f"/api/v1/radar/harvest/{candidate.pk}/reject", content_type="application/json")
    assert again.status_code == 422 and "already approved" in again.json()["detail"]
    assert admin_client.post("/api/v1/radar/harvest/999999/reject").status_code == 404


def test_approving_needs_a_matched_author(admin_client, people):
    day = [
        exports.msg(
            "U3",
            "prompt: Rewrite this email so it is friendly and under 100 words, with ChatGPT",
            exports.ts(2),
        )
    ]
    run(exports.export({"random/2026-03-02.json": day}))
    candidate = HarvestCandidate.objects.get()
    response = admin_client.post(
        f"/api/v1/radar/harvest/{candidate.pk}/approve", content_type="application/json"
    )
    assert response.status_code == 422 and "link their chat identity" in response.json()["detail"]


def test_linking_an_identity_records_its_past_answers(admin_client, imported, people):
    cy = UserFactory(name="Cy Later", email="cy@example.org")
    identity = ChatIdentity.objects.get(slack_id="U3")
    before = LearningEvent.objects.filter(kind="slack_answer").count()
    response = admin_client.post(reverse("radar:identity_link", args=[identity.pk]), {"person": cy.pk})
    assert response.status_code == 302
    events = LearningEvent.objects.filter(kind="slack_answer")
    assert events.count() == before + 1
    assert events.filter(learner=people["ana"], source=cy).exists()
    admin_client.post(reverse("radar:identity_link", args=[identity.pk]), {"person": cy.pk})
    assert LearningEvent.objects.filter(kind="slack_answer").count() == before + 1  # nothing twice


def test_empty_states(admin_client):
    assert "Import your workspace" in admin_client.get(reverse("radar:index")).content.decode()
    assert "No connectors yet" in admin_client.get(reverse("radar:connectors")).content.decode()
    assert "Nothing here" in admin_client.get(reverse("radar:harvest")).content.decode()
