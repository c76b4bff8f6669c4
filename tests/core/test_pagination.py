from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ripple.core.pagination import InvalidCursor, paginate
from ripple.people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_keyset_pages_with_ties_cover_every_row_once():
    same_moment = timezone.now()
    for i in range(23):
        UserFactory(date_joined=same_moment - timedelta(days=i // 5))  # ties in the first ordering field
    seen, cursor = [], None
    while True:
        page = paginate(User.objects.all(), ordering=("-date_joined", "-id"), cursor=cursor, size=4)
        seen += [u.pk for u in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    expected = list(User.objects.order_by("-date_joined", "-id").values_list("pk", flat=True))
    assert seen == expected


def test_ascending_and_exact_page_size_has_no_empty_next_page():
    for _ in range(4):
        UserFactory()
    page = paginate(User.objects.all(), ordering=("name", "id"), cursor=None, size=4)
    assert len(page) == 4 and page.next_cursor is None


@pytest.mark.parametrize("cursor", ["%%%", "bm90LWpzb24", "WzFd", "eyJhIjoxfQ", "W3siZHQiOiJub3BlIn0sMV0"])
def test_bad_cursors_raise_invalid_cursor(cursor):
    with pytest.raises(InvalidCursor):
        paginate(User.objects.all(), ordering=("-date_joined", "-id"), cursor=cursor, size=4)
