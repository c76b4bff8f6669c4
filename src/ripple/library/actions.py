"""Every write in the library: prompts and versions, forks, suggestions, reuses, ratings, collections.

Each action checks permission, validates with field-level ValidationErrors, keeps the prompt's
denormalised counters current, records learning events and notifies the people concerned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from ripple.core import ledger
from ripple.library import access
from ripple.library.kinds import Learned, Notice
from ripple.library.models import (
    BODY_MAX,
    CHECK_MAX,
    MINUTES_MAX,
    PURPOSE_MAX,
    TITLE_MAX,
    Collection,
    CollectionItem,
    Favourite,
    Prompt,
    PromptVersion,
    Rating,
    Reuse,
    Suggestion,
    SuggestionStatus,
    Tool,
    Visibility,
)
from ripple.library.variables import parse_variables
from ripple.notifications.actions import notify
from ripple.people.models import Department

TAGS_MAX, TAG_LEN = 12, 40
EXAMPLES_MAX, EXAMPLE_FIELD_MAX = 20, 20_000
EXAMPLE_KEYS = ("input", "output", "changes")
CONTENT_FIELDS = ("title", "body", "purpose", "tools", "tags", "examples", "check_output")
KEEP = "keep"  # prompt_update(department=KEEP): leave the department as it is

_TOOL_ALIASES = {
    "chatgpt": Tool.CHATGPT,
    "chat gpt": Tool.CHATGPT,
    "gpt": Tool.CHATGPT,
    "openai": Tool.CHATGPT,
    "copilot": Tool.COPILOT,
    "microsoft copilot": Tool.COPILOT,
    "m365 copilot": Tool.COPILOT,
    "microsoft 365 copilot": Tool.COPILOT,
    "claude": Tool.CLAUDE,
    "gemini": Tool.GEMINI,
    "any": Tool.ANY,
    "any ai tool": Tool.ANY,
}


# --- validation --------------------------------------------------------------------------------


def normalise_tools(tools: Iterable[str] | str) -> list[str]:
    """Tool names in their canonical spelling ("copilot" → "Microsoft Copilot"); ValueError for unknown."""
    if isinstance(tools, str):
        tools = [t for t in tools.split(",")]
    out: list[str] = []
    for raw in tools:
        name = " ".join(str(raw).split()).casefold()
        if not name:
            continue
        tool = _TOOL_ALIASES.get(name)
        if tool is None:
            choices = ", ".join(Tool.values)
            raise ValueError(f"“{str(raw).strip()}” is not a tool Ripple knows; choose from {choices}.")
        if tool.value not in out:
            out.append(tool.value)
    return out


def normalise_tags(tags: Iterable[str] | str) -> list[str]:
    """Tags trimmed, without a leading #, de-duplicated ignoring case; ValueError if too many or too long."""
    if isinstance(tags, str):
        tags = tags.split(",")
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = " ".join(str(raw).split()).lstrip("#").strip()
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > TAG_LEN:
            raise ValueError(f"The tag “{tag[:20]}…” is longer than {TAG_LEN} characters.")
        seen.add(tag.casefold())
        out.append(tag)
    if len(out) > TAGS_MAX:
        raise ValueError(f"Use at most {TAGS_MAX} tags.")
    return out


