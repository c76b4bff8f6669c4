"""Reads of communities. The directory is one query however many communities it lists: activity over
the last 28 days (posts + prompts added + new members) is computed in the same SQL as subqueries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ripple.communities import access
from ripple.communities.models import Community, Endorsement, JoinRequest, RequestKind, RequestStatus
from ripple.feed.models import Post, PostState
from ripple.library import selectors as library_selectors
from ripple.library.models import CollectionItem
from ripple.people.models import User
from ripple.showcase import selectors as showcase_selectors
from ripple.spaces import selectors as space_selectors
from ripple.spaces.access import public_q
from ripple.spaces.models import Membership, Visibility

ACTIVITY_DAYS = 28
DIRECTORY_MAX = 200
FILTERS = ("", "endorsed", "mine")


def _count(qs: QuerySet[Any], field: str = "space_id") -> Any:
    return Coalesce(
        Subquery(
            qs.order_by().values(field).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
        ),
        Value(0),
    )


def with_activity(qs: QuerySet[Community], *, now: datetime | None = None) -> QuerySet[Community]:
    """Annotate `posts_recent`, `prompts_recent`, `joined_recent` and `activity` (their sum) over the last
    28 days — subqueries of the same query, so a list of any length costs one."""
    since = (now or timezone.now()) - timedelta(days=ACTIVITY_DAYS)
    posts = Post.objects.filter(space_id=OuterRef("space_id"), state=PostState.LIVE, created_at__gte=since)
    items = CollectionItem.objects.filter(
        collection_id=OuterRef("collection_id"), added_at__gte=since, prompt__deleted_at__isnull=True
    )
    joined = Membership.objects.filter(space_id=OuterRef("space_id"), joined_at__gte=since)
    return qs.annotate(
        posts_recent=_count(posts),
        prompts_recent=_count(items, "collection_id"),
        joined_recent=_count(joined),
    ).annotate(activity=F("posts_recent") + F("prompts_recent") + F("joined_recent"))


def directory(
    *, viewer: User, filter: str = "", search_text: str = "", now: datetime | None = None
) -> list[Community]:
    """The communities `viewer` may see, most active first, endorsed ones carrying `endorsement`, each
    with `mine` (the viewer is a member). One query."""
    qs = access.visible_communities(viewer).select_related("space", "endorsement__endorsed_by__department")
    if filter == "endorsed":
        qs = qs.filter(endorsement__isnull=False)
    elif filter == "mine":
        qs = qs.filter(space__memberships__person_id=viewer.pk)
    words = " ".join(search_text.split())[:100]
    if words:
        qs = qs.filter(Q(name__icontains=words) | Q(purpose__icontains=words))
    mine = Membership.objects.filter(space_id=OuterRef("space_id"), person_id=viewer.pk)
    qs = with_activity(qs.annotate(mine=Exists(mine)), now=now)
    return list(qs.order_by("-activity", "name", "id")[:DIRECTORY_MAX])


@dataclass
class CommunityPage:
    community: Community
    is_member: bool
    is_lead: bool
    posts: list[Any]
    prompts: list[Any]
    members: list[Membership]
    series: list[Any]
    requests: list[JoinRequest]
    invited: list[JoinRequest]
    history: list[Endorsement]
    my_request: JoinRequest | None


def page(*, viewer: User, community: Community, now: datetime | None = None) -> CommunityPage:
    """Everything the community page shows, for a viewer who may read it (a fixed number of queries)."""
    from ripple.feed import selectors as feed_selectors

    members = list(space_selectors.memberships(community.space)[:200])
    ids = {m.person_id: m.role for m in members}
    lead = ids.get(viewer.pk) == "lead"
    posts = feed_selectors.feed_page(viewer=viewer, space_id=community.space_id, size=10).items
    prompts = []
    if community.collection is not None:
        prompts = [
            item.prompt
            for item in library_selectors.collection_prompts(viewer=viewer, collection=community.collection)
        ]
    pending = (
        list(
            JoinRequest.objects.filter(community=community, status=RequestStatus.PENDING)
            .select_related("person__department")
            .order_by("created_at", "id")
        )
        if lead
        else []
    )
    mine = None
    if viewer.pk not in ids:
        mine = JoinRequest.objects.filter(
            community=community, person=viewer, status=RequestStatus.PENDING
        ).first()
    return CommunityPage(
        community=community,
        is_member=viewer.pk in ids,
        is_lead=lead,
        posts=posts,
        prompts=prompts[:50],
        members=members,
        series=showcase_selectors.community_series(viewer=viewer, community_id=community.pk, now=now),
        requests=[r for r in pending if r.kind == RequestKind.REQUEST],
        invited=[r for r in pending if r.kind == RequestKind.INVITE],
        history=list(
            Endorsement.objects.filter(community=community)
            .select_related("endorsed_by", "withdrawn_by")
            .order_by("-endorsed_at", "-id")[:20]
        ),
        my_request=mine,
    )


def members(community: Community) -> list[Membership]:
    return list(space_selectors.memberships(community.space)[:500])


def pending_requests(community: Community) -> list[JoinRequest]:
    return list(
        JoinRequest.objects.filter(
            community=community, status=RequestStatus.PENDING, kind=RequestKind.REQUEST
        )
        .select_related("person__department")
        .order_by("created_at", "id")
    )


def mine(viewer: User) -> QuerySet[Community]:
    """The live communities `viewer` is a member of, by name (the feed's "post in" choices)."""
    return (
        Community.objects.filter(space__memberships__person_id=viewer.pk, archived_at__isnull=True)
        .select_related("space")
        .order_by("name", "id")
    )


def community_of_space(*, viewer: User, space_id: Any) -> Community:
    """The community owning space `space_id`, if `viewer` may read it (404 otherwise)."""
    try:
        found = Community.objects.only("id", "slug").get(space_id=int(space_id))
    except (Community.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        from django.http import Http404

        raise Http404("No such community.") from exc
    return access.access_community(viewer, found.pk)


def figures(*, start: date, end: date, department_id: int | None) -> list[dict[str, Any]]:
    """Community figures for insights (an `OutcomeSource`): counts over every live community — private
    ones are counted but never named; members of private communities are not broken down by department
    (a department filter counts only open communities' members, so a small private group is not exposed)."""
    live = Community.objects.filter(archived_at__isnull=True)
    members = Membership.objects.filter(space__community__archived_at__isnull=True)
    if department_id:
        members = members.filter(person__department_id=department_id, space__visibility=Visibility.OPEN)
    active_ids = {
        c.pk
        for c in with_activity(live, now=timezone.make_aware(datetime.combine(end, datetime.min.time())))
        .filter(activity__gt=0)  # type: ignore[misc]
        .only("id")
    }
    member_count: int | None = members.values("person_id").distinct().count()
    member_note = "Distinct people in at least one community" + (
        " (open communities only, for one department)." if department_id else "."
    )
    minimum = int(getattr(settings, "SURVEY_MIN_GROUP", 5))
    if department_id and member_count and member_count < minimum:
        member_count, member_note = None, f"Fewer than {minimum} people: not shown for one department."
    return [
        {
            "label": "Communities",
            "value": live.count(),
            "note": "Live communities of practice, open and private.",
        },
        {
            "label": "Community members",
            "value": member_count,
            "note": member_note,
        },
        {
            "label": "Endorsed communities",
            "value": live.filter(endorsement__isnull=False).count(),
            "note": "Communities an admin backs with time, budget or a note.",
        },
        {
            "label": "Active communities",
            "value": len(active_ids),
            "note": f"With a post, a prompt or a new member in the {ACTIVITY_DAYS} days to {end:%Y-%m-%d}.",
        },
        {
            "label": "Posts in open communities",
            "value": Post.objects.filter(
                public_q(),
                space__kind="community",
                state=PostState.LIVE,
                created_at__date__gte=start,
                created_at__date__lte=end,
            ).count(),  # fmt: skip
            "note": "Private communities' posts are not counted here.",
        },
    ]
