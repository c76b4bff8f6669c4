"""The prompt library: prompts and their versions, forks, suggested edits, reuses, ratings, favourites,
collections.

Counters shown on lists (reuses, minutes saved, rating) live on the prompt row and are kept current by
the actions in `actions.py`, so a list page never aggregates across the reuse or rating tables.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ripple.core.search import SearchIndex

TITLE_MAX = 200
BODY_MAX = 200_000
PURPOSE_MAX = 5_000
CHECK_MAX = 20_000


class Tool(models.TextChoices):
    CHATGPT = "ChatGPT", "ChatGPT"
    COPILOT = "Microsoft Copilot", "Microsoft Copilot"
    CLAUDE = "Claude", "Claude"
    GEMINI = "Gemini", "Gemini"
    ANY = "Any", "Any AI tool"


class Visibility(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    DEPARTMENT = "department", "My department"
    PRIVATE = "private", "Only me"


class Prompt(models.Model):
    """A prompt as it is now; every earlier state is a `PromptVersion`."""

    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX)
    purpose = models.TextField(max_length=PURPOSE_MAX, blank=True)
    tools = models.JSONField(default=list, blank=True)  # values of Tool
    department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="prompts"
    )
    tags = models.JSONField(default=list, blank=True)  # list[str]; see tag_list
    tags_text = models.CharField(max_length=1000, blank=True, editable=False)  # tags joined, for search
    examples = models.JSONField(default=list, blank=True)  # list of {"input", "output", "changes"}
    check_output = models.TextField(max_length=CHECK_MAX, blank=True)
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.EVERYONE)
    # owner and forked_from lead the prompt_owner and prompt_forks indexes, which serve their look-ups:
    # no index of their own (each one more an import writes per row).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prompts", db_index=False
    )
    forked_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="forks", db_index=False
    )
    # The first prompt of the family (null for an original), so a whole lineage is one query.
    lineage_root = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_url = models.CharField(max_length=500, blank=True)
    origin_label = models.CharField(max_length=200, blank=True)
    # From a public collection (the community starter pack), not written in the organization: browsing
    # lists the organization's own prompts first.
    community = models.BooleanField(default=False)
    # Written in a cohort or community space (None: the library's own rules alone decide);
    # `spaces.access.readable_q` is applied on top of `visibility`.
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, null=True, blank=True, related_name="prompts"
    )
    version = models.PositiveIntegerField(default=1)

    reuse_count = models.PositiveIntegerField(default=0)
    reuser_count = models.PositiveIntegerField(default=0)
    department_count = models.PositiveIntegerField(default=0)
    minutes_saved_total = models.PositiveIntegerField(default=0)
    fork_count = models.PositiveIntegerField(default=0)
    open_suggestion_count = models.PositiveIntegerField(default=0)
    rating_count = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    rating_avg = models.FloatField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Deleting keeps the row (forks keep their lineage, reuses their history); nobody sees it any more.
    deleted_at = models.DateTimeField(null=True, blank=True)
    last_reused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="prompt_recent"),
            models.Index(fields=["-reuse_count", "-id"], name="prompt_most_reused"),
            models.Index(fields=["-minutes_saved_total", "-id"], name="prompt_most_saved"),
            models.Index(fields=["-rating_avg", "-rating_count", "-id"], name="prompt_top_rated"),
            models.Index(fields=["-created_at", "-id"], name="prompt_newest"),
            models.Index(
                fields=["community", "-reuse_count", "-rating_sum", "-updated_at", "-id"],
                name="prompt_ours_first",
            ),
            # A prompt's forks, most reused first; without it SQLite walked prompt_most_reused instead.
            models.Index(fields=["forked_from", "-reuse_count", "-id"], name="prompt_forks"),
            # No index on visibility on purpose: with one, SQLite answers the access rule's OR with a
            # multi-index union and sorts every visible row; without, it walks the sort index above.
            models.Index(fields=["owner", "-updated_at"], name="prompt_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=["everyone", "department", "private"]),
                name="prompt_visibility_valid",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="prompt_version_positive"),
            models.CheckConstraint(
                condition=~models.Q(forked_from=models.F("id")), name="prompt_not_forked_from_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:prompt", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [str(t) for t in (self.tags or [])]

    @property
    def tool_list(self) -> list[str]:
        return [str(t) for t in (self.tools or [])]

    @property
    def example_list(self) -> list[dict[str, str]]:
        return [dict(e) for e in (self.examples or [])]

    @property
    def has_check_output(self) -> bool:
        return bool(self.check_output.strip())

    @property
    def family_root_id(self) -> int:
        return self.lineage_root_id or self.pk


PROMPT_SEARCH = SearchIndex(
    table="library_prompt",
    columns=(("title", "A"), ("purpose", "B"), ("tags_text", "B"), ("body", "C")),
    covering=("visibility", "owner_id", "department_id", "deleted_at", "space_id"),  # access.visible_prompts
)


class PromptVersion(models.Model):
    """The full content of a prompt at one version; `number` 1 is how it was first shared."""

    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX)
    purpose = models.TextField(max_length=PURPOSE_MAX, blank=True)
    tools = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=list, blank=True)
    examples = models.JSONField(default=list, blank=True)
    check_output = models.TextField(max_length=CHECK_MAX, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)  # what changed and why
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["prompt", "number"], name="prompt_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prompt_id} v{self.number}"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Suggestion(models.Model):
    """An edit someone proposes to a prompt they do not own; accepting it makes a new version."""

    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="suggestions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    base_version = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX)
    purpose = models.TextField(max_length=PURPOSE_MAX, blank=True)
    check_output = models.TextField(max_length=CHECK_MAX, blank=True)
    note = models.CharField(max_length=500, blank=True)  # why the author suggests it
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    response = models.CharField(max_length=500, blank=True)
    resulting_version = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["prompt", "status", "-created_at"], name="suggestion_by_prompt")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "accepted", "declined"]),
                name="suggestion_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"Suggestion {self.pk} on {self.prompt_id}"


MINUTES_MAX = 8 * 60


class Reuse(models.Model):
    """Someone used a prompt ("saved 25 minutes"); minutes are self-reported."""

    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="reuses")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    minutes_saved = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=500, blank=True)
    # What the person filled in ({"customer": "Acme"}): shown to them alone, in their own uses.
    variables = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["prompt", "-created_at"], name="reuse_by_prompt"),
            models.Index(fields=["person", "-created_at"], name="reuse_by_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes_saved__lte=MINUTES_MAX), name="reuse_minutes_max"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} reused {self.prompt_id}"


class Rating(models.Model):
    """One person's 1–5 star rating of a prompt (changeable; one per person)."""

    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stars = models.PositiveSmallIntegerField()
    comment = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prompt", "person"], name="rating_one_per_person"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="rating_stars_range"),
        ]

    def __str__(self) -> str:
        return f"{self.stars}★ on {self.prompt_id}"


