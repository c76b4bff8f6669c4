"""The pages, through HTTP: create, enter, vote, score, results; every refusal leaves nothing changed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ripple.challenges import actions, selectors
from ripple.challenges.models import Challenge, Score, Submission, Vote
from ripple.notifications.models import Notification
from tests.challenges.conftest import enter, make_challenge, set_phase
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {
        "title": "Promptathon", "brief": "Build **it**", "rules": "", "entry_kind": "individual",
        "submissions_open_at": "2030-01-01T09:00", "submissions_close_at": "2030-01-05T17:00",
        "voting_open_at": "2030-01-05T17:00", "voting_close_at": "2030-01-08T17:00", "votes_per_member": "3",
        "criterion_name": ["Usefulness", ""], "criterion_description": ["Saves time", ""],
    }  # fmt: skip
    data.update(extra)
    return data


def test_facilitator_creates_a_challenge(client, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("challenges:new"), _form())
    challenge = Challenge.objects.get()
    assert response.status_code == 302 and response["Location"] == challenge.get_absolute_url()
    assert [c.name for c in challenge.criteria.all()] == ["Usefulness"]
    assert "<strong>it</strong>" in challenge.brief_html
    page = client.get(challenge.get_absolute_url())
    assert b"No entries yet" in page.content


def test_member_may_not_create(member_client):
    assert member_client.get(reverse("challenges:new")).status_code == 403
    assert member_client.post(reverse("challenges:new"), _form()).status_code == 403
    assert not Challenge.objects.exists()


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"voting_close_at": "2030-01-04T17:00"}, "Voting must close after entries close"),
        ({"submissions_close_at": "2029-12-31T09:00"}, "Entries must close after they open"),
        (
            {"criterion_name": [f"C{i}" for i in range(7)], "criterion_description": [""] * 7},
            "At most 6 criteria",
        ),
        ({"votes_per_member": "0"}, "greater than or equal to 1"),
    ],
)
def test_bad_challenge_form_says_why(client, facilitator, extra, field):
    client.force_login(facilitator)
    response = client.post(reverse("challenges:new"), _form(**extra))
    assert response.status_code == 400
    assert field in response.content.decode()
    assert not Challenge.objects.exists()


def test_enter_with_a_prompt_and_a_file_then_download(member_client, member, challenge):
    upload = SimpleUploadedFile("../../evil name<script>.html", b"<script>alert(1)</script>", "text/html")
    response = member_client.post(
        reverse("challenges:enter", args=[challenge.pk]),
        {"title": "Report bot", "description": "It *works*", "new_prompt_title": "Report",
         "new_prompt_body": "Summarise {notes}", "attachment": upload, "save": "submit"},
    )  # fmt: skip
    entry = Submission.objects.get()
    assert response.status_code == 302 and not entry.is_draft
    assert entry.prompts.count() == 1
    download = member_client.get(reverse("challenges:attachment", args=[challenge.pk, entry.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == 'attachment; filename="evil name_script_.html"'
    assert download.content == b"<script>alert(1)</script>"


def test_attachment_over_the_cap_is_refused(member_client, challenge):
    big = SimpleUploadedFile("big.bin", b"x" * (actions.ATTACHMENT_MAX + 1))
    response = member_client.post(
        reverse("challenges:enter", args=[challenge.pk]),
        {"title": "Big", "attachment": big, "save": "submit"},
    )
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    assert not Submission.objects.exists()


def test_draft_is_seen_only_by_its_team(client, member, other_member, challenge):
    entry = enter(challenge, member, title="Secret draft", draft=True)
    client.force_login(other_member)
    assert b"Secret draft" not in client.get(challenge.get_absolute_url()).content
    assert client.get(entry.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert b"Secret draft" in client.get(challenge.get_absolute_url()).content


def test_editing_after_the_deadline_is_refused(member_client, member, challenge):
    entry = enter(challenge, member, title="Before")
    set_phase(challenge, "voting")
    response = member_client.post(
        reverse("challenges:edit", args=[challenge.pk, entry.pk]), {"title": "After"}
    )
    assert response.status_code == 400
    assert "Entries closed" in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Before"


def test_vote_through_the_page_and_refusals(client, facilitator, member):
    challenge = make_challenge(facilitator, votes_per_member=1)
    others = [UserFactory() for _ in range(2)]
    mine = enter(challenge, member, title="Mine")
    theirs = [enter(challenge, p, title=f"Theirs {i}") for i, p in enumerate(others)]
    client.force_login(member)
    url = lambda s: reverse("challenges:vote", args=[challenge.pk, s.pk])  # noqa: E731
    response = client.post(url(theirs[0]), follow=True)
    assert "Voting opens" in response.content.decode()
    set_phase(challenge, "voting")
    response = client.post(url(mine), follow=True)
    assert "cannot vote for an entry you are on" in response.content.decode()
    client.post(url(theirs[0]))
    response = client.post(url(theirs[0]), follow=True)
    assert "already voted" in response.content.decode()
    response = client.post(url(theirs[1]), follow=True)
    assert "used all 1" in response.content.decode()
    assert list(Vote.objects.values_list("submission_id", flat=True)) == [theirs[0].pk]
    client.post(url(theirs[0]), {"action": "retract"})
    assert not Vote.objects.exists()


def test_tallies_are_hidden_until_voting_closes(client, facilitator, member, people):
    challenge = make_challenge(facilitator)
    entry = enter(challenge, people[0], title="Counted")
    set_phase(challenge, "voting")
    for p in people[1:]:
        actions.vote_cast(actor=p, submission=entry)
    client.force_login(facilitator)  # the organiser neither
    assert client.get(reverse("challenges:results", args=[challenge.pk])).status_code == 403
    detail = client.get(challenge.get_absolute_url()).content.decode()
    assert "people-table" not in detail and "votes from" not in detail and "Counted" in detail
    set_phase(challenge, "closed")
    page = client.get(reverse("challenges:results", args=[challenge.pk])).content.decode()
    assert "3 votes from 3 members" in page and 'id="people-table"' in page


def test_judge_scores_on_the_page(client, facilitator, member, people):
    judge = people[0]
    challenge = make_challenge(facilitator, judges=[judge])
    entry = enter(challenge, member)
    set_phase(challenge, "voting")
    usefulness, craft = selectors.criteria(challenge)
    client.force_login(judge)
    url = entry.get_absolute_url()
    response = client.post(url, {f"criterion_{usefulness.pk}": "7"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Score.objects.exists()
    assert (
        client.post(url, {f"criterion_{usefulness.pk}": "4", f"criterion_{craft.pk}": "5"}).status_code == 302
    )
    assert Score.objects.count() == 2
    client.force_login(people[1])  # not a judge
    response = client.post(url, {f"criterion_{usefulness.pk}": "1"})
    assert response.status_code == 403
    assert set(Score.objects.values_list("value", flat=True)) == {4, 5}


def test_publish_results_notifies_entrants_and_announce_posts_a_win(client, facilitator, member, people):
    judge = people[0]
    challenge = make_challenge(facilitator, judges=[judge])
    win = enter(
        challenge, member, title="Winner", new_prompt_title="Win prompt", new_prompt_body="Do the thing well"
    )
    enter(challenge, people[1], title="Runner-up")
    set_phase(challenge, "voting")
    actions.vote_cast(actor=people[2], submission=win)
    usefulness, craft = selectors.criteria(challenge)
    actions.scores_set(actor=judge, submission=win, scores={usefulness.pk: 5, craft.pk: 4})
    client.force_login(facilitator)
    assert (
        "once voting has closed"
        in client.post(reverse("challenges:publish", args=[challenge.pk]), follow=True).content.decode()
    )
    set_phase(challenge, "closed")
    client.post(reverse("challenges:publish", args=[challenge.pk]))
    assert Notification.objects.filter(kind="challenge_results").count() == 2
    client.post(reverse("challenges:announce", args=[challenge.pk]))
    challenge.refresh_from_db()
    post = challenge.announced_post
    assert post.kind == "win" and post.author == facilitator
    assert "Winner" in post.body and post.prompt_ids == list(win.prompts.values_list("pk", flat=True))
    client.force_login(people[3])
    page = client.get(reverse("challenges:results", args=[challenge.pk])).content.decode()
    assert 'id="judges-table"' in page and "4.50" in page


def test_index_lists_challenges(member_client, challenge):
    page = member_client.get(reverse("challenges:index")).content.decode()
    assert challenge.title in page and "Open for entries" in page


def test_team_vote_and_vote_after_close_are_refused_on_the_page(client, facilitator, member, other_member):
    challenge = make_challenge(facilitator, entry_kind="team")
    team = enter(challenge, other_member, title="Team entry", teammates=[member])
    outsider = enter(challenge, UserFactory(), title="Other")
    set_phase(challenge, "voting")
    client.force_login(member)
    url = lambda s: reverse("challenges:vote", args=[challenge.pk, s.pk])  # noqa: E731
    assert "entry you are on" in client.post(url(team), follow=True).content.decode()
    set_phase(challenge, "closed")
    assert "Voting has closed" in client.post(url(outsider), follow=True).content.decode()
    assert not Vote.objects.exists()


def test_entry_form_after_the_deadline_leads_back(member_client, member, challenge):
    set_phase(challenge, "voting")
    response = member_client.get(reverse("challenges:enter", args=[challenge.pk]), follow=True)
    assert "not taking entries now" in response.content.decode()
