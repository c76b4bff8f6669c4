"""Entering a challenge: an entry's text, team, prompts (into the library and the challenge's
collection), demo link or attachment. Editable by its entrants until entries close."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ripple.challenges.kinds import Notice
from ripple.challenges.models import Attachment, Challenge, Entrant, Submission
from ripple.core import markdown
from ripple.core.uploads import MB, size_label
from ripple.library import access as library_access
from ripple.library import actions as library_actions
from ripple.library.models import Prompt, Visibility
from ripple.notifications.actions import notify
from ripple.people.models import User

ATTACHMENT_MAX = 5 * MB
PROMPTS_MAX = 5
TEAM_MAX = 8
EVERY_VOTER = "every voter must be able to read it."


@dataclass
class Upload:
    name: str
    data: bytes


@dataclass
class EntryInput:
    title: str
    description: str = ""
    demo_url: str = ""
    teammates: list[User] = field(default_factory=list)
    prompt_ids: list[int] = field(default_factory=list)
    new_prompt_title: str = ""
    new_prompt_body: str = ""
    attachment: Upload | None = None
    remove_attachment: bool = False
    submit: bool = True


def safe_name(name: str) -> str:
    """A file name safe to store and to put in a Content-Disposition header."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base, flags=re.ASCII).strip(" .")
    return (base or "attachment")[-120:]


def _errors(data: EntryInput, challenge: Challenge) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    data.title = " ".join((data.title or "").split())
    if not data.title:
        add("title", "Give your entry a title.")
    elif len(data.title) > 160:
        add("title", "Keep the title to 160 characters.")
    if len(data.description or "") > 10_000:
        add("description", "Keep the description to 10,000 characters.")
    data.demo_url = (data.demo_url or "").strip()
    if data.demo_url:
        try:
            URLValidator(schemes=["http", "https"])(data.demo_url)
        except ValidationError:
            add("demo_url", "Give a full web address starting with https:// (or http://).")
        if len(data.demo_url) > 500:
            add("demo_url", "Keep the link to 500 characters.")
    if data.teammates and not challenge.is_team:
        add("teammates", "This challenge takes individual entries: no teammates.")
    if len(data.teammates) > TEAM_MAX:
        add("teammates", f"A team has at most {TEAM_MAX + 1} people.")
    if any(not p.is_active for p in data.teammates):
        add("teammates", "Teammates must be active members.")
    if len(set(data.prompt_ids)) + (1 if data.new_prompt_body.strip() else 0) > PROMPTS_MAX:
        add("prompt_ids", f"Link at most {PROMPTS_MAX} prompts.")
    if data.new_prompt_body.strip() and not data.new_prompt_title.strip():
        add("new_prompt_title", "Give the new prompt a title.")
    if data.attachment is not None and len(data.attachment.data) > ATTACHMENT_MAX:
        add("attachment", f"The file is larger than {size_label(ATTACHMENT_MAX)}.")
    return errors


def _linked_prompts(actor: User, ids: list[int]) -> list[Prompt]:
    prompts = []
    for pk in dict.fromkeys(ids):
        try:
            prompt = library_access.access_prompt(actor, pk)
        except Http404 as exc:
            raise ValidationError({"prompt_ids": f"There is no prompt {pk} that you can see."}) from exc
        if prompt.visibility != Visibility.EVERYONE or prompt.space_id is not None:
            raise ValidationError(
                {"prompt_ids": f"“{prompt.title}” is not shared with everyone: {EVERY_VOTER}"}
            )
        prompts.append(prompt)
    return prompts


def _set_team(challenge: Challenge, submission: Submission, people: list[User]) -> list[User]:
    """Make `people` the entry's entrants; returns those newly added."""
    wanted = {p.pk: p for p in people}
    taken = (
        Entrant.objects.filter(challenge=challenge, person_id__in=list(wanted))
        .exclude(submission=submission)
        .select_related("person")
    )
    clash = [e.person.name for e in taken]
    if clash:
        raise ValidationError(
            {"teammates": f"Already on another entry in this challenge: {', '.join(sorted(clash))}."}
        )
    current = set(submission.entrants.values_list("person_id", flat=True))
    submission.entrants.exclude(person_id__in=list(wanted)).delete()
    added = [p for pk, p in wanted.items() if pk not in current]
    Entrant.objects.bulk_create(
        [Entrant(challenge=challenge, submission=submission, person=p) for p in added]
    )
    return added


@transaction.atomic
def submission_save(
    *,
    actor: User,
    challenge: Challenge,
    data: EntryInput,
    submission: Submission | None = None,
    now: datetime | None = None,
) -> Submission:
    """Create (`submission` None) or change an entry. Only while entries are open; only its entrants
    change it. `data.submit` False keeps (or makes) it a draft that only its entrants see."""
    now = now or timezone.now()
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)  # entries take turns
    if not challenge.accepting_entries(now):
        when = "opens" if now < challenge.submissions_open_at else "closed"
        moment = challenge.submissions_open_at if when == "opens" else challenge.submissions_close_at
        raise ValidationError(
            {"challenge": f"Entries {when} {timezone.localtime(moment):%d %b %Y, %H:%M}; nothing was saved."}
        )
    if submission is not None:
        if submission.challenge_id != challenge.pk:
            raise Http404("No such entry.")
        if not submission.entrants.filter(person=actor).exists():
            raise Http404("No such entry.")
    elif Entrant.objects.filter(challenge=challenge, person=actor).exists():
        raise ValidationError(
            {"challenge": "You are already on an entry in this challenge: change that one."}
        )
    teammates = [p for p in data.teammates if p.pk != (submission.submitter_id if submission else actor.pk)]
    data.teammates = list({p.pk: p for p in teammates}.values())
    errors = _errors(data, challenge)
    if errors:
        raise ValidationError(errors)
    prompts = _linked_prompts(actor, data.prompt_ids)
    if submission is None:
        submission = Submission(challenge=challenge, submitter=actor, created_at=now)
    submission.title = data.title
    submission.description = data.description or ""
    submission.description_html = markdown.render(data.description) if data.description else ""
    submission.demo_url = data.demo_url
    submission.updated_at = now
    if data.submit and submission.submitted_at is None:
        submission.submitted_at = now
    elif not data.submit:
        submission.submitted_at = None
    submission.save()
    owner = submission.submitter
    added = _set_team(challenge, submission, [owner, *data.teammates])
    if data.new_prompt_body.strip():
        prompts.append(
            library_actions.prompt_create(
                actor=actor,
                title=data.new_prompt_title,
                body=data.new_prompt_body,
                purpose=f"Entered in the challenge “{challenge.title}”."[:300],
                note="Entered in a challenge",
            )
        )
    submission.prompts.set(prompts)  # `prompt_ids` is the whole list; a new prompt joins it
    if challenge.collection is not None:
        for prompt in prompts:
            library_actions.collection_add(
                actor=challenge.created_by, collection=challenge.collection, prompt=prompt
            )
    if data.remove_attachment:
        Attachment.objects.filter(submission=submission).delete()
    if data.attachment is not None:
        Attachment.objects.update_or_create(
            submission=submission,
            defaults={
                "name": safe_name(data.attachment.name),
                "size": len(data.attachment.data),
                "data": data.attachment.data,
                "uploaded_at": now,
            },
        )
    for person in added:
        if person.pk != actor.pk:
            notify(
                recipient=person,
                kind=Notice.TEAM,
                text=f"{actor.name} put you on the entry “{submission.title}” in “{challenge.title}”.",
                url=submission.get_absolute_url(),
                actor=actor,
            )
    return submission
