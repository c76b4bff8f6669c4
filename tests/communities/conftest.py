from __future__ import annotations

import pytest
from django.test import Client

from ripple.communities import actions
from tests.factories import UserFactory


def make_community(lead, *, name="Excel wizards", visibility="open", purpose="Spreadsheets with AI."):
    return actions.community_create(actor=lead, name=name, purpose=purpose, visibility=visibility)


@pytest.fixture
def lead(db):
    return UserFactory(name="Lea Lead", email="lea@example.org")


@pytest.fixture
def outsider(db):
    return UserFactory(name="Olly Outsider", email="olly@example.org")


@pytest.fixture
def private(lead):
    return make_community(lead, name="Secret sauce", visibility="private", purpose="Hush-hush prompting.")


@pytest.fixture
def open_community(lead):
    return make_community(lead)


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c
