"""API rate limits: 429 with Retry-After in the error shape, declared on every operation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_person_over_the_api_rate_gets_429_with_retry_after(api, settings):
    settings.RATE_API = "5/min"
    statuses = [api.get("/api/v1/prompts").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = api.get("/api/v1/me")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Too many requests")


def test_the_rate_is_per_person(api, client, other_member, settings):
    settings.RATE_API = "2/min"
    for _ in range(3):
        api.get("/api/v1/me")
    assert api.get("/api/v1/me").status_code == 429
    client.force_login(other_member)
    assert client.get("/api/v1/me").status_code == 200


def test_bad_tokens_from_one_address_get_429(client, member, settings):
    settings.RATE_API_ANONYMOUS = "3/min"
    headers = {"Authorization": "Bearer rpl_not-a-real-token"}
    statuses = [client.get("/api/v1/me", headers=headers).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    refused = client.get("/api/v1/me", headers=headers)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert list(refused.json()) == ["detail"] and "Retry-After" in refused.json()["detail"]


def test_every_operation_declares_429(client):
    document = client.get("/api/v1/openapi.json").json()
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert operations and all("429" in op["responses"] for op in operations)
