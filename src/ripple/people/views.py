"""People pages: sign-in, invitations, directory, profiles, settings and tokens, admin screens."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.forms import apply_errors, error_text
from ripple.core.htmx import render_page
from ripple.core.pagination import InvalidCursor
from ripple.core.ratelimit import client_ip
from ripple.people import access, actions, limits, selectors
from ripple.people.forms import (
    AcceptInvitationForm,
    DepartmentForm,
    InvitationForm,
    ProfileForm,
    RoleForm,
    SignInForm,
    TeamForm,
)
from ripple.people.http import AuthedRequest


def _minutes(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _too_many(response: HttpResponse, wait: float) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = str(math.ceil(wait))
    return response


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignInForm(request, data=request.POST or None)
    status, wait = 200, None
    if request.method == "POST":
        email, ip = request.POST.get("username", ""), client_ip(request)
        wait = limits.sign_in_wait(email=email, ip=ip)
        locked = None if wait else limits.account_locked_wait(email=email)
        if wait or locked:
            form.errors.clear()
            form.add_error(
                None,
                f"Too many failed sign-ins from here. For your safety, wait {_minutes(wait)} and try again."
                if wait
                else "This account is closed to password sign-in for a while after failed attempts from "
                "several places. Use “Forgot your password?” below: the link we email signs you in.",
            )
            wait = wait or locked
        elif form.is_valid():
            login(request, form.get_user())
            limits.failures_clear(email=email, ip=ip)
            next_url = request.POST.get("next") or request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = str(reverse_lazy("core:home"))
            return redirect(next_url)
        else:
            limits.failure_record(email=email, ip=ip)
            status = 400
    next_url = request.POST.get("next") or request.GET.get("next", "")
    response = render(request, "people/login.html", {"form": form, "next": next_url}, status=status)
    return _too_many(response, wait) if wait else response


class SignOut(auth_views.LogoutView):
    pass


class PasswordReset(auth_views.PasswordResetView):
    """Django's reset form, with requests limited per email and per address (429 + Retry-After)."""

    template_name = "people/password_reset.html"
    email_template_name = "people/email/password_reset.txt"
    subject_template_name = "people/email/password_reset_subject.txt"
    success_url = reverse_lazy("people:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        wait = limits.password_reset_wait(email=form.cleaned_data["email"], ip=client_ip(self.request))
        if wait:
            form.add_error(None, f"Too many reset requests. Wait {_minutes(wait)}, then ask again.")
            return _too_many(self.form_invalid(form), wait)
        return super().form_valid(form)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Setting a new password from the emailed link signs the person in, even when the account was
    closed to password sign-in after failed attempts (the link proves the mailbox)."""

    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")
    post_reset_login = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        limits.failures_clear(email=form.user.email)
        return response


password_reset = PasswordReset.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="people/password_reset_done.html"
)
password_reset_confirm = PasswordResetConfirm.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="people/password_reset_complete.html"
)


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = actions.invitation_for_token(token)
    except ValidationError as exc:
        return render(request, "people/invitation_invalid.html", {"reason": error_text(exc)}, status=410)
    form = AcceptInvitationForm(
        request.POST or None, email=invitation.email, initial={"name": invitation.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.invitation_accept(
                raw_token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            login(request, user, backend="ripple.people.backends.EmailBackend")
            messages.success(request, f"Welcome to Ripple, {user.name}!")
            return redirect("core:home")
    return render(request, "people/accept_invitation.html", {"form": form, "invitation": invitation})


@require_GET
@login_required
def directory(request: AuthedRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    department_id = request.GET.get("department")
    try:
        page = selectors.directory_page(
            search_text=q,
            department_id=int(department_id) if department_id and department_id.isdigit() else None,
            cursor=request.GET.get("cursor") or None,
        )
    except InvalidCursor:
        return redirect("people:directory")
    context = {"page": page, "q": q, "department_id": department_id, "departments": selectors.departments()}
    return render_page(request, "people/directory.html", context, partials={"results": "results"})


@require_http_methods(["GET", "POST"])
@login_required
def first_steps(request: AuthedRequest) -> HttpResponse:
    """HTMX, on the home page: the first-day checklist (empty once done); POST dismisses it."""
    if request.method == "POST":
        actions.first_steps_dismiss(actor=request.user)
        if request.headers.get("HX-Request") != "true":
            return redirect("core:home")
        return HttpResponse("")
    steps = selectors.first_steps(request.user)
    return render(request, "people/_first_steps.html", {"steps": steps})


@require_GET
@login_required
def pick(request: AuthedRequest) -> JsonResponse:
    """The people pickers' suggestions (kudos recipients, @mentions): `{"items": [{value, label, hint}]}`."""
    people = selectors.people_matching(request.GET.get("q", ""))
    items = [
        {
            "value": p.pk,
            "label": p.name,
            "hint": " · ".join(x for x in (p.title, p.department.name if p.department else "") if x),
        }
        for p in people
    ]
    return JsonResponse({"items": items})


@require_GET
@login_required
def profile(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = access.access_person(request.user, person_id)
    return render(
        request,
        "people/profile.html",
        {
            "person": person,
            "can_edit": access.can_edit_profile(request.user, person),
            "sections": selectors.profile_sections(person),
        },
    )


@require_GET
@login_required
def me(request: AuthedRequest) -> HttpResponse:
    """A stable link to your own profile (the account menu)."""
    return redirect("people:profile", request.user.pk)


@require_http_methods(["GET", "POST"])
@login_required
def settings_page(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=selectors.person(user.pk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.profile_update(actor=user, person=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("people:settings")
    return render(
        request,
        "people/settings.html",
        {
            "form": form,
            "tokens": selectors.tokens_for(user),
            "new_token": request.session.pop("new_token", None),
        },
    )


@require_POST
@login_required
def token_create(request: AuthedRequest) -> HttpResponse:
    name = request.POST.get("name", "")[:80]
    token, raw = actions.token_create(user=request.user, name=name)
    # Shown exactly once, on the next page load, then gone from the session.
    request.session["new_token"] = {"name": token.name, "raw": raw}
    return redirect("people:settings")


@require_POST
@login_required
def token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = access.access_own_token(request.user, token_id)
    actions.token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token “{token.name}” is revoked; anything using it now gets 401.")
    return redirect("people:settings")


# --- admin screens -----------------------------------------------------------------------------


def _admin_only(request: AuthedRequest) -> None:
    access.require_admin(request.user)


@require_GET
@login_required
def admin_people(request: AuthedRequest) -> HttpResponse:
    _admin_only(request)
    status = request.GET.get("status", "active")
    q = request.GET.get("q", "")[:200]
    try:
        page = selectors.admin_people_page(
            search_text=q, status=status, cursor=request.GET.get("cursor") or None
        )
    except InvalidCursor:
        return redirect("people:admin_people")
    return render(
        request, "people/admin_people.html",
        {"page": page, "status": status, "q": q, "operations": list(actions.OPERATIONS.items())},
    )  # fmt: skip


@require_POST
@login_required
def admin_set_role(request: AuthedRequest, person_id: int) -> HttpResponse:
    _admin_only(request)
    person = access.access_person(request.user, person_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            actions.user_set_role(actor=request.user, person=person, role=form.cleaned_data["role"])
            messages.success(request, f"{person.name} is now {person.get_role_display().lower()}.")
        except ValidationError as exc:
            messages.error(request, error_text(exc))
    else:
        messages.error(request, "Choose member, facilitator or admin.")
    return redirect(request.POST.get("back") or "people:admin_people")


@require_POST
@login_required
def admin_set_active(request: AuthedRequest, person_id: int) -> HttpResponse:
    _admin_only(request)
    person = access.access_person(request.user, person_id)
    active = request.POST.get("active") == "1"
    try:
        actions.user_set_active(actor=request.user, person=person, active=active)
        messages.success(request, f"{person.name} is {'reactivated' if active else 'deactivated'}.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("people:admin_people")


@require_http_methods(["GET", "POST"])
@login_required
def admin_structure(request: AuthedRequest) -> HttpResponse:
    _admin_only(request)
    department_form = DepartmentForm(
        request.POST if request.POST.get("kind") == "department" else None, prefix="d"
    )
    team_form = TeamForm(request.POST if request.POST.get("kind") == "team" else None, prefix="t")
    if request.method == "POST":
        if department_form.is_bound and department_form.is_valid():
            actions.department_get_or_create(name=department_form.cleaned_data["name"])
            messages.success(request, f"Department {department_form.cleaned_data['name']} added.")
            return redirect("people:admin_structure")
        if team_form.is_bound and team_form.is_valid():
            actions.team_get_or_create(
                name=team_form.cleaned_data["name"], department=team_form.cleaned_data["department"]
            )
            messages.success(request, f"Team {team_form.cleaned_data['name']} added.")
            return redirect("people:admin_structure")
    return render(
        request,
        "people/admin_structure.html",
        {
            "departments": selectors.departments_with_teams(),
            "department_form": department_form,
            "team_form": team_form,
        },
    )


@require_POST
@login_required
def admin_rename(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    """Rename a department or a team from the structure screen."""
    name = request.POST.get("name", "")
    try:
        if kind == "department":
            department = access.access_department(request.user, pk)
            actions.department_rename(actor=request.user, department=department, name=name)
        else:
            team = access.access_team(request.user, pk)
            actions.team_rename(actor=request.user, team=team, name=name)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Renamed to {name.strip()}.")
    return redirect("people:admin_structure")


@require_http_methods(["GET", "POST"])
@login_required
def admin_invitations(request: AuthedRequest) -> HttpResponse:
    _admin_only(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _raw = actions.invitation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("people:admin_invitations")
    return render(
        request, "people/admin_invitations.html", {"form": form, "invitations": selectors.invitations()}
    )


@require_POST
@login_required
def admin_invitation_revoke(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    invitation = access.access_invitation(request.user, invitation_id)
    actions.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, f"Invitation for {invitation.email} withdrawn.")
    return redirect("people:admin_invitations")
