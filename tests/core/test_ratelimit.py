"""core.ratelimit: rates, counting in the database, and the client address behind proxies."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from ripple.core import ratelimit
from ripple.core.models import RateCounter
from ripple.core.ratelimit import Rate, client_ip
from ripple.settings import _trusted_proxies


def test_rates_parse_and_bad_rates_are_refused():
    assert Rate.parse("600/min") == Rate(600, 60)
    assert Rate.parse("10/15min") == Rate(10, 900)
    assert Rate.parse(" 3 / hour ") == Rate(3, 3600)
    for bad in ["", "ten/min", "5/fortnight", "0/min", "5"]:
        with pytest.raises(ValueError, match="Not a rate"):
            Rate.parse(bad)


@pytest.mark.django_db
def test_hits_are_counted_per_ident_and_the_window_slides():
    rate = Rate(3, 60)
    start = 6000.0  # the start of a slot
    assert [ratelimit.hit("t", "a", rate, now=start + i) for i in range(3)] == [None] * 3
    assert ratelimit.hit("t", "a", rate, now=start + 3) == 57  # seconds left in the slot
    assert ratelimit.hit("t", "b", rate, now=start + 3) is None  # another ident, its own count
    # Early in the next slot the previous one still weighs: 4 × 0.9 + 1 > 3.
    assert ratelimit.hit("t", "a", rate, now=start + 66) is not None
    # Once it has slid past, the count starts again.
    assert ratelimit.hit("t", "a", rate, now=start + 200) is None
    # Identifiers are never stored as text.
    assert not RateCounter.objects.filter(key__contains="a").exclude(key__startswith="t:").exists()


@pytest.mark.django_db
def test_reset_forgets_an_ident():
    rate = Rate(1, 60)
    ratelimit.hit("t", "a", rate, now=60.0)
    assert ratelimit.hit("t", "a", rate, now=61.0) is not None
    ratelimit.reset("t", "a")
    assert ratelimit.hit("t", "a", rate, now=62.0) is None


@pytest.mark.django_db
def test_expired_counters_are_pruned_by_a_share_of_requests(settings):
    rate = Rate(5, 60)
    ratelimit.hit("t", "old", rate, now=600.0)  # its window ends at (10 + 2) × 60 = 720
    settings.RIPPLE_RATE_PRUNE_SHARE = 0.0
    ratelimit.hit("t", "new", rate, now=1000.0)
    assert RateCounter.objects.count() == 2  # housekeeping off (as in the suite): nothing deleted
    settings.RIPPLE_RATE_PRUNE_SHARE = 1.0
    ratelimit.hit("t", "new", rate, now=1001.0)
    assert RateCounter.objects.count() == 1  # the expired one is gone, the live one stays
    assert ratelimit.prune(now=10_000.0) == 1


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_ip_ignores_forwarded_for_by_default(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_ip(_request("10.0.0.2", "203.0.113.7")) == "10.0.0.2"


def test_client_ip_with_a_number_of_proxies(settings):
    settings.TRUSTED_PROXIES = 2
    # client → proxy A (appends client) → proxy B (appends A) → Ripple
    assert client_ip(_request("10.0.0.3", "6.6.6.6, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"
    assert client_ip(_request("10.0.0.3", "10.0.0.2")) == "10.0.0.3"  # fewer hops than proxies
    assert client_ip(_request("10.0.0.3", "not-an-ip, 10.0.0.2")) == "10.0.0.3"


def test_client_ip_with_a_list_of_proxy_networks(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.1.2"]
    assert client_ip(_request("10.0.0.3", "6.6.6.6, 203.0.113.7, 192.168.1.2")) == "203.0.113.7"
    # Not from a trusted proxy: the header is somebody's invention.
    assert client_ip(_request("198.51.100.1", "203.0.113.7")) == "198.51.100.1"
    assert client_ip(_request("10.0.0.3", "garbage, 10.1.1.1")) == "10.1.1.1"
    assert client_ip(_request("10.0.0.3")) == "10.0.0.3"


def test_trusted_proxies_setting_is_checked_at_start():
    assert _trusted_proxies("0") == 0
    assert _trusted_proxies("2") == 2
    assert _trusted_proxies("10.0.0.0/8, 192.168.1.2") == ["10.0.0.0/8", "192.168.1.2"]
    with pytest.raises(ImproperlyConfigured, match="RIPPLE_TRUSTED_PROXIES"):
        _trusted_proxies("the load balancer")
