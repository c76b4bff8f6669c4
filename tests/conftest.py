from __future__ import annotations

import pytest
from django.test import Client

from ripple.people import actions
from ripple.people.models import Role
from tests.factories import DepartmentFactory, TeamFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (ids repeat across tests; cached pages must not)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def member(db):
    return UserFactory(name="Maya Member", email="maya@example.org")


@pytest.fixture
def other_member(db):
    return UserFactory(name="Otto Other", email="otto@example.org")


@pytest.fixture
def admin_user(db):
    return UserFactory(name="Ada Admin", email="ada@example.org", role=Role.ADMIN)


@pytest.fixture
def facilitator(db):
    return UserFactory(name="Fay Facilitator", email="fay@example.org", role=Role.FACILITATOR)


@pytest.fixture
def member_client(client: Client, member) -> Client:
    client.force_login(member)
    return client


@pytest.fixture
def admin_client(client: Client, admin_user) -> Client:
    client.force_login(admin_user)
    return client


@pytest.fixture
def api_token(member) -> str:
    _token, raw = actions.token_create(user=member, name="tests")
    return raw


@pytest.fixture
def api(client: Client, api_token: str):
    """A client that sends the member's bearer token on every request."""

    class ApiClient:
        def __init__(self, token: str) -> None:
            self.headers = {"Authorization": f"Bearer {token}"}

        def get(self, path, data=None, **kw):
            return client.get(path, data, headers=self.headers, **kw)

        def post(self, path, data=None, **kw):
            kw.setdefault("content_type", "application/json")
            return client.post(path, data, headers=self.headers, **kw)

        def patch(self, path, data=None, **kw):
            kw.setdefault("content_type", "application/json")
            return client.patch(path, data, headers=self.headers, **kw)

        def put(self, path, data=None, **kw):
            kw.setdefault("content_type", "application/json")
            return client.put(path, data, headers=self.headers, **kw)

        def delete(self, path, **kw):
            return client.delete(path, headers=self.headers, **kw)

    return ApiClient(api_token)


__all__ = ["DepartmentFactory", "TeamFactory", "UserFactory"]


class QueryCounter:
    """The one way tests assert query counts: an exact number, and the same at few and many rows."""

    def count(self, client, url: str, params: dict | None = None, *, status: int = 200, **kw) -> int:
        """Queries one GET of `url` takes (the response must have `status`)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params or {}, **kw)
        assert response.status_code == status, (url, response.status_code)
        return len(ctx.captured_queries)

    def flat(self, measure, grow, *, exactly: int) -> None:
        """`measure()` (a query count) is `exactly` before and after `grow()` adds many rows."""
        few = measure()
        grow()
        many = measure()
        assert (few, many) == (exactly, exactly), (
            f"queries: {few} with few rows, {many} with many; want {exactly}"
        )


@pytest.fixture
def queries() -> QueryCounter:
    return QueryCounter()
