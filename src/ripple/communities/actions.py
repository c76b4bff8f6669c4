"""Every write of communities: keyword-only, atomic, permission checked here, notifications on the way.

Membership itself lives in the community's space (`spaces.actions.add_member` / `remove_member`); this
app keeps what leads to it — requests to join a private community, invitations — and the endorsements.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ripple.communities import access
from ripple.communities.kinds import Notice
from ripple.communities.models import Community, Endorsement, JoinRequest, RequestKind, RequestStatus
from ripple.core.api import text_problem
from ripple.library import actions as library_actions
from ripple.library.models import Collection, Prompt
from ripple.notifications.actions import notify
from ripple.people.models import User
from ripple.showcase import actions as showcase_actions
from ripple.showcase.models import Series
from ripple.spaces import actions as space_actions
from ripple.spaces import selectors as space_selectors
from ripple.spaces.models import MemberRole, Visibility

RESERVED_SLUGS = {"new", "space", "api"}
LAST_LEAD = "A community always keeps a lead: make another member a lead before you step down or leave."


def _text(value: Any, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = " ".join(str(value or "").split()) if field != "purpose" else str(value or "").strip()
    problem = text_problem(text)
    if problem:
        raise ValidationError({field: f"{label}: {problem}"})
    if required and not text:
        raise ValidationError({field: f"Give the community {label.lower()}."})
    if len(text) > max_length:
        raise ValidationError({field: f"{label} is at most {max_length} characters ({len(text)} given)."})
    return text


def _visibility(value: Any) -> str:
    if value not in Visibility.values:
        raise ValidationError({"visibility": "Choose open or private."})
    return str(value)


def _slug(name: str) -> str:
    base = (slugify(name)[:60] or "community").strip("-") or "community"
    if base.isdigit() or base in RESERVED_SLUGS:
        base = f"c-{base}"
    slug, n = base, 2
    while Community.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def community_create(
    *,
    actor: User,
    name: str,
    purpose: str,
    visibility: str = Visibility.OPEN,
    leads: list[User] | None = None,
    at: datetime | None = None,
) -> Community:
    """Start a community led by `actor` (and `leads`), with its space and its prompt collection."""
    access.require(access.signed_in(actor), "Sign in to start a community.")
    clean_name = _text(name, field="name", label="A name", max_length=120, required=True)
    clean_purpose = _text(purpose, field="purpose", label="A purpose", max_length=2000, required=True)
    visibility = _visibility(visibility)
    people = list({p.pk: p for p in [actor, *(leads or [])]}.values())
    if any(not p.is_active for p in people):
        raise ValidationError({"lead_ids": "Leads must be active members."})
    if len(people) > 10:
        raise ValidationError({"lead_ids": "A community has at most 10 leads."})
    if Community.objects.filter(name__iexact=clean_name, archived_at__isnull=True).exists():
        raise ValidationError(
            {"name": "A community with this name exists already; join it, or pick another name."}
        )
    at = at or timezone.now()
    space = space_actions.create_space(kind="community", name=clean_name, visibility=visibility, leads=people)
    collection = library_actions.collection_create(
        actor=actor, title=f"{clean_name} prompts"[:120],
        description=f"Prompts of the {clean_name} community."[:500],
        space=space, at=at,
    )  # fmt: skip
    return Community.objects.create(
        space=space, slug=_slug(clean_name), name=clean_name, purpose=clean_purpose, collection=collection,
        created_by=actor, created_at=at,
    )  # fmt: skip


@transaction.atomic
def community_update(
    *,
    actor: User,
    community: Community,
    name: str | None = None,
    purpose: str | None = None,
    visibility: str | None = None,
) -> Community:
    """Rename, re-describe or open/close a community (leads)."""
    access.require_lead(actor, community)
    if name is not None:
        community.name = _text(name, field="name", label="A name", max_length=120, required=True)
        clash = Community.objects.filter(name__iexact=community.name, archived_at__isnull=True)
        if clash.exclude(pk=community.pk).exists():
            raise ValidationError({"name": "Another community has this name."})
    if purpose is not None:
        community.purpose = _text(purpose, field="purpose", label="A purpose", max_length=2000, required=True)
    space_actions.update_space(
        space=community.space, name=community.name, visibility=_visibility(visibility) if visibility else None
    )
    community.save(update_fields=["name", "purpose"])
    if community.collection_id:
        Collection.objects.filter(pk=community.collection_id).update(title=f"{community.name} prompts"[:120])
    return community


@transaction.atomic
def community_archive(*, actor: User, community: Community, at: datetime | None = None) -> Community:
    """Close a community (leads or admins): it leaves the directory; members still find its history."""
    access.require(
        access.is_lead(actor, community) or access.can_endorse(actor), "Only leads or admins can archive it."
    )
    community.archived_at = at or timezone.now()
    community.save(update_fields=["archived_at"])
    return community


def _open_for_joining(community: Community) -> None:
    if community.archived_at is not None:
        raise ValidationError({"community": "This community is archived; nobody can join it."})


def _add(community: Community, person: User, at: datetime | None = None) -> None:
    membership = space_actions.add_member(space=community.space, person=person)
    if at is not None and membership.joined_at > at:
        type(membership).objects.filter(pk=membership.pk).update(joined_at=at)


@transaction.atomic
def join(*, actor: User, community: Community, at: datetime | None = None) -> str:
    """Join an open community, or accept an invitation to a private one. Returns "member"."""
    _open_for_joining(community)
    if access.is_member(actor, community):
        return "member"
    invite = access.pending_invite(actor, community)
    if community.is_private and invite is None:
        raise ValidationError({"community": "This community is private: ask to join through its link."})
    if invite is not None:
        _decide(invite, RequestStatus.APPROVED, actor)
    _add(community, actor, at)
    return "member"


@transaction.atomic
def request_join(*, actor: User, community: Community, message: str = "") -> JoinRequest:
    """Ask to join a private community (reached through its leads' link); its leads hear of it."""
    _open_for_joining(community)
    access.require(access.signed_in(actor), "Sign in first.")
    if access.is_member(actor, community):
        raise ValidationError({"community": "You are a member already."})
    text = _text(message, field="message", label="The message", max_length=300)
    existing = JoinRequest.objects.filter(
        community=community, person=actor, status=RequestStatus.PENDING
    ).first()
    if existing is not None:
        return existing
    request = JoinRequest.objects.create(
        community=community, person=actor, kind=RequestKind.REQUEST, message=text, created_by=actor
    )
    for lead in User.objects.filter(pk__in=space_selectors.lead_ids(community.space)):
        notify(
            recipient=lead, kind=Notice.REQUESTED, actor=actor, space=community.space,
            text=f"{actor.name} asks to join {community.name}.",
            url=community.get_absolute_url() + "#requests",
        )  # fmt: skip
    return request


def _decide(request: JoinRequest, status: str, actor: User) -> None:
    request.status, request.decided_by, request.decided_at = status, actor, timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])


