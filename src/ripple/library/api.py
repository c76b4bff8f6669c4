"""The library endpoints under /api/v1: the same actions and selectors as the pages."""

from __future__ import annotations

from typing import Annotated, Literal

from django.db import transaction
from django.http import Http404
from ninja import Body, Query, Router

from ripple.core.api import Id, Page, clamp, errors
from ripple.library import access, actions, selectors
from ripple.library.models import Collection, Prompt, PromptVersion, Rating, Reuse, Suggestion
from ripple.library.schemas import (
    CollectionIn,
    CollectionOut,
    CollectionQuery,
    ForkIn,
    PromptIn,
    PromptOut,
    PromptPatch,
    PromptQuery,
    RatingIn,
    RatingOut,
    ResponseIn,
    ReuseIn,
    ReuseOut,
    SearchHit,
    SuggestionIn,
    SuggestionOut,
    VersionOut,
)
from ripple.people.http import AuthedRequest

router = Router(tags=["library"])


def _full(request: AuthedRequest, prompt_id: int) -> Prompt:
    return access.access_prompt(request.user, prompt_id)


@router.get(
    "/prompts",
    response={200: Page[SearchHit], **errors()},
    summary="List or search the prompts you can see",
    description=(
        "Without `search`: keyset pages sorted by `sort` (ours, reused, recent, saved, rated, new). With "
        "`search`: the best matches first (words matched, then relevance), each with a highlighted "
        "`snippet`; `next` is then a page number. Lists leave `snippet` empty."
    ),
)
def prompt_list(request: AuthedRequest, params: Query[PromptQuery]) -> dict[str, object]:
    filters = selectors.Filters.from_params(
        {
            "tool": params.tool,
            "tag": params.tag,
            "department": str(params.department or ""),
            "mine": "1" if params.mine else "",
            "favourites": "1" if params.favourites else "",
            "has_check": "1" if params.has_check else "",
        }
    )
    size = clamp(params.limit)
    text = (params.q or params.search).strip()[:200]
    if text:
        page_no = int(params.cursor) if params.cursor and params.cursor.isdigit() else 1
        results = selectors.search_prompts(
            viewer=request.user, text=text, filters=filters, page=page_no, size=size
        )
        for prompt in results.items:
            prompt.snippet = results.snippets.get(prompt.pk, "")  # type: ignore[attr-defined]
        items = selectors.with_visible_fork_counts(viewer=request.user, prompts=list(results.items))
        return {"items": items, "next": str(results.next_page) if results.next_page else None}
    page = selectors.library_page(
        viewer=request.user, filters=filters, sort=params.sort, cursor=params.cursor, size=size
    )
    items = selectors.with_visible_fork_counts(viewer=request.user, prompts=list(page.items))
    return {"items": items, "next": page.next_cursor}


@router.post("/prompts", response={201: PromptOut, **errors(403)}, summary="Share a new prompt")
def prompt_create(request: AuthedRequest, payload: PromptIn) -> tuple[int, Prompt]:
    data = payload.dict()
    prompt = actions.prompt_create(
        actor=request.user,
        title=data["title"],
        body=data["body"],
        purpose=data["purpose"],
        tools=data["tools"],
        department=data["department_id"],
        tags=data["tags"],
        examples=data["examples"],
        check_output=data["check_output"],
        visibility=data["visibility"],
        note=data["note"],
    )
    return 201, _full(request, prompt.pk)


@router.get(
    "/prompts/{prompt_id}", response={200: PromptOut, **errors(404)}, summary="One prompt, with its variables"
)
def prompt_get(request: AuthedRequest, prompt_id: Id) -> Prompt:
    return _full(request, prompt_id)


