"""Who may see the conversation radar. The one place for those rules.

* The radar (pockets, connectors, the harvest queue, imports, chat identities) is for admins only:
  it shows what people wrote in Slack, and those texts are never shown to anyone else. Facilitators
  are left out on purpose (ADR 0015): they run cohorts and sessions, they do not read chat histories.
* The author of a harvested message (matched or linked to them) may see that one candidate, to
  decline the credit; nobody else who is not an admin sees any message text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ripple.people.models import User
from ripple.radar.models import Channel, ChatIdentity, HarvestCandidate, SlackImport


def can_view_radar(viewer: Any) -> bool:
    return bool(getattr(viewer, "is_authenticated", False)) and bool(getattr(viewer, "is_admin", False))


def require_radar(viewer: Any) -> None:
    """Members get a 404, like any page they may not know exists."""
    if not can_view_radar(viewer):
        raise Http404("No such page.")


def access_channel(viewer: User, channel_id: Any) -> Channel:
    require_radar(viewer)
    channel = Channel.objects.filter(pk=_int(channel_id)).first()
    if channel is None:
        raise Http404("No such channel.")
    return channel


def access_import(viewer: User, import_id: Any) -> SlackImport:
    require_radar(viewer)
    job = SlackImport.objects.defer("data").filter(pk=_uuid(import_id)).first() if _uuid(import_id) else None
    if job is None:
        raise Http404("No such import.")
    return job


def access_candidate(viewer: User, candidate_id: Any, *, as_author: bool = False) -> HarvestCandidate:
    """A harvest candidate for a reviewer (admins), or with `as_author` for its credited author too."""
    candidate = (
        HarvestCandidate.objects.select_related("message__author__user", "message__channel", "reviewer")
        .filter(pk=_int(candidate_id))
        .first()
    )
    if candidate is None:
        raise Http404("No such candidate.")
    if can_view_radar(viewer):
        return candidate
    if as_author and is_author(viewer, candidate):
        return candidate
    raise Http404("No such candidate.")


def is_author(viewer: Any, candidate: HarvestCandidate) -> bool:
    author = candidate.message.author
    return author is not None and author.user_id is not None and author.user_id == getattr(viewer, "pk", None)


def require_author(viewer: User, candidate: HarvestCandidate) -> None:
    if not is_author(viewer, candidate):
        raise PermissionDenied("Only the person who wrote the message can decline the credit.")


def access_identity(viewer: User, identity_id: Any) -> ChatIdentity:
    require_radar(viewer)
    identity = ChatIdentity.objects.filter(pk=_int(identity_id)).first()
    if identity is None:
        raise Http404("No such chat identity.")
    return identity


# --- learning events pointing at Slack messages (registry.ObjectAccess) ------------------------------


def visible_message_ids(viewer: Any, ids: Iterable[int]) -> set[int]:
    return set(ids) if can_view_radar(viewer) else set()


def hidden_message_ids(ids: Iterable[int]) -> set[int]:
    return set(ids)


def _int(value: Any) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


def _uuid(value: Any) -> str:
    import uuid

    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError, AttributeError):
        return ""
