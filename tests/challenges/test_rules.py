"""The rules, through the actions: windows, one entry per person, votes, scores, criteria."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ripple.challenges import actions, selectors
from ripple.challenges.models import Challenge, EntryKind, Score, Vote
from tests.challenges.conftest import enter, make_challenge, set_phase

pytestmark = pytest.mark.django_db


def test_creating_needs_a_facilitator(member):
    with pytest.raises(PermissionDenied):
        make_challenge(member)
    assert not Challenge.objects.exists()


def test_windows_must_be_in_order(facilitator):
    from django.utils import timezone

    now = timezone.now()
    data = actions.ChallengeInput(
        title="T", brief="B", submissions_open_at=now, submissions_close_at=now,
        voting_open_at=now - timezone.timedelta(days=1), voting_close_at=now,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        actions.challenge_create(actor=facilitator, data=data)
    assert set(exc.value.message_dict) == {"submissions_close_at", "voting_close_at", "voting_open_at"}
    assert not Challenge.objects.exists()


def test_at_most_six_criteria(facilitator):
    with pytest.raises(ValidationError) as exc:
        make_challenge(facilitator, criteria=[(f"C{i}", "") for i in range(7)])
    assert "At most 6 criteria" in exc.value.message_dict["criteria"][0]
    assert not Challenge.objects.exists()


def test_a_challenge_gets_a_library_collection(challenge):
    assert challenge.collection is not None
    assert challenge.collection.owner_id == challenge.created_by_id


def test_entry_prompt_lands_in_the_library_and_the_collection(challenge, member):
    entry = enter(
        challenge, member, new_prompt_title="Weekly report", new_prompt_body="Summarise {notes} for the week."
    )
    prompt = entry.prompts.get()
    assert prompt.owner == member and prompt.visibility == "everyone"
    assert challenge.collection.items.filter(prompt=prompt).exists()


def test_linked_prompt_must_be_shared_with_everyone(challenge, member):
    from ripple.library.actions import prompt_create

    private = prompt_create(actor=member, title="Mine", body="Secret prompt text", visibility="private")
    with pytest.raises(ValidationError) as exc:
        enter(challenge, member, prompt_ids=[private.pk])
    assert "not shared with everyone" in exc.value.message_dict["prompt_ids"][0]
    assert not challenge.submissions.exists()


def test_demo_link_is_validated(challenge, member):
    with pytest.raises(ValidationError) as exc:
        enter(challenge, member, demo_url="javascript:alert(1)")
    assert "demo_url" in exc.value.message_dict


def test_entry_after_the_deadline_is_refused_and_changes_nothing(challenge, member):
    entry = enter(challenge, member, title="Before")
    set_phase(challenge, "voting")
    with pytest.raises(ValidationError) as exc:
        actions.submission_save(
            actor=member, challenge=challenge, submission=entry, data=actions.EntryInput(title="After")
        )
    assert "closed" in exc.value.message_dict["challenge"][0]
    entry.refresh_from_db()
    assert entry.title == "Before"


def test_a_person_is_on_one_entry_per_challenge(facilitator, member, other_member):
    challenge = make_challenge(facilitator, entry_kind=EntryKind.TEAM)
    enter(challenge, member, teammates=[other_member])
    with pytest.raises(ValidationError):
        enter(challenge, other_member, title="Second")
    third = __import__("tests.factories", fromlist=["UserFactory"]).UserFactory()
    with pytest.raises(ValidationError) as exc:
        enter(challenge, third, title="Poach", teammates=[member])
    assert "Already on another entry" in exc.value.message_dict["teammates"][0]
    assert challenge.submissions.count() == 1


def test_individual_challenges_take_no_teammates(challenge, member, other_member):
    with pytest.raises(ValidationError):
        enter(challenge, member, teammates=[other_member])


def _voting(facilitator, people, votes=3):
    challenge = make_challenge(facilitator, votes_per_member=votes)
    entries = [enter(challenge, p, title=f"Entry {i}") for i, p in enumerate(people)]
    set_phase(challenge, "voting")
    return challenge, entries


def test_vote_rules(facilitator, people, member):
    challenge, entries = _voting(facilitator, people, votes=2)
    actions.vote_cast(actor=member, submission=entries[0])
    with pytest.raises(ValidationError, match="already voted"):
        actions.vote_cast(actor=member, submission=entries[0])
    actions.vote_cast(actor=member, submission=entries[1])
    with pytest.raises(ValidationError, match="used all 2"):
        actions.vote_cast(actor=member, submission=entries[2])
    actions.vote_retract(actor=member, submission=entries[0])
    actions.vote_cast(actor=member, submission=entries[2])
    assert selectors.my_votes(challenge, member) == {entries[1].pk, entries[2].pk}


def test_no_vote_for_your_own_or_your_teams_entry(facilitator, member, other_member, people):
    challenge = make_challenge(facilitator, entry_kind=EntryKind.TEAM)
    entry = enter(challenge, member, teammates=[other_member])
    set_phase(challenge, "voting")
    for person in (member, other_member):
        with pytest.raises(ValidationError, match="entry you are on"):
            actions.vote_cast(actor=person, submission=entry)
    assert not Vote.objects.exists()


@pytest.mark.parametrize("phase", ["submitting", "closed"])
def test_no_vote_outside_the_window(facilitator, people, member, phase):
    challenge, entries = _voting(facilitator, people)
    set_phase(challenge, phase)
    with pytest.raises(ValidationError):
        actions.vote_cast(actor=member, submission=entries[0])
    assert not Vote.objects.exists()


def test_overlapping_windows_allow_votes_while_entries_are_open(facilitator, people, member):
    challenge = make_challenge(facilitator)
    entry = enter(challenge, people[0])
    set_phase(challenge, "overlap")
    actions.vote_cast(actor=member, submission=entry)
    assert Vote.objects.count() == 1


def test_no_vote_for_a_draft(facilitator, people, member):
    challenge = make_challenge(facilitator)
    draft = enter(challenge, people[0], draft=True)
    set_phase(challenge, "voting")
    with pytest.raises(ValidationError, match="draft"):
        actions.vote_cast(actor=member, submission=draft)


def test_scores(facilitator, people, member):
    judge = people[3]
    challenge = make_challenge(facilitator, judges=[judge, people[0]])
    entries = [enter(challenge, p, title=f"E{i}") for i, p in enumerate(people[:3])]
    usefulness, craft = selectors.criteria(challenge)
    with pytest.raises(ValidationError, match="Judging starts"):
        actions.scores_set(actor=judge, submission=entries[1], scores={usefulness.pk: 4})
    set_phase(challenge, "voting")
    with pytest.raises(PermissionDenied):
        actions.scores_set(actor=member, submission=entries[1], scores={usefulness.pk: 4})
    with pytest.raises(PermissionDenied, match="they are on"):
        actions.scores_set(actor=people[0], submission=entries[0], scores={usefulness.pk: 4})
    for bad in (0, 6, True):
        with pytest.raises(ValidationError, match="1 to 5"):
            actions.scores_set(actor=judge, submission=entries[1], scores={usefulness.pk: 4, craft.pk: bad})
    assert not Score.objects.exists()
    actions.scores_set(actor=judge, submission=entries[1], scores={usefulness.pk: 4, craft.pk: 5})
    actions.scores_set(actor=judge, submission=entries[1], scores={craft.pk: 3})
    assert selectors.my_scores(entries[1], judge) == {usefulness.pk: 4, craft.pk: 3}