def _pending(request: JoinRequest) -> None:
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            {"request": f"This request was {request.get_status_display().lower()} already."}
        )


@transaction.atomic
def approve(*, actor: User, request: JoinRequest) -> JoinRequest:
    """A lead lets the person in; they hear of it."""
    community = request.community
    access.require_lead(actor, community)
    _pending(request)
    _decide(request, RequestStatus.APPROVED, actor)
    _add(community, request.person)
    notify(
        recipient=request.person, kind=Notice.APPROVED, actor=actor, space=community.space,
        text=f"You are in: welcome to {community.name}.", url=community.get_absolute_url(),
    )  # fmt: skip
    return request


@transaction.atomic
def decline(*, actor: User, request: JoinRequest) -> JoinRequest:
    access.require_lead(actor, request.community)
    _pending(request)
    _decide(request, RequestStatus.DECLINED, actor)
    return request


@transaction.atomic
def invite(*, actor: User, community: Community, person: User) -> JoinRequest:
    """A lead invites someone; they see the community's name and purpose and accept or decline."""
    access.require_lead(actor, community)
    _open_for_joining(community)
    if not person.is_active:
        raise ValidationError({"person_id": "Only active members can be invited."})
    if access.is_member(person, community):
        raise ValidationError({"person_id": f"{person.name} is a member already."})
    pending = JoinRequest.objects.filter(
        community=community, person=person, status=RequestStatus.PENDING
    ).first()
    if pending is not None and pending.kind == RequestKind.REQUEST:  # they asked: inviting lets them in
        approve(actor=actor, request=pending)
        return pending
    if pending is not None:
        return pending
    invitation = JoinRequest.objects.create(
        community=community, person=person, kind=RequestKind.INVITE, created_by=actor
    )
    # No `space=`: the invitee may not read the space yet, and is meant to hear of it.
    notify(
        recipient=person, kind=Notice.INVITED, actor=actor,
        text=f"{actor.name} invites you to the {community.name} community.", url=community.get_absolute_url(),
    )  # fmt: skip
    return invitation


@transaction.atomic
def decline_invite(*, actor: User, community: Community) -> None:
    invitation = access.pending_invite(actor, community)
    if invitation is None:
        raise ValidationError({"community": "You have no invitation to this community."})
    _decide(invitation, RequestStatus.DECLINED, actor)


