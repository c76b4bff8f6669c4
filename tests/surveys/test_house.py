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
