"""Admin writes beyond one person at a time: bulk changes to many people (all of them, or none), and
merging and deleting departments and teams, moving their people and everything else that points at them
(found through the models' relations, so an app added later is covered without naming it here).
Re-exported by `ripple.people.actions`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from ripple.core.models import LearningEvent
from ripple.people import access
from ripple.people.models import Department, Role, Team, User

BULK_MAX = 500
OPERATIONS = {
    "member": "Make member",
    "facilitator": "Make facilitator",
    "leader": "Make leader (sees insights)",
    "admin": "Make admin",
    "deactivate": "Deactivate",
    "reactivate": "Reactivate",
}


@transaction.atomic
def people_bulk_update(*, actor: User, people: Sequence[User], operation: str) -> int:
    """Apply `operation` (a role, deactivate or reactivate; see OPERATIONS) to everyone in `people`
    (admins only). Checked for everyone first: one refusal (e.g. removing your own admin role) changes
    no one. Returns how many people it applied to."""
    access.require_admin(actor)
    if operation not in OPERATIONS:
        raise ValidationError({"operation": "Choose what to do with the people you selected."})
    if not people:
        raise ValidationError({"people": "Select at least one person."})
    if len(people) > BULK_MAX:
        raise ValidationError({"people": f"Select at most {BULK_MAX} people at a time."})
    ids = [p.pk for p in people]
    if actor.pk in ids and operation in ("member", "facilitator"):
        raise ValidationError({"people": "You cannot remove your own admin role; ask another admin."})
    if actor.pk in ids and operation == "deactivate":
        raise ValidationError({"people": "You cannot deactivate yourself; unselect your own row."})
    chosen = User.objects.filter(pk__in=ids)
    if operation in Role.values:
        return chosen.update(role=operation)
    active = operation == "reactivate"
    return chosen.update(is_active=active, deactivated_at=None if active else timezone.now())


# --- departments and teams ---------------------------------------------------------------------


def _repoint(instance: models.Model, target: models.Model | None, *, skip: tuple[type, ...] = ()) -> None:
    """Every row whose foreign key points at `instance` points at `target` instead (None: cleared)."""
    for rel in instance._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one) or rel.related_model in skip:
            continue
        model = cast(type[models.Model], rel.related_model)  # a reverse relation names a class, never "self"
        model._base_manager.filter(**{rel.field.name: instance}).update(**{rel.field.name: target})


def _rewrite_ledger(source: Department, target: Department) -> None:
    # The ledger keeps department ids without a foreign key (ADR 0010): merging rewrites them.
    LearningEvent.objects.filter(learner_department_id=source.pk).update(learner_department_id=target.pk)
    LearningEvent.objects.filter(source_department_id=source.pk).update(source_department_id=target.pk)


def _merge_team_into(source: Team, target: Team) -> None:
    _repoint(source, target)
    source.delete()


@transaction.atomic
def department_merge(*, actor: User, source: Department, target: Department) -> Department:
    """Fold `source` into `target` (admins only): its people, teams (a team whose name `target` already
    has joins that team), prompts, posts, invitations, everything else, and the learning ledger's
    department ids move to `target`; then `source` is deleted."""
    access.require_admin(actor)
    if source.pk == target.pk:
        raise ValidationError({"target": "Choose another department to merge into."})
    existing = {t.name.casefold(): t for t in Team.objects.filter(department=target)}
    for team in Team.objects.filter(department=source):
        twin = existing.get(team.name.casefold())
        if twin is not None:
            _merge_team_into(team, twin)
    _repoint(source, target)
    _rewrite_ledger(source, target)
    source.delete()
    return target


@transaction.atomic
def department_delete(*, actor: User, department: Department) -> None:
    """Delete a department (admins only) that has no people left (merge it to move them): its teams go
    with it; prompts, posts and invitations keep no department. Old ledger rows keep its id."""
    access.require_admin(actor)
    if User.objects.filter(department=department).exists():
        raise ValidationError(
            {"department": f"{department.name} still has people: merge it into another department instead."}
        )
    for team in Team.objects.filter(department=department):
        _repoint(team, None)
        team.delete()
    _repoint(department, None, skip=(Team,))
    department.delete()


@transaction.atomic
def team_merge(*, actor: User, source: Team, target: Team) -> Team:
    """Fold team `source` into `target` of the same department (admins only): its people and
    invitations move; `source` is deleted."""
    access.require_admin(actor)
    if source.pk == target.pk or source.department_id != target.department_id:
        raise ValidationError({"target": "Choose another team of the same department."})
    _merge_team_into(source, target)
    return target


@transaction.atomic
def team_delete(*, actor: User, team: Team) -> None:
    """Delete a team (admins only); its people stay in the department, without a team."""
    access.require_admin(actor)
    _repoint(team, None)
    team.delete()
