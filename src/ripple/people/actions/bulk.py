"""Admin bulk changes to many people at once: all of them, or none."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.people import access
from ripple.people.models import Role, User

BULK_MAX = 500
OPERATIONS = {
    "member": "Make member",
    "facilitator": "Make facilitator",
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
