"""Reuse, ratings and favourites: the counters on the prompt stay current in the same transaction,
exact under concurrent writes (the prompt row is locked before anything is counted)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ripple.core import ledger
from ripple.library import access
from ripple.library.actions.content import lock_counters
from ripple.library.kinds import Learned, Notice
from ripple.library.models import (
    MINUTES_MAX,
    Favourite,
    Prompt,
    Rating,
    Reuse,
)
from ripple.library.variables import stored_variables
from ripple.notifications.actions import notify
from ripple.people.models import User

VARIABLE_VALUE_MAX = 2000

# --- reuse and ratings -------------------------------------------------------------------------


@transaction.atomic
def reuse_record(
    *,
    actor: User,
    prompt: Prompt,
    minutes_saved: int = 0,
    note: str = "",
    variables: Mapping[str, str] | None = None,
    at: datetime | None = None,
) -> Reuse:
    """Record that `actor` used `prompt` ("saved 25 minutes"), update its counters, credit its owner.
    `variables` are the values they filled in, kept on the reuse (only the prompt's own variables)."""
    access.require_can_view(actor, prompt)
    filled = _filled(prompt, variables or {})
    at = at or timezone.now()
    try:
        minutes = int(minutes_saved or 0)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"minutes_saved": "Give the minutes saved as a whole number."}) from exc
    if not 0 <= minutes <= MINUTES_MAX:
        raise ValidationError({"minutes_saved": f"Give between 0 and {MINUTES_MAX} minutes."})
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise ValidationError({"note": "Keep the note under 500 characters."})
    # Lock the prompt first: concurrent reuses then count one after another, each seeing the rows
    # committed before it (a check-then-increment without the lock counted a department twice).
    lock_counters(Prompt, prompt.pk)
    reuse = Reuse.objects.create(
        prompt=prompt, person=actor, version=prompt.version, minutes_saved=minutes, note=note,
        variables=filled, created_at=at,
    )  # fmt: skip
    rows = Reuse.objects.filter(prompt=prompt)
    Prompt.objects.filter(pk=prompt.pk).update(
        reuse_count=F("reuse_count") + 1,
        reuser_count=rows.values("person").distinct().count(),
        department_count=rows.filter(person__department__isnull=False)
        .values("person__department")
        .distinct()
        .count(),
        minutes_saved_total=F("minutes_saved_total") + minutes,
        last_reused_at=at,
    )
    ledger.record(
        kind=Learned.REUSE, learner=actor, source=prompt.owner, obj=prompt, minutes_saved=minutes, at=at
    )
    saved = f" and saved {minutes} minutes" if minutes else ""
    notify(
        recipient=prompt.owner,
        actor=actor,
        kind=Notice.REUSE,
        text=f"{actor.name} used your prompt “{prompt.title}”{saved}.",
        url=prompt.get_absolute_url(),
    )
    return reuse


def _filled(prompt: Prompt, values: Mapping[str, str]) -> dict[str, str]:
    """The non-empty values given for the prompt's variables, keyed by the name as written in the body."""
    if not isinstance(values, Mapping):
        raise ValidationError({"variables": "Give the variables as names and values."})
    names = {v.name.casefold(): v.name for v in stored_variables(prompt.body)}
    filled: dict[str, str] = {}
    for key, value in values.items():
        name = names.get(str(key).strip().casefold())
        if name is None or not isinstance(value, str) or not value.strip():
            continue
        if len(value) > VARIABLE_VALUE_MAX:
            raise ValidationError({"variables": f"Keep “{name}” under {VARIABLE_VALUE_MAX} characters."})
        filled[name] = value.strip()
    return filled


@transaction.atomic
def rating_set(
    *, actor: User, prompt: Prompt, stars: int, comment: str = "", at: datetime | None = None
) -> Rating:
    """Rate a prompt 1–5 stars (again, to change the rating); owners do not rate their own."""
    access.require_can_view(actor, prompt)
    if prompt.owner_id == actor.pk:
        raise ValidationError({"stars": "You cannot rate your own prompt."})
    try:
        stars = int(stars)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"stars": "Choose 1 to 5 stars."}) from exc
    if not 1 <= stars <= 5:
        raise ValidationError({"stars": "Choose 1 to 5 stars."})
    comment = " ".join((comment or "").split())[:500]
    at = at or timezone.now()
    lock_counters(Prompt, prompt.pk)
    locked = Prompt.objects.get(pk=prompt.pk)
    rating = Rating.objects.filter(prompt=prompt, person=actor).first()
    if rating is None:
        rating = Rating.objects.create(
            prompt=prompt, person=actor, stars=stars, comment=comment, created_at=at, updated_at=at
        )
        locked.rating_count += 1
        locked.rating_sum += stars
    else:
        locked.rating_sum += stars - rating.stars
        rating.stars, rating.comment, rating.updated_at = stars, comment, at
        rating.save(update_fields=["stars", "comment", "updated_at"])
    locked.rating_avg = round(locked.rating_sum / locked.rating_count, 2) if locked.rating_count else None
    locked.save(update_fields=["rating_count", "rating_sum", "rating_avg"])
    prompt.rating_count, prompt.rating_sum, prompt.rating_avg = (
        locked.rating_count,
        locked.rating_sum,
        locked.rating_avg,
    )
    return rating


@transaction.atomic
def favourite_set(*, actor: User, prompt: Prompt, on: bool) -> bool:
    """Star (`on=True`) or unstar a prompt the actor can see, to find it again under "Favourites".

    Idempotent: starring twice keeps one favourite, unstarring one that is not starred does nothing.
    Favourites are private to the person; nobody is notified. Returns whether it is now a favourite.
    """
    access.require_can_view(actor, prompt)
    if on:
        # get_or_create alone can race two requests into the unique constraint; ignore_conflicts cannot.
        Favourite.objects.bulk_create([Favourite(prompt=prompt, person=actor)], ignore_conflicts=True)
    else:
        Favourite.objects.filter(prompt=prompt, person=actor).delete()
    return bool(on)
