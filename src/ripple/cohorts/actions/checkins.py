"""Weekly check-ins: one per member per week, written and changed only during that week. A check-in is a
learning event only when it credits someone ("learned from …")."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.cohorts import access
from ripple.cohorts.actions.common import today_for
from ripple.cohorts.kinds import Learned
from ripple.cohorts.models import CheckIn, Cohort
from ripple.core.ledger import record
from ripple.core.models import LearningEvent
from ripple.feed import access as feed_access
from ripple.library import access as library_access
from ripple.people.models import User

MAX_MINUTES = 10_000
MAX_LINKS = 10


def _ids(values: Iterable[Any], field: str) -> list[int]:
    try:
        ids = sorted({int(v) for v in values})
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: "Links are ids (whole numbers)."}) from exc
    if len(ids) > MAX_LINKS:
        raise ValidationError({field: f"Link at most {MAX_LINKS}."})
    return ids


def check_week(cohort: Cohort, week: object, now: datetime | None = None) -> int:
    """The week if a check-in may be written for it now, else a ValidationError saying why."""
    if not isinstance(week, int) or isinstance(week, bool) or not 1 <= week <= cohort.weeks:
        raise ValidationError({"week": f"Choose a week from 1 to {cohort.weeks}."})
    current = cohort.current_week(today_for(cohort, now))
    if week > current:
        raise ValidationError(
            {"week": f"Week {week} has not started yet (it starts on {cohort.week_start(week):%-d %B})."}
        )
    if week < current:
        raise ValidationError(
            {"week": f"Week {week} has ended: a check-in can be written or changed only during its week."}
        )
    return week


def _clean(actor: User, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    tried = str(data.get("tried") or "").strip()
    if not tried:
        errors["tried"] = "Say what you tried this week (one line is enough)."
    for field in ("tried", "happened", "blocked"):
        if len(str(data.get(field) or "")) > 2000:
            errors[field] = "Keep it under 2,000 characters."
    minutes = data.get("minutes_saved", 0) or 0
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 <= minutes <= MAX_MINUTES:
        errors["minutes_saved"] = f"Minutes saved are 0 to {MAX_MINUTES:,}."
    confidence = data.get("confidence")
    if not isinstance(confidence, int) or isinstance(confidence, bool) or not 1 <= confidence <= 5:
        errors["confidence"] = "Choose your confidence from 1 to 5."
    learned_from = data.get("learned_from")
    if learned_from is not None and (not isinstance(learned_from, User) or not learned_from.is_active):
        errors["learned_from"] = "Choose an active person."
    elif learned_from is not None and learned_from.pk == actor.pk:
        errors["learned_from"] = "Learning from yourself does not count: choose someone else."
    if errors:
        raise ValidationError(errors)
    prompt_ids = _ids(data.get("prompts") or (), "prompts")
    post_ids = _ids(data.get("posts") or (), "posts")
    prompts = list(library_access.visible_prompts(actor).filter(pk__in=prompt_ids))
    if len(prompts) != len(prompt_ids):
        missing = sorted(set(prompt_ids) - {p.pk for p in prompts})
        raise ValidationError({"prompts": f"No prompt you can see has the id {missing[0]}."})
    posts = list(feed_access.visible_posts(actor).filter(pk__in=post_ids))
    if len(posts) != len(post_ids):
        missing = sorted(set(post_ids) - {p.pk for p in posts})
        raise ValidationError({"posts": f"No post you can see has the id {missing[0]}."})
    return {
        "tried": tried,
        "happened": str(data.get("happened") or "").strip(),
        "minutes_saved": minutes,
        "confidence": confidence,
        "blocked": str(data.get("blocked") or "").strip(),
        "learned_from": learned_from,
        "prompts": prompts,
        "posts": posts,
    }


@transaction.atomic
def checkin_save(
    *, actor: User, cohort: Cohort, week: object, data: dict[str, Any], now: datetime | None = None
) -> CheckIn:
    """Write or change the actor's own check-in for `week` (the current week only)."""
    access.require(access.is_member(actor, cohort), "Only the cohort's members check in: join it first.")
    now = now or timezone.now()
    number = check_week(cohort, week, now)
    fields = _clean(actor, data)
    prompts, posts = fields.pop("prompts"), fields.pop("posts")
    checkin = CheckIn.objects.filter(cohort=cohort, person=actor, week=number).first()
    previous_source = checkin.learned_from_id if checkin else None
    if checkin is None:
        checkin = CheckIn.objects.create(
            cohort=cohort, person=actor, week=number, created_at=now, updated_at=now, **fields
        )
    else:
        for name, value in fields.items():
            setattr(checkin, name, value)
        checkin.updated_at = now
        checkin.save()
    checkin.prompts.set(prompts)
    checkin.posts.set(posts)
    source = fields["learned_from"]
    if (source.pk if source else None) != previous_source:
        LearningEvent.objects.filter(object_type="cohorts.checkin", object_id=checkin.pk).delete()
        if source is not None:
            record(kind=Learned.CHECKIN, learner=actor, source=source, obj=checkin, at=now)
    return checkin


@transaction.atomic
def checkin_quote(*, actor: User, checkin: CheckIn, chosen: bool) -> CheckIn:
    """A facilitator picks (or drops) a check-in as a quote for the outcomes report."""
    access.require_facilitator(actor, checkin.cohort)
    checkin.quote = bool(chosen)
    checkin.save(update_fields=["quote"])
    return checkin
