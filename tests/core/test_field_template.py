"""core/field.html: one form field, the same in every app — labels, choices, help and announced errors."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse


class EveryKind(forms.Form):
    name = forms.CharField(help_text="As colleagues know you")
    notes = forms.CharField(widget=forms.Textarea, required=False)
    level = forms.ChoiceField(choices=[("a", "Alpha"), ("b", "Beta")])
    agree = forms.BooleanField(label="I agree")
    colour = forms.ChoiceField(
        choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect, help_text="One"
    )
    tools = forms.MultipleChoiceField(
        choices=[("x", "Excel"), ("w", "Word")], widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def render(field: forms.BoundField) -> str:
    return render_to_string("core/field.html", {"field": field})


def described_ids(html: str) -> list[str]:
    return [i for value in re.findall(r'aria-describedby="([^"]*)"', html) for i in value.split()]


def ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_a_text_field_has_its_label_help_and_no_error_yet():
    html = render(EveryKind()["name"])
    assert '<label for="id_name">Name</label>' in html
    assert '<small class="help" id="id_name_helptext">As colleagues know you</small>' in html
    assert 'aria-describedby="id_name_helptext"' in html and "aria-invalid" not in html
    assert 'role="alert"' not in html and "has-error" not in html


def test_errors_are_announced_linked_and_marked_invalid_for_every_kind_of_field():
    form = EveryKind(data={"level": "zzz", "colour": "zzz", "tools": ["zzz"]})
    assert not form.is_valid()
    for name in ("name", "level", "agree", "colour", "tools"):
        html = render(form[name])
        assert 'class="field-error" role="alert"' in html, name
        assert f'id="id_{name}_error"' in html and "has-error" in html, name
        assert f"id_{name}_error" in described_ids(html), name
        assert 'aria-invalid="true"' in html, name
        assert set(described_ids(html)) <= ids(html), name  # every reference resolves


def test_a_checkbox_sits_inside_its_label():
    html = render(EveryKind()["agree"])
    assert re.search(r'<label class="check"><input type="checkbox" name="agree"[^>]*> I agree</label>', html)


@pytest.mark.parametrize(("name", "kind"), [("colour", "radio"), ("tools", "checkbox")])
def test_choice_lists_are_a_fieldset_named_by_its_legend(name, kind):
    html = render(EveryKind()[name])
    assert html.strip().startswith('<fieldset class="field field-choices"')
    assert f"<legend>{EveryKind.base_fields[name].label or name.capitalize()}</legend>" in html
    assert html.count(f'type="{kind}"') == 2 and "<label for=" not in html.split("<legend>")[0]
    if name == "colour":
        assert 'aria-describedby="id_colour_helptext"' in html and 'id="id_colour_helptext"' in html


def test_a_select_and_a_textarea_have_a_label_for_them():
    form = EveryKind()
    assert '<label for="id_level">Level</label>' in render(form["level"]) and "<select" in render(
        form["level"]
    )
    assert '<label for="id_notes">Notes</label>' in render(form["notes"]) and "<textarea" in render(
        form["notes"]
    )


def test_a_hidden_field_is_only_its_input():
    assert render(EveryKind()["secret"]).strip() == '<input type="hidden" name="secret" id="id_secret">'


def test_the_whole_form_template_shows_form_errors_fields_and_hidden_fields():
    form = EveryKind(data={})
    form.is_valid()
    form.add_error(None, "Something about the whole form.")
    html = render_to_string("core/form_fields.html", {"form": form})
    assert '<div class="form-errors" role="alert"><p>Something about the whole form.</p></div>' in html
    assert html.count('role="alert"') == 1 + 5  # the form's error, and each required field's
    assert 'type="hidden" name="secret"' in html


# --- the real pages: every aria-describedby points at something on the page --------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [
        (reverse("library:prompt_new"), {"title": "", "body": "{{broken"}),
        (reverse("feed:new") + "?kind=question", {"kind": "question", "title": ""}),
        (reverse("feed:kudos"), {"message": ""}),
        (reverse("people:settings"), {"name": ""}),
    ],
)
def test_form_pages_with_errors_announce_them_and_link_every_description(member_client, url, data):
    page = member_client.get(url)
    assert page.status_code == 200
    assert set(described_ids(page.content.decode())) <= ids(page.content.decode())
    response = member_client.post(url, data)
    html = response.content.decode()
    assert response.status_code in (200, 400, 422), response.status_code
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    missing = set(described_ids(html)) - ids(html)
    assert not missing, missing


@pytest.mark.django_db
def test_sign_in_with_errors(client):
    response = client.post(reverse("people:login"), {"username": "nobody@example.org", "password": "wrong"})
    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html
    assert set(described_ids(html)) <= ids(html)
