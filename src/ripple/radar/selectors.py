"""Every read of the conversation radar; each page is a constant number of queries. Callers have
checked `access.require_radar` (admins only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from ripple.core.pagination import Page, paginate
from ripple.people.models import User
from ripple.radar.models import Channel, ChatIdentity, HarvestCandidate, HarvestStatus, Message, SlackImport

WEEKS = 8  # growth: the last 8 weeks against the 8 before


def export_end() -> datetime:
    """Where "the last 8 weeks" end: the newest message imported (an export may be weeks old), or now."""
    newest = Message.objects.aggregate(newest=Max("posted_at"))["newest"]
    return newest or timezone.now()


@dataclass
class Pocket:
    channel: Channel
    ai_messages: int
    people: int
    recent: int
    previous: int

    @property
    def growth(self) -> float | None:
        """(recent − previous) / previous; None when the previous 8 weeks had nothing (a new pocket)."""
        if not self.previous:
            return None
        return round((self.recent - self.previous) / self.previous, 3)

    @property
    def growth_label(self) -> str:
        if self.growth is None:
            return "new" if self.recent else "—"
        return f"{self.growth:+.0%}"


def pockets(*, limit: int = 50, end: datetime | None = None) -> list[Pocket]:
    """Channels ranked by AI conversation (messages, then distinct people), in one query."""
    end = end or export_end()
    split, start = end - timedelta(weeks=WEEKS), end - timedelta(weeks=2 * WEEKS)
    ai = Q(messages__in_ai=True)
    rows = (
        Channel.objects.annotate(
            ai_messages=Count("messages", filter=ai),
            people=Count("messages__author", filter=ai, distinct=True),
            recent=Count(
                "messages", filter=ai & Q(messages__posted_at__gt=split, messages__posted_at__lte=end)
            ),
            previous=Count(
                "messages", filter=ai & Q(messages__posted_at__gt=start, messages__posted_at__lte=split)
            ),
        )
        .filter(ai_messages__gt=0)
        .order_by("-ai_messages", "-people", "name", "pk")[:limit]
    )
    return [Pocket(c, c.ai_messages, c.people, c.recent, c.previous) for c in rows]


def pocket(channel: Channel, *, end: datetime | None = None) -> Pocket:
    end = end or export_end()
    split, start = end - timedelta(weeks=WEEKS), end - timedelta(weeks=2 * WEEKS)
    qs = Message.objects.filter(channel=channel, in_ai=True)
    figures = qs.aggregate(
        ai_messages=Count("pk"),
        people=Count("author", distinct=True),
        recent=Count("pk", filter=Q(posted_at__gt=split, posted_at__lte=end)),
        previous=Count("pk", filter=Q(posted_at__gt=start, posted_at__lte=split)),
    )
    return Pocket(channel, **figures)


def weekly(channel_ids: list[int], *, end: datetime | None = None, weeks: int = 2 * WEEKS) -> dict[str, Any]:
    """AI messages per week for the channels (chart and table): {"weeks": [date], "series": {id: [n]}}."""
    end = end or export_end()
    first = (end - timedelta(weeks=weeks - 1)).date()
    first -= timedelta(days=first.weekday())
    labels = [first + timedelta(weeks=i) for i in range(weeks)]
    series: dict[int, list[int]] = {cid: [0] * weeks for cid in channel_ids}
    rows = (
        Message.objects.filter(channel_id__in=channel_ids, in_ai=True, posted_at__date__gte=first)
        .annotate(week=TruncWeek("posted_at"))
        .values("channel_id", "week")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        index = (week - first).days // 7
        if 0 <= index < weeks:
            series[row["channel_id"]][index] += row["n"]
    return {"weeks": labels, "series": series}


def pocket_people(channel: Channel, *, limit: int = 12) -> list[dict[str, Any]]:
    """The people of a pocket, most AI messages first, with their Ripple person when matched."""
    rows = (
        Message.objects.filter(channel=channel, in_ai=True, author__isnull=False)
        .values("author_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "author_id")[:limit]
    )
    counts = {r["author_id"]: r["n"] for r in rows}
    identities = ChatIdentity.objects.filter(pk__in=counts).select_related("user__department")
    return sorted(
        ({"identity": i, "user": i.user, "messages": counts[i.pk]} for i in identities),
        key=lambda p: (-p["messages"], p["identity"].pk),
    )


def pocket_threads(channel: Channel, *, limit: int = 10) -> list[Message]:
    """The pocket's strongest recent AI threads (texts: admins only)."""
    return list(
        Message.objects.filter(channel=channel, in_ai=True, is_reply=False)
        .select_related("author__user")
        .order_by("-posted_at", "-pk")[:limit]
    )


# --- connectors -----------------------------------------------------------------------------------


@dataclass
class Connector:
    identity: ChatIdentity
    answers: int
    reactions: int
    helped: int
    departments: int


def connectors(*, limit: int = 50) -> list[Connector]:
    """People whose answers in AI threads help others: replies in threads they did not start,
    reactions those replies got, distinct people helped, departments reached (of matched askers)."""
    rows = (
        Message.objects.filter(in_ai=True, is_reply=True, parent__isnull=False, author__isnull=False)
        .exclude(author_id=F("parent__author_id"))
        .values("author_id")
        .annotate(
            answers=Count("pk"),
            reactions=Sum("reactions"),
            helped=Count("parent__author_id", distinct=True),
            departments=Count("parent__author__user__department_id", distinct=True),
        )
        .order_by("-helped", "-answers", "author_id")[:limit]
    )
    figures = {r["author_id"]: r for r in rows}
    identities = {
        i.pk: i for i in ChatIdentity.objects.filter(pk__in=figures).select_related("user__department")
    }
    return [
        Connector(identities[aid], r["answers"], r["reactions"] or 0, r["helped"], r["departments"])
        for aid, r in figures.items()
        if aid in identities
    ]


# --- harvest, imports, identities ------------------------------------------------------------------


def harvest_page(*, status: str = HarvestStatus.PENDING, cursor: str | None = None, size: int = 25) -> Page:
    qs: QuerySet[HarvestCandidate] = HarvestCandidate.objects.filter(status=status).select_related(
        "message__author__user", "message__channel", "reviewer"
    )
    return paginate(qs, ordering=("-created_at", "-id"), cursor=cursor, size=size)


def harvest_counts() -> dict[str, int]:
    rows = HarvestCandidate.objects.values("status").annotate(n=Count("pk"))
    counts = {s: 0 for s in HarvestStatus.values}
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def imports(*, limit: int = 20) -> list[SlackImport]:
    return list(SlackImport.objects.defer("data").select_related("owner").order_by("-created_at")[:limit])


def identities_page(*, unmatched_only: bool = True, cursor: str | None = None, size: int = 50) -> Page:
    qs = ChatIdentity.objects.filter(is_bot=False).select_related("user").annotate(n=Count("messages"))
    if unmatched_only:
        qs = qs.filter(user__isnull=True)
    return paginate(qs, ordering=("name", "id"), cursor=cursor, size=size)


def totals() -> dict[str, int]:
    return Message.objects.aggregate(
        messages=Count("pk"),
        ai=Count("pk", filter=Q(in_ai=True)),
        threads=Count("pk", filter=Q(is_reply=False, reply_count__gt=0)),
    ) | {"unmatched": ChatIdentity.objects.filter(user__isnull=True, is_bot=False).count()}


def person_name(user: User | None, identity: ChatIdentity) -> str:
    return user.name if user is not None else identity.name
