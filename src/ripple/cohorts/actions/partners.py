"""Accountability partners: propose (ripple.cohorts.pairing), swap, publish."""

from __future__ import annotations

import random
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.cohorts import access, pairing
from ripple.cohorts.kinds import Notice
from ripple.cohorts.models import Cohort, Enrolment, Partner, Status
from ripple.notifications.actions import notify
from ripple.people.models import User


def earlier_groups(cohort: Cohort, person_ids: list[int]) -> list[list[int]]:
    """Published groups of other cohorts that involve these people (one query)."""
    groups: dict[tuple[int, int], list[int]] = {}
    rows = Partner.objects.filter(cohort__pairs_published_at__isnull=False).exclude(cohort=cohort)
    rows = rows.filter(cohort__partners__person_id__in=person_ids).distinct()
    for cohort_id, group, person_id in rows.values_list("cohort_id", "group", "person_id"):
        groups.setdefault((cohort_id, group), []).append(person_id)
    return list(groups.values())


@transaction.atomic
def pairing_propose(*, actor: User, cohort: Cohort, seed: int | None = None) -> list[list[int]]:
    access.require_facilitator(actor, cohort)
    if cohort.pairs_published_at is not None:
        raise ValidationError({"pairs": "The partners are published; they can no longer be reshuffled."})
    people = list(
        Enrolment.objects.filter(cohort=cohort, status=Status.MEMBER, facilitator=False).values_list(
            "person_id", "person__department_id"
        )
    )
    if len(people) < 2:
        raise ValidationError({"pairs": "Pairing needs at least two members."})
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    groups = pairing.propose(people, earlier=earlier_groups(cohort, [p[0] for p in people]), seed=seed)
    Partner.objects.filter(cohort=cohort).delete()
    Partner.objects.bulk_create(
        Partner(cohort=cohort, person_id=pk, group=number)
        for number, group in enumerate(groups, 1)
        for pk in group
    )
    cohort.pairing_seed = seed
    cohort.save(update_fields=["pairing_seed"])
    return groups


@transaction.atomic
def pairing_swap(*, actor: User, cohort: Cohort, first: int, second: int) -> None:
    """Swap two people between their groups (before publishing)."""
    access.require_facilitator(actor, cohort)
    if cohort.pairs_published_at is not None:
        raise ValidationError({"pairs": "The partners are published; they can no longer be changed."})
    rows = {p.person_id: p for p in Partner.objects.filter(cohort=cohort, person_id__in=[first, second])}
    if len(rows) != 2 or first == second:
        raise ValidationError({"pairs": "Choose two different people from the proposed groups."})
    a, b = rows[first], rows[second]
    if a.group == b.group:
        raise ValidationError({"pairs": "Those two are already partners."})
    a.group, b.group = b.group, a.group
    Partner.objects.bulk_update([a, b], ["group"])


@transaction.atomic
def pairing_publish(*, actor: User, cohort: Cohort, now: datetime | None = None) -> int:
    access.require_facilitator(actor, cohort)
    if cohort.pairs_published_at is not None:
        raise ValidationError({"pairs": "The partners are already published."})
    rows = list(Partner.objects.filter(cohort=cohort).select_related("person"))
    if not rows:
        raise ValidationError({"pairs": "Propose partners first."})
    cohort.pairs_published_at = now or timezone.now()
    cohort.save(update_fields=["pairs_published_at"])
    by_group: dict[int, list[User]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row.person)
    for group in by_group.values():
        for person in group:
            names = " and ".join(p.name for p in group if p.pk != person.pk)
            notify(
                recipient=person,
                kind=Notice.PARTNER,
                actor=actor,
                space=cohort.space,
                url=cohort.get_absolute_url(),
                text=f"Your accountability partner in “{cohort.name}”: {names}.",
            )
    return len(by_group)