class Favourite(models.Model):
    """A prompt someone starred to find again (private to them; one per person and prompt)."""

    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="favourites")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prompt", "person"], name="favourite_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} favourited {self.prompt_id}"


class Collection(models.Model):
    """A curated, ordered set of prompts ("Sales starter pack").

    Owned by a person for now; when communities exist a collection may also belong to one
    (add a nullable `community` foreign key then).
    """

    title = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="collections")
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.EVERYONE)
    department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prompt_count = models.PositiveIntegerField(default=0)
    # A cohort's or community's collection (None: the owner's); `spaces.access.readable_q` decides.
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, null=True, blank=True, related_name="collections"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["-updated_at", "-id"], name="collection_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:collection", args=[self.pk])


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="collection_items")
    position = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "prompt"], name="collection_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prompt_id} in {self.collection_id}"


class ImportStatus(models.TextChoices):
    STAGED = "staged", "Waiting for confirmation"
    QUEUED = "queued", "Waiting for a worker"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Nothing imported"


class ImportJob(models.Model):
    """An uploaded file waiting for its preview to be confirmed, or a big import run by the worker.

    The file's bytes live here, in the database, so a confirm or a job that lands on another host
    finds them; they are dropped once the import is finished (library.importing)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)  # the person's file name, shown back to them only
    format = models.CharField(max_length=20)
    data = models.BinaryField(default=b"")
    size = models.PositiveBigIntegerField(default=0)
    skip_invalid = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.STAGED)
    rows_total = models.PositiveIntegerField(default=0)  # rows read from the file so far
    rows_written = models.PositiveIntegerField(default=0)  # prompts created (once written)
    skipped = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)  # {"errors": [...], "skipped_rows": [...], "detail"}
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # last sign of life of the worker running it
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"], name="import_job_owner")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["staged", "queued", "running", "done", "failed"]),
                name="import_job_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
