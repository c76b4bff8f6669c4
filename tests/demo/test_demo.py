"""The demo organization: realistic, deterministic for a seed, and idempotent."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from ripple.demo import build
from ripple.people.models import Department, Role, Team, User

pytestmark = pytest.mark.django_db(transaction=True)


def table_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"people", "library", "feed", "core"}
        and model._meta.model_name != "loginfailure"
    }


def test_demo_builds_a_lived_in_organization_once(capsys):
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "admin@example.org" in out and "member@example.org" in out and "password:" in out
    assert User.objects.filter(is_active=True).count() == 150  # and the inactive Community account
    assert Department.objects.count() >= 8 and Team.objects.count() >= 20
    assert User.objects.get(email="admin@example.org").role == Role.ADMIN
    assert User.objects.get(email="member@example.org").role == Role.MEMBER
    assert len(set(User.objects.values_list("time_zone", flat=True))) >= 5
    assert User.objects.exclude(manager=None).count() > 100
    first = table_counts()
    call_command("demo", "--no-serve")
    assert table_counts() == first  # running it twice adds nothing


def test_demo_sign_in_works(client):
    build.build(seed=7, people=20)
    response = client.post(
        "/signin/", {"username": "member@example.org", "password": build.sign_ins()[1].password}
    )
    assert response.status_code == 302


def test_demo_is_deterministic_for_a_seed():
    build.build(seed=11, people=25)
    names = list(User.objects.order_by("id").values_list("name", "email", "title", "time_zone"))
    call_command("flush", interactive=False, verbosity=0)
    build.build(seed=11, people=25)
    assert list(User.objects.order_by("id").values_list("name", "email", "title", "time_zone")) == names


def test_demo_rejects_bad_arguments(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least 2"):
        call_command("demo", "--no-serve", "--people", "1")
    with pytest.raises(CommandError, match="PORT must be a number"):
        call_command("demo", "--no-serve", "--port", "http")


def test_the_readme_api_examples_return_data_on_the_demo(client):
    """Every `curl …/api/v1/…` line of the README answers 200 with something in it on the demo."""
    import re
    from pathlib import Path

    from ripple.people import actions as people_actions

    call_command("demo", "--no-serve")
    _token, raw = people_actions.token_create(user=User.objects.get(email="admin@example.org"), name="readme")
    sales = Department.objects.get(name="Sales").pk  # the README says to put Sales' id from /departments
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    paths = re.findall(r'curl [^\n]*?http://127\.0\.0\.1:8000(/api/v1/[^"\s]*)', readme)
    assert len(paths) >= 4 and "/api/v1/departments" in paths
    for path in paths:
        response = client.get(
            path.replace("department=1", f"department={sales}"), headers={"Authorization": f"Bearer {raw}"}
        )
        assert response.status_code == 200, path
        body = response.json()
        assert body.get("items", [body])[0], f"{path} answered nothing on the demo"
