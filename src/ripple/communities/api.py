"""Communities under /api/v1: the same access rules, actions and selectors as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from ninja import Query, Router

from ripple.communities import access, actions, selectors
from ripple.communities.models import Community
from ripple.communities.schemas import (
    CommunityIn,
    CommunityInviteIn,
    CommunityJoinIn,
    CommunityMemberOut,
    CommunityOut,
    CommunityPatch,
    CommunityPostIn,
    CommunityPostOut,
    CommunityPromptIn,
    CommunityPromptOut,
    CommunityQuery,
    DirectoryOut,
    EndorseIn,
    EndorsementOut,
    JoinOut,
    RequestOut,
    WithdrawIn,
)
from ripple.core.api import Id, Page, errors
from ripple.feed import actions as feed_actions
from ripple.people import selectors as people_selectors
from ripple.people.http import AuthedRequest

router = Router(tags=["communities"])


def _get(request: AuthedRequest, community_id: int) -> Community:
    return access.access_community(request.user, community_id)


def _person(person_id: int) -> Any:
    found = [p for p in people_selectors.people_by_ids([person_id]) if p.is_active]
    if not found:
        raise ValidationError({"person_id": "No active person has this id."})
    return found[0]


@router.get(
    "/communities", response={200: Page[DirectoryOut], **errors()}, summary="The directory, most active first"
)
def community_list(request: AuthedRequest, params: Query[CommunityQuery]) -> dict[str, Any]:
    items = selectors.directory(viewer=request.user, filter=params.filter, search_text=params.q)
    return {"items": items, "next": None}


@router.post(
    "/communities", response={201: CommunityOut, **errors()}, summary="Start a community (you lead it)"
)
def community_create(request: AuthedRequest, payload: CommunityIn) -> tuple[int, Any]:
    leads = [_person(pk) for pk in dict.fromkeys(payload.lead_ids)]
    community = actions.community_create(
        actor=request.user,
        name=payload.name,
        purpose=payload.purpose,
        visibility=payload.visibility,
        leads=leads,
    )
    return 201, _get(request, community.pk)


@router.get(
    "/communities/{community_id}", response={200: CommunityOut, **errors(404)}, summary="One community"
)
def community_get(request: AuthedRequest, community_id: Id) -> Any:
    return _get(request, community_id)


@router.patch(
    "/communities/{community_id}",
    response={200: CommunityOut, **errors(403, 404)},
    summary="Change it (leads)",
)
def community_patch(request: AuthedRequest, community_id: Id, payload: CommunityPatch) -> Any:
    community = _get(request, community_id)
    actions.community_update(actor=request.user, community=community, **payload.dict(exclude_unset=True))
    return _get(request, community_id)


@router.delete(
    "/communities/{community_id}",
    response={204: None, **errors(403, 404)},
    summary="Archive it (leads, admins): it leaves the directory, its history stays",
)
def community_delete(request: AuthedRequest, community_id: Id) -> tuple[int, None]:
    actions.community_archive(actor=request.user, community=_get(request, community_id))
    return 204, None


@router.post(
    "/communities/{community_id}/join",
    response={200: JoinOut, **errors(404)},
    summary="Join (open, or invited); a private one: ask with its leads' token",
)
def community_join(request: AuthedRequest, community_id: Id, payload: CommunityJoinIn) -> Any:
    if payload.token:
        community = access.access_by_token(request.user, community_id, payload.token)
        if not access.is_member(request.user, community):
            actions.request_join(actor=request.user, community=community, message=payload.message)
            return {"status": "requested"}
        return {"status": "member"}
    community, _readable = access.access_invited(request.user, community_id)
    return {"status": actions.join(actor=request.user, community=community)}


@router.post("/communities/{community_id}/leave", response={204: None, **errors(404)}, summary="Leave it")
def community_leave(request: AuthedRequest, community_id: Id) -> tuple[int, None]:
    actions.leave(actor=request.user, community=_get(request, community_id))
    return 204, None


@router.post(
    "/communities/{community_id}/endorse",
    response={200: EndorsementOut, **errors(403, 404)},
    summary="Endorse it (admins): time, budget, a note",
)
def community_endorse(request: AuthedRequest, community_id: Id, payload: EndorseIn) -> Any:
    return actions.endorse(actor=request.user, community=_get(request, community_id), **payload.dict())


@router.delete(
    "/communities/{community_id}/endorse",
    response={200: EndorsementOut, **errors(403, 404)},
    summary="Withdraw the endorsement (admins); it stays in the history",
)
def community_withdraw(request: AuthedRequest, community_id: Id, payload: WithdrawIn | None = None) -> Any:
    reason = (payload.reason or "") if payload else ""
    return actions.withdraw(actor=request.user, community=_get(request, community_id), reason=reason)


@router.get(
    "/communities/{community_id}/members",
    response={200: Page[CommunityMemberOut], **errors(404)},
    summary="Members",
)
def community_members(request: AuthedRequest, community_id: Id) -> dict[str, Any]:
    return {"items": selectors.members(_get(request, community_id)), "next": None}


@router.get(
    "/communities/{community_id}/requests",
    response={200: Page[RequestOut], **errors(403, 404)},
    summary="Pending requests to join (leads)",
)
def community_requests(request: AuthedRequest, community_id: Id) -> dict[str, Any]:
    community = _get(request, community_id)
    access.require_lead(request.user, community)
    return {"items": selectors.pending_requests(community), "next": None}


@router.post(
    "/communities/{community_id}/requests/{request_id}/{decision}",
    response={200: RequestOut, **errors(403, 404)},
    summary="Approve or decline a request (leads)",
)
def community_decide(request: AuthedRequest, community_id: Id, request_id: Id, decision: str) -> Any:
    community = _get(request, community_id)
    access.require_lead(request.user, community)
    join_request = access.access_request(community, request_id)
    if decision not in ("approve", "decline"):
        raise ValidationError({"decision": "Use approve or decline."})
    work = actions.approve if decision == "approve" else actions.decline
    return work(actor=request.user, request=join_request)


@router.post(
    "/communities/{community_id}/invitations",
    response={201: RequestOut, **errors(403, 404)},
    summary="Invite someone (leads)",
)
def community_invite(request: AuthedRequest, community_id: Id, payload: CommunityInviteIn) -> tuple[int, Any]:
    community = _get(request, community_id)
    access.require_lead(request.user, community)
    return 201, actions.invite(actor=request.user, community=community, person=_person(payload.person_id))


@router.get(
    "/communities/{community_id}/posts",
    response={200: Page[CommunityPostOut], **errors(404)},
    summary="Its latest posts",
)
def community_posts(request: AuthedRequest, community_id: Id) -> dict[str, Any]:
    data = selectors.page(viewer=request.user, community=_get(request, community_id))
    return {"items": data.posts, "next": None}


@router.post(
    "/communities/{community_id}/posts",
    response={201: CommunityPostOut, **errors(403, 404)},
    summary="Post in it (members): a feed post in its space",
)
def community_post(request: AuthedRequest, community_id: Id, payload: CommunityPostIn) -> tuple[int, Any]:
    community = _get(request, community_id)
    access.require(
        access.is_member(request.user, community), "Only members post here; join the community first."
    )
    return 201, feed_actions.post_create(actor=request.user, space=community.space, **payload.dict())


@router.get(
    "/communities/{community_id}/prompts",
    response={200: Page[CommunityPromptOut], **errors(404)},
    summary="Its prompts",
)
def community_prompts(request: AuthedRequest, community_id: Id) -> dict[str, Any]:
    data = selectors.page(viewer=request.user, community=_get(request, community_id))
    return {"items": data.prompts, "next": None}


@router.post(
    "/communities/{community_id}/prompts",
    response={201: CommunityPromptOut, **errors(403, 404)},
    summary="Add a prompt (members): it joins the community's collection",
)
def community_prompt(request: AuthedRequest, community_id: Id, payload: CommunityPromptIn) -> tuple[int, Any]:
    community = _get(request, community_id)
    return 201, actions.prompt_add(
        actor=request.user, community=community, title=payload.title, body=payload.body
    )
