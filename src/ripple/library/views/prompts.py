"""Prompt pages: browse and search, a prompt, create, edit, fork, reuse, rate, favourite, history, lineage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.forms import error_text
from ripple.core.htmx import render_page
from ripple.core.pagination import InvalidCursor
from ripple.library import access, actions, selectors
from ripple.library.forms import (
    PromptForm,
    RatingForm,
    ReuseForm,
    apply_errors,
)
from ripple.library.models import Tool
from ripple.library.variables import builtin_values, fill, stored_variables
from ripple.people import access as people_access
from ripple.people.http import AuthedRequest


def _page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 1000 else 1


def _number(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 9 else default


@require_GET
@login_required
def pick(request: AuthedRequest) -> JsonResponse:
    """The prompt picker's suggestions (linking prompts to a post): `{"items": [{value, label, hint}]}`."""
    found = selectors.prompts_titled(viewer=request.user, text=request.GET.get("q", ""))
    items = [
        {"value": p.pk, "label": p.title, "hint": f"by {p.owner.name} · reused {p.reuse_count}×"}
        for p in found
    ]
    return JsonResponse({"items": items})


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    """Browse the library (sorted, filtered, keyset pages) or search it (ranked, bounded pages)."""
    q = request.GET.get("q", "").strip()[:200]
    filters = selectors.Filters.from_params(request.GET)
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    sort = sort if sort in selectors.SORTS else selectors.DEFAULT_SORT
    context: dict[str, object] = {
        "q": q,
        "filters": filters,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _) in selectors.SORTS.items()],
        "tools": Tool.values,
        "departments": selectors.departments(),
    }
    if q:
        context["results"] = selectors.search_prompts(
            viewer=request.user,
            text=q,
            filters=filters,
            page=_page_number(request.GET.get("page")),
            cards=True,
        )
    else:
        try:
            context["page"] = selectors.library_page(
                viewer=request.user, filters=filters, sort=sort, cursor=request.GET.get("cursor")
            )
        except InvalidCursor:
            return redirect(reverse("library:index"))
    return render_page(request, "library/index.html", context, partials={"results": "results"})


