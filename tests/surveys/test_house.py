"""House rules for the surveys app that a test can check."""

from __future__ import annotations

from pathlib import Path

import ripple.surveys

APP = Path(ripple.surveys.__file__).parent


def test_no_orm_in_views_or_api():
    for name in ("views.py", "api.py"):
        assert ".objects." not in (APP / name).read_text(), name


def test_modules_stay_small():
    for path in APP.rglob("*.py"):
        if "migrations" not in path.parts:
            assert len(path.read_text().splitlines()) <= 420, path


def test_min_group_setting_can_never_be_below_three(settings):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    from ripple.surveys.apps import SurveysConfig

    settings.SURVEY_MIN_GROUP = 2
    with pytest.raises(ImproperlyConfigured):
        SurveysConfig("ripple.surveys", ripple.surveys).ready()


def test_survey_pages_have_no_inline_script_or_style(db, client):
    from ripple.people.models import Role
    from ripple.surveys import actions
    from tests.factories import UserFactory
    from tests.surveys.conftest import answer, people, send

    boss = UserFactory(role=Role.ADMIN)
    crowd = people(5)
    r = send(boss, audience="people", people=crowd)
    for p in crowd:
        answer(r, p)
    open_round = send(boss, closed=False, audience="people", people=[boss])
    client.force_login(boss)
    instrument = actions.ensure_builtin_instrument()
    urls = [
        "/surveys/",
        "/surveys/manage/",
        f"/surveys/rounds/{r.pk}/results/",
        f"/surveys/rounds/{open_round.pk}/",
        f"/surveys/instruments/{instrument.pk}/",
        f"/surveys/instruments/{instrument.pk}/rounds/new/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        for chunk in html.split("<script")[1:]:
            head = chunk.split(">")[0].strip()
            assert head.startswith("src=") or head.startswith('id="survey-charts" type="application/json"'), (
                url
            )
        assert " onclick=" not in html and " style=" not in html, url
    assert 'type="application/json"' in client.get(f"/surveys/rounds/{r.pk}/results/").content.decode()