def _other_leads(community: Community, person: User) -> set[int]:
    return space_selectors.lead_ids(community.space) - {person.pk}


@transaction.atomic
def leave(*, actor: User, community: Community) -> bool:
    """Leave a community; its last lead cannot (they make someone else lead first)."""
    if not access.is_member(actor, community):
        return False
    if access.is_lead(actor, community) and not _other_leads(community, actor):
        raise ValidationError({"community": LAST_LEAD})
    return space_actions.remove_member(space=community.space, person=actor)


@transaction.atomic
def set_role(*, actor: User, community: Community, person: User, role: str) -> None:
    """A lead makes a member a lead, or a lead (themselves included) a member again — never the last."""
    access.require_lead(actor, community)
    if role not in MemberRole.values:
        raise ValidationError({"role": "Choose member or lead."})
    if not access.is_member(person, community):
        raise ValidationError({"person_id": f"{person.name} is not a member."})
    if role == MemberRole.MEMBER and not _other_leads(community, person):
        raise ValidationError({"role": LAST_LEAD})
    space_actions.add_member(space=community.space, person=person, role=role)


def _amount(value: Any, *, field: str, label: str, high: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: f"{label} must be a whole number."}) from exc
    if not 0 <= number <= high:
        raise ValidationError({field: f"{label} must be between 0 and {high:,}."})
    return number


@transaction.atomic
def endorse(
    *,
    actor: User,
    community: Community,
    hours_per_month: Any = None,
    budget: Any = None,
    note: str = "",
    at: datetime | None = None,
) -> Endorsement:
    """An admin backs the community (a change replaces the one in force, which stays in history)."""
    access.require_admin(actor)
    _open_for_joining(community)
    hours = _amount(hours_per_month, field="hours_per_month", label="Hours per month", high=1000)
    money = _amount(budget, field="budget", label="The budget", high=100_000_000)
    text = _text(note, field="note", label="The note", max_length=2000)
    if hours is None and money is None and not text:
        raise ValidationError({"note": "Say what the community is given: time, a budget or a note."})
    at = at or timezone.now()
    Community.objects.select_for_update().filter(pk=community.pk).first()
    Endorsement.objects.filter(community=community, withdrawn_at__isnull=True).update(
        withdrawn_at=at, withdrawn_by=actor, withdraw_reason="Replaced by a new endorsement."
    )
    endorsement = Endorsement.objects.create(
        community=community, endorsed_by=actor, endorsed_at=at, hours_per_month=hours, budget=money, note=text
    )
    community.endorsement = endorsement
    community.save(update_fields=["endorsement"])
    for lead in User.objects.filter(pk__in=space_selectors.lead_ids(community.space)):
        notify(
            recipient=lead, kind=Notice.ENDORSED, actor=actor, space=community.space,
            text=f"{community.name} is endorsed by {actor.name}.", url=community.get_absolute_url(),
        )  # fmt: skip
    return endorsement


@transaction.atomic
def withdraw(
    *, actor: User, community: Community, reason: str = "", at: datetime | None = None
) -> Endorsement:
    """An admin withdraws the endorsement in force; it stays in the community's history."""
    access.require_admin(actor)
    endorsement = Endorsement.objects.filter(community=community, withdrawn_at__isnull=True).first()
    if endorsement is None:
        raise ValidationError({"community": "This community is not endorsed."})
    endorsement.withdrawn_at = at or timezone.now()
    endorsement.withdrawn_by = actor
    endorsement.withdraw_reason = _text(reason, field="reason", label="The reason", max_length=300)
    endorsement.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    community.endorsement = None
    community.save(update_fields=["endorsement"])
    return endorsement


@transaction.atomic
def prompt_add(
    *, actor: User, community: Community, title: str, body: str, purpose: str = "", at: datetime | None = None
) -> Prompt:
    """A member writes a prompt in the community: it lives in the space and joins its collection."""
    access.require(access.is_member(actor, community), "Only members add prompts; join the community first.")
    prompt = library_actions.prompt_create(
        actor=actor, title=title, body=body, purpose=purpose, space=community.space, at=at
    )
    if community.collection is not None:
        library_actions.collection_add(actor=actor, collection=community.collection, prompt=prompt, at=at)
    return prompt


@transaction.atomic
def series_attach(*, actor: User, community: Community, series: Series, attach: bool = True) -> Series:
    """A lead attaches a show-and-tell series they host to the community (or detaches it)."""
    access.require_lead(actor, community)
    if not attach and series.community_id != community.pk:
        raise ValidationError({"series": "This series is not attached to this community."})
    return showcase_actions.series_set_community(
        actor=actor, series=series, community_id=community.pk if attach else None
    )