@router.patch(
    "/prompts/{prompt_id}",
    response={200: PromptOut, **errors(403, 404)},
    summary="Change a prompt you own (a change of content makes a new version)",
    description=(
        "Send only the fields to change: a field left out is kept. `null` clears a field that may be "
        "empty (purpose, tools, tags, examples, check_output, department_id); title, body and "
        "visibility cannot be null."
    ),
)
def prompt_update(request: AuthedRequest, prompt_id: Id, payload: PromptPatch) -> Prompt:
    prompt = _full(request, prompt_id)
    data = payload.dict(exclude_unset=True)
    note = data.pop("note", "")
    visibility = data.pop("visibility", None)
    department = data.pop("department_id", actions.KEEP)
    actions.prompt_update(
        actor=request.user, prompt=prompt, note=note, visibility=visibility, department=department, **data
    )
    return _full(request, prompt_id)


@router.get(
    "/prompts/{prompt_id}/versions",
    response={200: list[VersionOut], **errors(404)},
    summary="Every version, newest first",
)
def prompt_versions(request: AuthedRequest, prompt_id: Id) -> list[PromptVersion]:
    return selectors.versions(_full(request, prompt_id))


@router.post(
    "/prompts/{prompt_id}/versions/{number}/restore",
    response={200: PromptOut, **errors(403, 404)},
    summary="Bring an old version back, as a new version",
)
def prompt_restore(request: AuthedRequest, prompt_id: Id, number: Id) -> Prompt:
    prompt = actions.prompt_restore(actor=request.user, prompt=_full(request, prompt_id), number=number)
    return _full(request, prompt.pk)


@router.post(
    "/prompts/{prompt_id}/fork",
    response={201: PromptOut, **errors(403, 404)},
    summary="Fork a prompt into your own copy (the body is optional)",
)
def prompt_fork(
    request: AuthedRequest, prompt_id: Id, payload: Annotated[ForkIn, Body(default_factory=ForkIn)]
) -> tuple[int, Prompt]:
    fork = actions.prompt_fork(actor=request.user, prompt=_full(request, prompt_id), title=payload.title)
    return 201, _full(request, fork.pk)


@router.post(
    "/prompts/{prompt_id}/reuses",
    response={201: ReuseOut, **errors(403, 404)},
    summary="Record that you used a prompt (minutes saved; the body is optional)",
)
def prompt_reuse(
    request: AuthedRequest, prompt_id: Id, payload: Annotated[ReuseIn, Body(default_factory=ReuseIn)]
) -> tuple[int, Reuse]:
    reuse = actions.reuse_record(
        actor=request.user,
        prompt=_full(request, prompt_id),
        minutes_saved=payload.minutes_saved,
        note=payload.note,
        variables=payload.variables,
    )
    return 201, reuse


@router.put(
    "/prompts/{prompt_id}/rating",
    response={200: RatingOut, **errors(403, 404)},
    summary="Rate a prompt 1–5 stars",
)
def prompt_rate(request: AuthedRequest, prompt_id: Id, payload: RatingIn) -> dict[str, object]:
    prompt = _full(request, prompt_id)
    rating: Rating = actions.rating_set(
        actor=request.user, prompt=prompt, stars=payload.stars, comment=payload.comment
    )
    return {
        "stars": rating.stars,
        "comment": rating.comment,
        "rating_avg": prompt.rating_avg,
        "rating_count": prompt.rating_count,
    }


@router.put(
    "/prompts/{prompt_id}/favourite",
    response={204: None, **errors(404)},
    summary="Add a prompt to your favourites (again is fine)",
)
def prompt_favourite(request: AuthedRequest, prompt_id: Id) -> tuple[int, None]:
    actions.favourite_set(actor=request.user, prompt=_full(request, prompt_id), on=True)
    return 204, None


@router.delete(
    "/prompts/{prompt_id}/favourite",
    response={204: None, **errors(404)},
    summary="Remove a prompt from your favourites (again is fine)",
)
def prompt_unfavourite(request: AuthedRequest, prompt_id: Id) -> tuple[int, None]:
    actions.favourite_set(actor=request.user, prompt=_full(request, prompt_id), on=False)
    return 204, None


@router.get(
    "/prompts/{prompt_id}/suggestions",
    response={200: list[SuggestionOut], **errors(404)},
    summary="Suggested edits (`status=open|accepted|declined`)",
)
def suggestion_list(
    request: AuthedRequest, prompt_id: Id, status: Literal["", "open", "accepted", "declined"] = ""
) -> list[Suggestion]:
    return selectors.suggestions(_full(request, prompt_id), status=status or None)


