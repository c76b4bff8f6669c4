"""Collection pages: list, create, edit, add and remove prompts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.pagination import InvalidCursor
from ripple.library import access, actions, selectors
from ripple.library.forms import (
    CollectionForm,
    apply_errors,
)
from ripple.people.http import AuthedRequest

# --- collections -------------------------------------------------------------------------------


@require_GET
@login_required
def collections(request: AuthedRequest) -> HttpResponse:
    mine = request.GET.get("mine") == "1"
    try:
        page = selectors.collections_page(viewer=request.user, cursor=request.GET.get("cursor"), mine=mine)
    except InvalidCursor:
        return redirect(reverse("library:collections"))
    return render(request, "library/collections.html", {"page": page, "mine": mine})


@require_http_methods(["GET", "POST"])
@login_required
def collection_new(request: AuthedRequest) -> HttpResponse:
    form = CollectionForm(request.POST or None)
    add = request.POST.get("add_prompt", "")
    first = access.access_prompt(request.user, add) if add.isdigit() else None
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.collection_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if first is not None:
                actions.collection_add(actor=request.user, collection=created, prompt=first)
            messages.success(request, "Collection created. Add prompts from any prompt's page.")
            return redirect(created)
    return render(
        request,
        "library/collection_form.html",
        {"form": form, "collection": None, "add_prompt": request.GET.get("add", "")},
    )


@require_GET
@login_required
def collection(request: AuthedRequest, collection_id: int) -> HttpResponse:
    found = access.access_collection(request.user, collection_id)
    items = selectors.collection_prompts(viewer=request.user, collection=found)
    return render(
        request,
        "library/collection.html",
        {"collection": found, "items": items, "can_edit": access.can_edit_collection(request.user, found)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def collection_edit(request: AuthedRequest, collection_id: int) -> HttpResponse:
    found = access.access_collection(request.user, collection_id)
    access.require_can_edit_collection(request.user, found)
    initial = {"title": found.title, "description": found.description, "visibility": found.visibility}
    form = CollectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.collection_update(actor=request.user, collection=found, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Collection saved.")
            return redirect(found)
    return render(request, "library/collection_form.html", {"form": form, "collection": found})


@require_POST
@login_required
def collection_add(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    target = access.access_collection(request.user, request.POST.get("collection", ""))
    actions.collection_add(actor=request.user, collection=target, prompt=item)
    messages.success(request, f"Added to “{target.title}”.")
    return redirect(item)


@require_POST
@login_required
def collection_remove(request: AuthedRequest, collection_id: int, prompt_id: int) -> HttpResponse:
    found = access.access_collection(request.user, collection_id)
    removed = access.access_collection_prompt(request.user, found, prompt_id)
    actions.collection_remove(actor=request.user, collection=found, prompt=removed)
    messages.info(request, "Removed from the collection.")
    return redirect(found)