@require_http_methods(["GET", "POST"])
@login_required
def prompt_new(request: AuthedRequest) -> HttpResponse:
    initial = {"department": request.user.department_id, "visibility": "everyone"}
    form = PromptForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            prompt = actions.prompt_create(
                actor=request.user,
                department=form.cleaned_data["department"],
                visibility=form.cleaned_data["visibility"],
                **form.action_kwargs(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Your prompt is in the library. Thank you for sharing it!")
            return redirect(prompt)
    return render(request, "library/prompt_form.html", {"form": form, "prompt": None})


@require_GET
@login_required
def prompt(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    detail = selectors.prompt_detail(viewer=request.user, prompt=item)
    # {{current_date}}, {{current_user}}, …: filled in for this person now (they can still change them).
    builtins = builtin_values(name=request.user.name, now=timezone.localtime(), language=get_language())
    return render(
        request,
        "library/prompt.html",
        {
            "prompt": item,
            "detail": detail,
            "variables": stored_variables(item.body),
            "filled": fill(item.body, builtins),
            "builtins": builtins,
            "can_edit": access.can_edit(request.user, item),
            "is_owner": access.is_owner(request.user, item),
            "parent_visible": item.forked_from is not None
            and access.can_view(request.user, item.forked_from),
            "fork_count": selectors.visible_fork_count(viewer=request.user, prompt=item),
            "rendered": selectors.prompt_html(item),
            "reuse_form": ReuseForm(),
        },
    )


@require_GET
@login_required
def person(request: AuthedRequest, person_id: int) -> HttpResponse:
    """HTMX, on profiles: the prompts this person shared that the viewer may see."""
    who = people_access.access_person(request.user, person_id)
    summary = selectors.person_library(viewer=request.user, owner=who)
    return render(request, "library/person.html", {"person": who, "summary": summary})


@require_http_methods(["GET", "POST"])
@login_required
def prompt_delete(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    """Ask first (GET), then delete (POST): only the owner or an admin."""
    item = access.access_prompt(request.user, prompt_id)
    access.require_can_edit(request.user, item)
    if request.method == "POST":
        actions.prompt_delete(actor=request.user, prompt=item)
        messages.success(request, f"“{item.title}” is deleted. Forks of it stay with their owners.")
        return redirect("library:index")
    return render(request, "library/prompt_delete.html", {"prompt": item})


@require_http_methods(["GET", "POST"])
@login_required
def prompt_edit(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    access.require_can_edit(request.user, item)
    form = PromptForm(request.POST or None, prompt=item)
    if request.method == "POST" and form.is_valid():
        try:
            before = item.version
            actions.prompt_update(
                actor=request.user,
                prompt=item,
                note=form.cleaned_data.get("note", ""),
                visibility=form.cleaned_data["visibility"],
                department=form.cleaned_data["department"],
                **form.action_kwargs(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if item.version != before:
                messages.success(request, f"Saved as version {item.version}.")
            else:
                messages.info(request, "Saved. The prompt itself did not change, so no new version.")
            return redirect(item)
    return render(request, "library/prompt_form.html", {"form": form, "prompt": item})


@require_http_methods(["GET", "POST"])
@login_required
def prompt_fork(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    """The editor on your copy (GET, nothing saved yet); the fork exists once you save it (POST)."""
    item = access.access_prompt(request.user, prompt_id)
    visibility, department = actions.fork_sharing(actor=request.user, prompt=item)
    form = PromptForm(request.POST or None, prompt=item, sharing=(visibility, department))
    if request.method == "POST" and form.is_valid():
        try:
            fork = actions.prompt_fork(
                actor=request.user, prompt=item, content=form.action_kwargs(),
                visibility=form.cleaned_data["visibility"], department=form.cleaned_data["department"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Forked. This copy is yours; the original's author hears of it.")
            return redirect(fork)
    return render(request, "library/prompt_form.html", {"form": form, "prompt": None, "forking": item})


@require_POST
@login_required
def prompt_reuse(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    form = ReuseForm(request.POST)
    if form.is_valid():
        try:
            reuse = actions.reuse_record(
                actor=request.user,
                prompt=item,
                minutes_saved=form.cleaned_data["minutes_saved"] or 0,
                note=form.cleaned_data["note"],
                variables={k[4:]: request.POST.get(k, "") for k in request.POST if k.startswith("var:")},
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            saved = f" and saved {reuse.minutes_saved} minutes" if reuse.minutes_saved else ""
            messages.success(request, f"Thanks! You used this prompt{saved}; its author will hear about it.")
    else:
        messages.error(request, "Give the minutes saved as a number between 0 and 480.")
    return redirect(item)


@require_POST
@login_required
def prompt_rate(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    """Rate a prompt 1–5 stars. From the star widget (HTMX) the answer is its status line; else back to it."""
    item = access.access_prompt(request.user, prompt_id)
    form = RatingForm(request.POST)
    ok = False
    if form.is_valid():
        try:
            actions.rating_set(
                actor=request.user,
                prompt=item,
                stars=form.cleaned_data["stars"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            note = error_text(exc)
        else:
            ok, stars = True, form.cleaned_data["stars"]
            note = f"Saved: {stars} star{'s' if stars > 1 else ''}. Thanks for rating it."
    else:
        note = "Choose 1 to 5 stars."
    if request.headers.get("HX-Request") == "true":
        # 200 either way, so HTMX shows the message in the status line (nothing changed when not ok).
        return render(request, "core/star_rating.html#status", {"note": note})
    (messages.success if ok else messages.error)(request, note)
    return redirect(item)


@require_POST
@login_required
def prompt_favourite(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    """Star or unstar a prompt (`on=1` / `on=0`), then back to it."""
    item = access.access_prompt(request.user, prompt_id)
    on = request.POST.get("on") in ("1", "on", "true")
    actions.favourite_set(actor=request.user, prompt=item, on=on)
    messages.success(request, "Added to your favourites." if on else "Removed from your favourites.")
    return redirect(item)


@require_GET
@login_required
def prompt_history(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    """Every version, and what changed between two of them (the latest two by default)."""
    item = access.access_prompt(request.user, prompt_id)
    versions = selectors.versions(item)
    by_number = {v.number: v for v in versions}
    new_no = _number(request.GET.get("to"), item.version)
    old_no = _number(request.GET.get("from"), new_no - 1)
    new, old = by_number.get(new_no), by_number.get(old_no)
    if new is None or (old is None and old_no != 0):
        raise Http404("No such version.")
    return render(
        request,
        "library/history.html",
        {
            "prompt": item,
            "versions": versions,
            "old": old,
            "new": new,
            "changes": selectors.version_diff(old, new) if old else [],
            "can_edit": access.can_edit(request.user, item),
        },
    )


@require_POST
@login_required
def prompt_restore(request: AuthedRequest, prompt_id: int, number: int) -> HttpResponse:
    """The owner brings an old version back, as a new version."""
    item = access.access_prompt(request.user, prompt_id)
    try:
        actions.prompt_restore(actor=request.user, prompt=item, number=number)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("library:prompt_history", prompt_id=item.pk)
    messages.success(request, f"Version {number} is back, as version {item.version}.")
    return redirect("library:prompt", prompt_id=item.pk)


@require_GET
@login_required
def prompt_lineage(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    item = access.access_prompt(request.user, prompt_id)
    return render(
        request,
        "library/lineage.html",
        {"prompt": item, "family": selectors.family(viewer=request.user, prompt=item)},
    )
