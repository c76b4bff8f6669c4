"""Suggested edits: propose one, review it (accept or decline with a reason)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ripple.library import access, actions, selectors
from ripple.library.forms import (
    ResolveForm,
    SuggestionForm,
    apply_errors,
)
from ripple.library.models import SuggestionStatus
from ripple.people.http import AuthedRequest

# --- suggestions -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def suggestion_new(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    if not access.can_suggest(request.user, item):
        return redirect(reverse("library:prompt_edit", args=[item.pk]))
    initial = {k: getattr(item, k) for k in ("title", "purpose", "body", "check_output")}
    form = SuggestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.suggestion_create(actor=request.user, prompt=item, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Suggestion sent to {item.owner.name}. You'll hear when they decide.")
            return redirect(item)
    return render(request, "library/suggestion_form.html", {"form": form, "prompt": item})


@require_http_methods(["GET", "POST"])
@login_required
def suggestion(request: AuthedRequest, prompt_id: int, suggestion_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    found = access.access_suggestion(request.user, item, suggestion_id)
    found.prompt = item
    can_resolve = access.can_edit(request.user, item) and found.status == SuggestionStatus.OPEN
    form = ResolveForm(request.POST or None)
    if request.method == "POST":
        if not can_resolve:
            raise access.PermissionDenied("Only the prompt's owner can accept or decline this.")
        if form.is_valid():
            decision = request.POST.get("decision")
            try:
                if decision == "accept":
                    actions.suggestion_accept(
                        actor=request.user, suggestion=found, response=form.cleaned_data["response"]
                    )
                    messages.success(
                        request, f"Accepted: now version {item.version}, credited to {found.author.name}."
                    )
                    return redirect(item)
                if decision == "decline":
                    actions.suggestion_decline(
                        actor=request.user, suggestion=found, response=form.cleaned_data["response"]
                    )
                    messages.info(request, "Declined. The author has been told.")
                    return redirect(item)
                form.add_error(None, "Choose accept or decline.")
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "library/suggestion.html",
        {
            "prompt": item,
            "suggestion": found,
            "changes": selectors.version_diff(item, found),
            "can_resolve": can_resolve,
            "form": form,
            "outdated": found.base_version != item.version,
        },
    )