def normalise_examples(examples: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Worked examples as [{"input", "output", "changes"}]; ValueError says which example is wrong."""
    out: list[dict[str, str]] = []
    for n, example in enumerate(examples or (), start=1):
        if not isinstance(example, Mapping):
            raise ValueError(f"Example {n} must have input, output and (optionally) changes.")
        unknown = set(example) - set(EXAMPLE_KEYS)
        if unknown:
            raise ValueError(f"Example {n} has unknown parts: {', '.join(sorted(map(str, unknown)))}.")
        clean = {key: str(example.get(key) or "").strip() for key in EXAMPLE_KEYS}
        if not clean["input"] and not clean["output"]:
            if not clean["changes"]:
                continue  # an empty row in a form
            raise ValueError(f"Example {n} needs an input or an output.")
        for key, value in clean.items():
            if len(value) > EXAMPLE_FIELD_MAX:
                raise ValueError(f"Example {n}: the {key} is longer than {EXAMPLE_FIELD_MAX:,} characters.")
        out.append(clean)
    if len(out) > EXAMPLES_MAX:
        raise ValueError(f"Use at most {EXAMPLES_MAX} examples.")
    return out


def _text(errors: dict[str, list[str]], field: str, value: Any, limit: int, *, required: bool = False) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if required and not text:
        errors.setdefault(field, []).append("This field is required.")
    if len(text) > limit:
        errors.setdefault(field, []).append(f"Keep it under {limit:,} characters (it has {len(text):,}).")
    return text


def clean_content(
    *,
    title: Any,
    body: Any,
    purpose: Any = "",
    tools: Any = (),
    tags: Any = (),
    examples: Any = (),
    check_output: Any = "",
) -> dict[str, Any]:
    """The prompt's content fields, normalised; raises one ValidationError with every field's problems."""
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {
        "title": " ".join(_text(errors, "title", title, TITLE_MAX, required=True).split()),
        "body": _text(errors, "body", body, BODY_MAX, required=True),
        "purpose": _text(errors, "purpose", purpose, PURPOSE_MAX),
        "check_output": _text(errors, "check_output", check_output, CHECK_MAX),
    }
    if "body" not in errors:
        try:
            parse_variables(data["body"])
        except ValidationError as exc:
            errors.setdefault("body", []).extend(exc.messages)
    for field, normalise, value in (
        ("tools", normalise_tools, tools),
        ("tags", normalise_tags, tags),
        ("examples", normalise_examples, examples),
    ):
        try:
            data[field] = normalise(value)
        except ValueError as exc:
            errors.setdefault(field, []).append(str(exc))
    if errors:
        raise ValidationError(errors)
    return data


def _clean_origin(origin_url: str, origin_label: str) -> tuple[str, str]:
    url, label = (origin_url or "").strip(), " ".join((origin_label or "").split())
    errors: dict[str, str] = {}
    if url and not (
        url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith("//"))
    ):
        errors["origin_url"] = "Give a web address (https://…) or a Ripple path (/feed/…)."
    if len(url) > 500:
        errors["origin_url"] = "Keep the address under 500 characters."
    if len(label) > 200:
        errors["origin_label"] = "Keep the label under 200 characters."
    if errors:
        raise ValidationError(errors)
    return url, label


def _resolve_department(department: Department | int | None) -> Department | None:
    if department is None or isinstance(department, Department):
        return department
    found = Department.objects.filter(pk=department).first()
    if found is None:
        raise ValidationError({"department": "That department does not exist."})
    return found


def _clean_visibility(visibility: str, department: Department | None, actor: Any) -> Department | None:
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Choose everyone, department or private."})
    if visibility == Visibility.DEPARTMENT and department is None:
        department = actor.department
        if department is None:
            raise ValidationError({"visibility": "Choose a department first: only its members will see it."})
    return department


def _set_content(prompt: Prompt, data: Mapping[str, Any]) -> None:
    for key in CONTENT_FIELDS:
        setattr(prompt, key, data[key])
    prompt.tags_text = " ".join(prompt.tag_list)


def _snapshot(prompt: Prompt, *, author: Any, note: str, at: datetime) -> PromptVersion:
    return PromptVersion.objects.create(
        prompt=prompt,
        number=prompt.version,
        author=author,
        note=note[:300],
        created_at=at,
        **{key: getattr(prompt, key) for key in CONTENT_FIELDS},
    )


# --- prompts -----------------------------------------------------------------------------------


@transaction.atomic
def prompt_create(
    *,
    actor: Any,
    title: str,
    body: str,
    purpose: str = "",
    tools: Iterable[str] = (),
    department: Department | int | None = None,
    tags: Iterable[str] = (),
    examples: Iterable[Mapping[str, Any]] = (),
    check_output: str = "",
    visibility: str = Visibility.EVERYONE,
    origin_url: str = "",
    origin_label: str = "",
    note: str = "",
    at: datetime | None = None,
) -> Prompt:
    """Share a new prompt owned by `actor` (version 1). `at` backdates it (imports, the demo)."""
    at = at or timezone.now()
    data = clean_content(
        title=title, body=body, purpose=purpose, tools=tools, tags=tags, examples=examples,
        check_output=check_output,
    )  # fmt: skip
    url, label = _clean_origin(origin_url, origin_label)
    dept = _clean_visibility(visibility, _resolve_department(department), actor)
    prompt = Prompt(
        owner=actor,
        department=dept,
        visibility=visibility,
        origin_url=url,
        origin_label=label,
        version=1,
        created_at=at,
        updated_at=at,
    )
    _set_content(prompt, data)
    prompt.save()
    _snapshot(prompt, author=actor, note=note or "First version", at=at)
    return prompt


@transaction.atomic
def prompt_update(
    *,
    actor: Any,
    prompt: Prompt,
    note: str = "",
    visibility: str | None = None,
    department: Department | int | None | str = KEEP,
    at: datetime | None = None,
    **content: Any,
) -> Prompt:
    """Change a prompt; a change of content makes a new version (sharing settings do not).

    `visibility=None` and `department=KEEP` leave those as they are; `department=None` clears it.
    """
    access.require_can_edit(actor, prompt)
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown prompt fields: {', '.join(sorted(unknown))}")
    at = at or timezone.now()
    current = {key: getattr(prompt, key) for key in CONTENT_FIELDS}
    data = clean_content(**{**current, **content})
    fields = ["updated_at"]
    if visibility is not None or department != KEEP:
        dept = prompt.department if isinstance(department, str) else _resolve_department(department)
        vis = visibility if visibility is not None else prompt.visibility
        prompt.department = _clean_visibility(vis, dept, prompt.owner)
        prompt.visibility = vis
        fields += ["visibility", "department"]
    changed = data != current
    if changed:
        _set_content(prompt, data)
        prompt.version = F("version") + 1
        fields += [*CONTENT_FIELDS, "tags_text", "version"]
    if not changed and len(fields) == 1:
        return prompt
    prompt.updated_at = at
    prompt.save(update_fields=fields)
    prompt.refresh_from_db(fields=["version"])
    if changed:
        _snapshot(prompt, author=actor, note=note, at=at)
    return prompt


@transaction.atomic
def prompt_restore(*, actor: Any, prompt: Prompt, number: int, at: datetime | None = None) -> Prompt:
    """Bring back the content of version `number` as a new version (history is never rewritten)."""
    access.require_can_edit(actor, prompt)
    old = PromptVersion.objects.filter(prompt=prompt, number=number).first()
    if old is None:
        raise ValidationError({"number": f"There is no version {number}."})
    if number == prompt.version:
        raise ValidationError({"number": f"Version {number} is the current version."})
    content = {field: getattr(old, field) for field in CONTENT_FIELDS}
    return prompt_update(actor=actor, prompt=prompt, note=f"Restored version {number}", at=at, **content)


@transaction.atomic
def prompt_delete(*, actor: Any, prompt: Prompt) -> Prompt:
    """Delete a prompt (its owner, or an admin). The row stays so forks keep their lineage and reuses
    their history, but no page, search, export or API shows it any more."""
    access.require_can_edit(actor, prompt)
    prompt.deleted_at = timezone.now()
    prompt.save(update_fields=["deleted_at"])
    return prompt


@transaction.atomic
def prompt_fork(
    *, actor: Any, prompt: Prompt, title: str | None = None, at: datetime | None = None
) -> Prompt:
    """Copy `prompt` into a new prompt owned by `actor`, remembering where it came from.

    The fork is shared as narrowly as the original, within the forker's own department when the
    original is department-only; the forker can widen it afterwards.
    """
    access.require_can_view(actor, prompt)
    at = at or timezone.now()
    if prompt.visibility == Visibility.PRIVATE:
        visibility, department = Visibility.PRIVATE, actor.department
    elif prompt.visibility == Visibility.DEPARTMENT:
        visibility, department = Visibility.DEPARTMENT, prompt.department
    else:
        visibility, department = Visibility.EVERYONE, actor.department or prompt.department
    fork = Prompt(
        owner=actor,
        department=department,
        visibility=visibility,
        forked_from=prompt,
        lineage_root_id=prompt.family_root_id,
        created_at=at,
        updated_at=at,
        version=1,
    )
    data = {key: getattr(prompt, key) for key in CONTENT_FIELDS}
    if title and title.strip():
        data["title"] = " ".join(title.split())[:TITLE_MAX]
    _set_content(fork, data)
    fork.save()
    # Neutral on purpose: the fork may be shared wider than its parent (the lineage page names the parent
    # to those who may see it).
    _snapshot(fork, author=actor, note=f"Forked from version {prompt.version} of another prompt", at=at)
    Prompt.objects.filter(pk=prompt.pk).update(fork_count=F("fork_count") + 1)
    ledger.record(kind=Learned.FORK, learner=actor, source=prompt.owner, obj=fork, at=at)
    notify(
        recipient=prompt.owner,
        actor=actor,
        kind=Notice.FORK,
        text=f"{actor.name} forked your prompt “{prompt.title}”.",
        url=fork.get_absolute_url(),
    )
    return fork


# --- reuse and ratings -------------------------------------------------------------------------


@transaction.atomic
def reuse_record(
    *, actor: Any, prompt: Prompt, minutes_saved: int = 0, note: str = "", at: datetime | None = None
) -> Reuse:
    """Record that `actor` used `prompt` ("saved 25 minutes"), update its counters, credit its owner."""
    access.require_can_view(actor, prompt)
    at = at or timezone.now()
    try:
        minutes = int(minutes_saved or 0)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"minutes_saved": "Give the minutes saved as a whole number."}) from exc
    if not 0 <= minutes <= MINUTES_MAX:
        raise ValidationError({"minutes_saved": f"Give between 0 and {MINUTES_MAX} minutes."})
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise ValidationError({"note": "Keep the note under 500 characters."})
    earlier = Reuse.objects.filter(prompt=prompt)
    new_person = not earlier.filter(person=actor).exists()
    new_department = bool(
        new_person
        and actor.department_id
        and not earlier.filter(person__department=actor.department_id).exists()
    )
    reuse = Reuse.objects.create(
        prompt=prompt, person=actor, version=prompt.version, minutes_saved=minutes, note=note, created_at=at
    )
    Prompt.objects.filter(pk=prompt.pk).update(
        reuse_count=F("reuse_count") + 1,
        reuser_count=F("reuser_count") + int(new_person),
        department_count=F("department_count") + int(new_department),
        minutes_saved_total=F("minutes_saved_total") + minutes,
        last_reused_at=at,
    )
    ledger.record(
        kind=Learned.REUSE, learner=actor, source=prompt.owner, obj=prompt, minutes_saved=minutes, at=at
    )
    saved = f" and saved {minutes} minutes" if minutes else ""
    notify(
        recipient=prompt.owner,
        actor=actor,
        kind=Notice.REUSE,
        text=f"{actor.name} used your prompt “{prompt.title}”{saved}.",
        url=prompt.get_absolute_url(),
    )
    return reuse


@transaction.atomic
def rating_set(
    *, actor: Any, prompt: Prompt, stars: int, comment: str = "", at: datetime | None = None
) -> Rating:
    """Rate a prompt 1–5 stars (again, to change the rating); owners do not rate their own."""
    access.require_can_view(actor, prompt)
    if prompt.owner_id == actor.pk:
        raise ValidationError({"stars": "You cannot rate your own prompt."})
    try:
        stars = int(stars)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"stars": "Choose 1 to 5 stars."}) from exc
    if not 1 <= stars <= 5:
        raise ValidationError({"stars": "Choose 1 to 5 stars."})
    comment = " ".join((comment or "").split())[:500]
    at = at or timezone.now()
    locked = Prompt.objects.select_for_update().get(pk=prompt.pk)
    rating = Rating.objects.filter(prompt=prompt, person=actor).first()
    if rating is None:
        rating = Rating.objects.create(
            prompt=prompt, person=actor, stars=stars, comment=comment, created_at=at, updated_at=at
        )
        locked.rating_count += 1
        locked.rating_sum += stars
    else:
        locked.rating_sum += stars - rating.stars
        rating.stars, rating.comment, rating.updated_at = stars, comment, at
        rating.save(update_fields=["stars", "comment", "updated_at"])
    locked.rating_avg = round(locked.rating_sum / locked.rating_count, 2) if locked.rating_count else None
    locked.save(update_fields=["rating_count", "rating_sum", "rating_avg"])
    prompt.rating_count, prompt.rating_sum, prompt.rating_avg = (
        locked.rating_count,
        locked.rating_sum,
        locked.rating_avg,
    )
    return rating


@transaction.atomic
def favourite_set(*, actor: Any, prompt: Prompt, on: bool) -> bool:
    """Star (`on=True`) or unstar a prompt the actor can see, to find it again under "Favourites".

    Idempotent: starring twice keeps one favourite, unstarring one that is not starred does nothing.
    Favourites are private to the person; nobody is notified. Returns whether it is now a favourite.
    """
    access.require_can_view(actor, prompt)
    if on:
        # get_or_create alone can race two requests into the unique constraint; ignore_conflicts cannot.
        Favourite.objects.bulk_create([Favourite(prompt=prompt, person=actor)], ignore_conflicts=True)
    else:
        Favourite.objects.filter(prompt=prompt, person=actor).delete()
    return bool(on)


# --- suggestions -------------------------------------------------------------------------------


@transaction.atomic
def suggestion_create(
    *,
    actor: Any,
    prompt: Prompt,
    title: str,
    body: str,
    purpose: str = "",
    check_output: str = "",
    note: str = "",
    at: datetime | None = None,
) -> Suggestion:
    """Propose an edit to someone else's prompt; its owner is asked to accept or decline it."""
    access.require_can_view(actor, prompt)
    if prompt.owner_id == actor.pk:
        raise ValidationError("This is your prompt: edit it directly.")
    data = clean_content(
        title=title, body=body, purpose=purpose, check_output=check_output, tools=prompt.tools,
        tags=prompt.tags, examples=prompt.examples,
    )  # fmt: skip
    if all(data[k] == getattr(prompt, k) for k in ("title", "body", "purpose", "check_output")):
        raise ValidationError(
            {"body": "The suggestion is the same as the current version; change something."}
        )
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise ValidationError({"note": "Keep the note under 500 characters."})
    suggestion = Suggestion.objects.create(
        prompt=prompt,
        author=actor,
        base_version=prompt.version,
        title=data["title"],
        body=data["body"],
        purpose=data["purpose"],
        check_output=data["check_output"],
        note=note,
        created_at=at or timezone.now(),
    )
    Prompt.objects.filter(pk=prompt.pk).update(open_suggestion_count=F("open_suggestion_count") + 1)
    notify(
        recipient=prompt.owner,
        actor=actor,
        kind=Notice.SUGGESTION,
        text=f"{actor.name} suggested an edit to your prompt “{prompt.title}”.",
        url=reverse("library:suggestion", args=[prompt.pk, suggestion.pk]),
    )
    return suggestion


def _resolve(suggestion: Suggestion, *, actor: Any, status: str, response: str, at: datetime) -> None:
    if suggestion.status != SuggestionStatus.OPEN:
        raise ValidationError("This suggestion has already been resolved.")
    response = " ".join((response or "").split())
    if len(response) > 500:
        raise ValidationError({"response": "Keep the reply under 500 characters."})
    suggestion.status, suggestion.resolved_by, suggestion.resolved_at = status, actor, at
    suggestion.response = response
    Prompt.objects.filter(pk=suggestion.prompt_id, open_suggestion_count__gt=0).update(
        open_suggestion_count=F("open_suggestion_count") - 1
    )


@transaction.atomic
def suggestion_accept(
    *, actor: Any, suggestion: Suggestion, response: str = "", at: datetime | None = None
) -> Prompt:
    """Apply a suggested edit as the prompt's next version, crediting its author."""
    prompt = suggestion.prompt
    access.require_can_edit(actor, prompt)
    at = at or timezone.now()
    _resolve(suggestion, actor=actor, status=SuggestionStatus.ACCEPTED, response=response, at=at)
    author = suggestion.author
    before = prompt.version
    prompt_update(
        actor=actor,
        prompt=prompt,
        note=f"Suggested by {author.name}" + (f": {suggestion.note}" if suggestion.note else ""),
        at=at,
        title=suggestion.title,
        body=suggestion.body,
        purpose=suggestion.purpose,
        check_output=suggestion.check_output,
    )
    if prompt.version != before:
        # Credit the author on the version their edit became (prompt_update records the accepting owner).
        PromptVersion.objects.filter(prompt=prompt, number=prompt.version).update(author=author)
        suggestion.resulting_version = prompt.version
    suggestion.save(update_fields=["status", "resolved_by", "resolved_at", "response", "resulting_version"])
    # The owner learned from the suggester.
    ledger.record(kind=Learned.SUGGESTION, learner=prompt.owner, source=author, obj=prompt, at=at)
    notify(
        recipient=author,
        actor=actor,
        kind=Notice.SUGGESTION_RESOLVED,
        text=f"{actor.name} accepted your suggested edit to “{prompt.title}” (now version {prompt.version}).",
        url=prompt.get_absolute_url(),
    )
    return prompt


@transaction.atomic
def suggestion_decline(
    *, actor: Any, suggestion: Suggestion, response: str = "", at: datetime | None = None
) -> Suggestion:
    """Decline a suggested edit, saying why: the reason is in the suggester's notification."""
    access.require_can_edit(actor, suggestion.prompt)
    if not " ".join((response or "").split()):
        raise ValidationError({"response": "Say why you decline, so the suggester can learn from it."})
    _resolve(
        suggestion, actor=actor, status=SuggestionStatus.DECLINED, response=response, at=at or timezone.now()
    )
    suggestion.save(update_fields=["status", "resolved_by", "resolved_at", "response"])
    notify(
        recipient=suggestion.author,
        actor=actor,
        kind=Notice.SUGGESTION_RESOLVED,
        text=(
            f"{actor.name} declined your suggested edit to “{suggestion.prompt.title}”: {suggestion.response}"
        ),
        url=reverse("library:suggestion", args=[suggestion.prompt_id, suggestion.pk]),
    )
    return suggestion


# --- collections -------------------------------------------------------------------------------


def _clean_collection(title: str, description: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    title = " ".join(_text(errors, "title", title, 120, required=True).split())
    description = _text(errors, "description", description, 2000)
    if errors:
        raise ValidationError(errors)
    return title, description


@transaction.atomic
def collection_create(
    *,
    actor: Any,
    title: str,
    description: str = "",
    visibility: str = Visibility.EVERYONE,
    department: Department | int | None = None,
    at: datetime | None = None,
) -> Collection:
    """Start a curated collection owned by `actor`."""
    title, description = _clean_collection(title, description)
    dept = _clean_visibility(visibility, _resolve_department(department), actor)
    at = at or timezone.now()
    return Collection.objects.create(
        owner=actor, title=title, description=description, visibility=visibility, department=dept,
        created_at=at, updated_at=at,
    )  # fmt: skip


@transaction.atomic
def collection_update(
    *, actor: Any, collection: Collection, title: str, description: str = "", visibility: str | None = None
) -> Collection:
    """Rename, describe or reshare a collection."""
    access.require_can_edit_collection(actor, collection)
    collection.title, collection.description = _clean_collection(title, description)
    if visibility is not None:
        collection.department = _clean_visibility(visibility, collection.department, collection.owner)
        collection.visibility = visibility
    collection.updated_at = timezone.now()
    collection.save()
    return collection


@transaction.atomic
def collection_add(
    *, actor: Any, collection: Collection, prompt: Prompt, note: str = "", at: datetime | None = None
) -> CollectionItem:
    """Add a prompt (that the curator can see) at the end of a collection; adding it twice is a no-op."""
    access.require_can_edit_collection(actor, collection)
    access.require_can_view(actor, prompt)
    existing = CollectionItem.objects.filter(collection=collection, prompt=prompt).first()
    if existing:
        return existing
    at = at or timezone.now()
    last = CollectionItem.objects.filter(collection=collection).aggregate(m=Max("position"))["m"]
    item = CollectionItem.objects.create(
        collection=collection,
        prompt=prompt,
        position=(last or 0) + 1,
        note=" ".join((note or "").split())[:300],
        added_by=actor,
        added_at=at,
    )
    Collection.objects.filter(pk=collection.pk).update(prompt_count=F("prompt_count") + 1, updated_at=at)
    return item


@transaction.atomic
def collection_remove(*, actor: Any, collection: Collection, prompt: Prompt) -> None:
    """Take a prompt out of a collection."""
    access.require_can_edit_collection(actor, collection)
    deleted, _ = CollectionItem.objects.filter(collection=collection, prompt=prompt).delete()
    if deleted:
        Collection.objects.filter(pk=collection.pk).update(
            prompt_count=F("prompt_count") - 1, updated_at=timezone.now()
        )
