from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from ripple.core.forms import CleanInput
from ripple.core.widgets import Picker
from ripple.people.models import TIME_ZONES, Department, Role, Team, User


class SignInForm(CleanInput, AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        "invalid_login": "That email and password do not match. Check both and try again.",
        "inactive": "This account has been deactivated. Ask your Ripple admin.",
    }


class ProfileForm(CleanInput, forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=[(tz, tz) for tz in TIME_ZONES],
        widget=Picker(source="core:time_zones", multiple=False, free_text=True, from_browser=True,
                      placeholder="Type a city, e.g. Paris"),
        error_messages={"invalid_choice": "“%(value)s” is not a time zone; type a city and pick one."},
    )  # fmt: skip

    class Meta:
        model = User
        fields = ["name", "title", "department", "team", "time_zone", "bio", "skills", "insights_named"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "skills": forms.TextInput(attrs={"placeholder": "e.g. prompt writing, Excel, contract review"}),
        }
        help_texts = {"skills": "Comma-separated; colleagues can find you by them."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department_field = cast(forms.ModelChoiceField, self.fields["department"])
        team_field = cast(forms.ModelChoiceField, self.fields["team"])
        department_field.queryset = Department.objects.order_by("name")
        team_field.queryset = Team.objects.select_related("department").order_by("department__name", "name")
        team_field.label_from_instance = lambda t: f"{t.department.name} · {t.name}"  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, department = data.get("team"), data.get("department")
        if team and department and team.department_id != department.pk:
            self.add_error("team", "That team belongs to another department.")
        if team and not department:
            data["department"] = team.department
        return data


class TokenForm(CleanInput, forms.Form):
    name = forms.CharField(max_length=80, initial="My script", label="Token name")


class InvitationForm(CleanInput, forms.Form):
    email = forms.EmailField(max_length=254)
    name = forms.CharField(max_length=120, required=False)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER)
    department = forms.ModelChoiceField(queryset=Department.objects.order_by("name"), required=False)
    team = forms.ModelChoiceField(queryset=Team.objects.select_related("department"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, department = data.get("team"), data.get("department")
        if team and department and team.department_id != department.pk:
            self.add_error("team", "That team belongs to another department.")
        return data


class AcceptInvitationForm(CleanInput, forms.Form):
    name = forms.CharField(max_length=120)
    password1 = forms.CharField(
        label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords differ.")
        if p1:
            try:
                password_validation.validate_password(p1, User(email=self.email, name=data.get("name", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class DepartmentForm(CleanInput, forms.Form):
    name = forms.CharField(max_length=80)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Department.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(f"There is already a department called {name}.")
        return name


class TeamForm(CleanInput, forms.Form):
    name = forms.CharField(max_length=80)
    department = forms.ModelChoiceField(queryset=Department.objects.order_by("name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, department = (data.get("name") or "").strip(), data.get("department")
        if name and department and Team.objects.filter(name__iexact=name, department=department).exists():
            self.add_error("name", f"{department.name} already has a team called {name}.")
        return data


class RoleForm(CleanInput, forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
