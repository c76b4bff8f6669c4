"""People pages: sign-in, invitations, directory, profiles, settings and tokens, admin screens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.forms import apply_errors, error_text
from ripple.core.htmx import render_page
from ripple.core.pagination import InvalidCursor
from ripple.people import access, actions, selectors
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


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignInForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        email, ip = request.POST.get("username", ""), _client_ip(request)
        if actions.login_is_blocked(email=email, ip=ip):
            form.errors.clear()
            form.add_error(None, "Too many failed sign-ins. For your safety, wait 15 minutes and try again.")
            status = 429
        elif form.is_valid():
            login(request, form.get_user())
            actions.login_failures_clear(email=email)
            next_url = request.POST.get("next") or request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = str(reverse_lazy("core:home"))
            return redirect(next_url)
        else:
            actions.login_failure_record(email=email, ip=ip)
            status = 400
    next_url = request.POST.get("next") or request.GET.get("next", "")
    return render(request, "people/login.html", {"form": form, "next": next_url}, status=status)


class SignOut(auth_views.LogoutView):
    pass


password_reset = auth_views.PasswordResetView.as_view(
    template_name="people/password_reset.html",
    email_template_name="people/email/password_reset.txt",
    subject_template_name="people/email/password_reset_subject.txt",
    success_url=reverse_lazy("people:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="people/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="people/password_reset_confirm.html",
    success_url=reverse_lazy("people:password_reset_complete"),
)
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
    form = ProfileForm(request.POST or None, instance=selectors.person_for_edit(user))
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
