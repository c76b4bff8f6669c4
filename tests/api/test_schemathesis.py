"""A bounded schemathesis run in the normal suite: every operation, schemathesis' examples and
coverage phases, a fixed seed. Any 5xx, undocumented status code, wrong content type or response
that does not match its schema fails the test."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.config import SchemathesisConfig

from ripple.api.urls import api as ripple_api
from ripple.people import actions as people_actions
from tests.factories import UserFactory
from tests.library.factories import make_prompt

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20240611,
        "generation": {"max-examples": 10, "deterministic": True, "database": "none"},
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": False},
            "stateful": {"enabled": False},
        },
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
        },
        "suppress-health-check": ["all"],
    }
)


@pytest.fixture
def in_transaction(db):
    """Requests share the test's database transaction, as Django's test client arranges."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The document as the server publishes it (built from the routers; no request or database needed).
schema = schemathesis.openapi.from_dict(ripple_api.get_openapi_schema(), config=CONFIG)
APP = WSGIHandler()


@pytest.fixture
def token(member):
    make_prompt(owner=member)
    make_prompt(owner=UserFactory(), title="Draft a contract clause")
    _token, raw = people_actions.token_create(user=member, name="schemathesis")
    return raw


@schema.parametrize()
def test_api_answers_what_it_documents(case, token, in_transaction):
    case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {token}"})