@router.post(
    "/prompts/{prompt_id}/suggestions",
    response={201: SuggestionOut, **errors(403, 404)},
    summary="Suggest an edit to someone's prompt",
)
def suggestion_create(request: AuthedRequest, prompt_id: Id, payload: SuggestionIn) -> tuple[int, Suggestion]:
    prompt = _full(request, prompt_id)
    suggestion = actions.suggestion_create(
        actor=request.user,
        prompt=prompt,
        title=payload.title if payload.title is not None else prompt.title,
        body=payload.body,
        purpose=payload.purpose if payload.purpose is not None else prompt.purpose,
        check_output=payload.check_output if payload.check_output is not None else prompt.check_output,
        note=payload.note,
    )
    return 201, suggestion


def _suggestion(request: AuthedRequest, suggestion_id: int) -> Suggestion:
    """A suggestion on a prompt the viewer may see (404 otherwise), with its prompt fully loaded."""
    prompt_id = selectors.suggestion_prompt_id(suggestion_id)
    if prompt_id is None:
        raise Http404("No such suggestion.")
    prompt = _full(request, prompt_id)
    suggestion = access.access_suggestion(request.user, prompt, suggestion_id)
    suggestion.prompt = prompt
    return suggestion


@router.post(
    "/suggestions/{suggestion_id}/accept",
    response={200: SuggestionOut, **errors(403, 404)},
    summary="Accept a suggested edit to your prompt (a new version credited to its author)",
)
def suggestion_accept(
    request: AuthedRequest,
    suggestion_id: Id,
    payload: Annotated[ResponseIn, Body(default_factory=ResponseIn)],
) -> Suggestion:
    suggestion = _suggestion(request, suggestion_id)
    actions.suggestion_accept(actor=request.user, suggestion=suggestion, response=payload.response)
    return suggestion


@router.post(
    "/suggestions/{suggestion_id}/decline",
    response={200: SuggestionOut, **errors(403, 404)},
    summary="Decline a suggested edit to your prompt, with a reason",
)
def suggestion_decline(
    request: AuthedRequest,
    suggestion_id: Id,
    payload: Annotated[ResponseIn, Body(default_factory=ResponseIn)],
) -> Suggestion:
    suggestion = _suggestion(request, suggestion_id)
    actions.suggestion_decline(actor=request.user, suggestion=suggestion, response=payload.response)
    return suggestion


@router.delete(
    "/prompts/{prompt_id}", response={204: None, **errors(403, 404)}, summary="Delete a prompt you own"
)
def prompt_delete(request: AuthedRequest, prompt_id: Id) -> tuple[int, None]:
    actions.prompt_delete(actor=request.user, prompt=_full(request, prompt_id))
    return 204, None


@router.get(
    "/collections", response={200: Page[CollectionOut], **errors()}, summary="Curated collections you can see"
)
def collection_list(request: AuthedRequest, params: Query[CollectionQuery]) -> dict[str, object]:
    page = selectors.collections_page(
        viewer=request.user, cursor=params.cursor, mine=params.mine, size=clamp(params.limit)
    )
    return {"items": page.items, "next": page.next_cursor}


@router.post(
    "/collections",
    response={201: CollectionOut, **errors(403, 404)},
    summary="Start a collection, optionally with prompts",
)
def collection_create(request: AuthedRequest, payload: CollectionIn) -> tuple[int, Collection]:
    with transaction.atomic():
        collection = actions.collection_create(
            actor=request.user,
            title=payload.title,
            description=payload.description,
            visibility=payload.visibility,
            department=payload.department_id,
        )
        for prompt_id in payload.prompt_ids[:200]:
            actions.collection_add(
                actor=request.user,
                collection=collection,
                prompt=access.access_prompt(request.user, prompt_id),
            )
    visible = selectors.collection_prompts(viewer=request.user, collection=collection)
    collection.visible_prompt_count = len(visible)  # type: ignore[attr-defined]
    return 201, collection
