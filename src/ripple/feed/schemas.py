"""The feed's API shapes: posts, replies, reactions, similar questions, kudos, notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from ripple.core.api import Id, In, null_clears, optional
from ripple.feed.models import Kudos, Post, Reply
from ripple.people.models import User
from ripple.people.schemas import PersonRef
from ripple.spaces.models import Space
from ripple.spaces.schemas import SpaceRef


class PostOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    body_html: str
    url: str
    author: PersonRef | None
    anonymous: bool
    accepted_reply: int | None
    reply_count: int
    reaction_count: int
    department: str | None
    topics: list[str]
    tool: str
    minutes_saved: int
    fail_asked: str
    fail_wrong: str
    fail_noticed: str
    fail_lesson: str
    prompt_ids: list[int]
    promoted_prompt_id: int | None
    space: SpaceRef | None = Field(
        description="The community or cohort it was posted to (null: everyone's feed)"
    )
    state: str
    locked: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: Post) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_author(obj: Post) -> User | None:
        # Fails closed: only posts passed through selectors.present() carry `shown_author`.
        return getattr(obj, "shown_author", None)

    @staticmethod
    def resolve_space(obj: Post) -> Space | None:
        # Fails closed: only a space the viewer may read, set by selectors.with_spaces().
        return getattr(obj, "shown_space", None)

    @staticmethod
    def resolve_accepted_reply(obj: Post) -> int | None:
        return obj.accepted_reply_id

    @staticmethod
    def resolve_department(obj: Post) -> str | None:
        return obj.department.name if obj.department else None

    @staticmethod
    def resolve_topics(obj: Post) -> list[str]:
        return list(getattr(obj, "topic_names", []))

    @staticmethod
    def resolve_prompt_ids(obj: Post) -> list[int]:
        # Fails closed: only the linked prompts the viewer may see, set by _with_prompts().
        return list(getattr(obj, "visible_prompt_ids", []))

    @staticmethod
    def resolve_promoted_prompt_id(obj: Post) -> int | None:
        promoted = obj.promoted_prompt_id
        return promoted if promoted in getattr(obj, "visible_prompt_ids", []) else None


class PostIn(In):
    kind: str
    title: str
    body: str = ""
    tool: str = ""
    minutes_saved: int = 0
    fail_asked: str = ""
    fail_wrong: str = ""
    fail_noticed: str = ""
    fail_lesson: str = ""
    anonymous: bool = False
    department_id: Id | None = None
    space_id: Id | None = Field(
        None, description="Post to a community or cohort you are a member of (null: everyone's feed)"
    )
    topics: list[str] = []
    prompt_ids: list[int] = []
    # Text that looks like a secret or personal data (feed.sensitive) is refused with 422 naming the
    # field, unless the client redacts it (`redact`) or posts it as is (`allow_sensitive`).
    redact: bool = False
    allow_sensitive: bool = False


class PostPatch(In):
    """The fields to change: a field left out is kept; `null` clears one that may be empty (the title
    cannot be null; whether an empty body is allowed depends on the kind of post)."""

    title: str = optional()
    body: Annotated[str | None, null_clears(str)] = None
    tool: Annotated[str | None, null_clears(str)] = None
    minutes_saved: Annotated[int | None, null_clears(int)] = None
    fail_asked: Annotated[str | None, null_clears(str)] = None
    fail_wrong: Annotated[str | None, null_clears(str)] = None
    fail_noticed: Annotated[str | None, null_clears(str)] = None
    fail_lesson: Annotated[str | None, null_clears(str)] = None
    topics: Annotated[list[str] | None, null_clears(list)] = None


class PromoteIn(In):
    """What to change in the prompt the post becomes; a field left out keeps the post's own text."""

    title: str | None = None
    body: str | None = None
    purpose: str | None = None
    check_output: str | None = None
    tags: list[str] | None = None


class ReplyIn(In):
    body: str
    parent_id: Id | None = None


class ReplyOut(Schema):
    id: int
    post_id: int
    parent_id: int | None
    body: str
    body_html: str
    author: PersonRef | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Reply) -> User | None:
        return getattr(obj, "shown_author", None)


class ReactionIn(In):
    emoji: str


class ReactionsOut(Schema):
    emoji: str
    reacted: bool
    counts: dict[str, int]


class AcceptIn(In):
    reply_id: Id


class SimilarOut(Schema):
    id: int
    title: str
    url: str
    answered: bool
    reply_count: int
    snippet: str


class KudosIn(In):
    to: list[int]
    message: str
    post_id: Id | None = None
    prompt_id: Id | None = None


class KudosOut(Schema):
    id: int
    giver: PersonRef
    to: list[PersonRef]
    message: str
    post_id: int | None
    prompt_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_to(obj: Kudos) -> list[User]:
        return list(obj.recipients.all())

    @staticmethod
    def resolve_prompt_id(obj: Kudos) -> int | None:
        # Fails closed: the prompt only when the viewer may see it, set by _with_kudos_prompts().
        return getattr(obj, "visible_prompt_id", None)


class PostQuery(In):
    sort: str = "new"
    kind: str = ""
    topic: str = ""
    department: Id | None = None
    space: Id | None = Field(None, description="Only posts in this community or cohort (one you may read)")
    following: bool = False
    anonymous: bool | None = None
    search: str = ""
    cursor: str | None = None
    limit: int = 20


class SimilarQuery(In):
    title: str = ""
    limit: int = 5


class KudosQuery(In):
    person: Id | None = None
    cursor: str | None = None
    limit: int = 20
