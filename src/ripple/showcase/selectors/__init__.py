"""Every non-trivial read of show-and-tell; one module per topic, everything importable from here."""

from ripple.showcase.selectors.agenda import (
    SeriesCard,
    SeriesPage,
    SessionPage,
    community_series,
    first_presented,
    hosted_series,
    linkable,
    next_occurrence,
    occurrences_between,
    people_by_ids,
    person_presented,
    present_slots,
    series_list,
    series_page,
    series_with_hosts,
    session_page,
    slots_of,
)
from ripple.showcase.selectors.digest import digest
from ripple.showcase.selectors.feeds import active_feed, feed_by_token, person_events, series_events
from ripple.showcase.selectors.stats import Stats, series_stats
from ripple.showcase.selectors.suggestions import Suggestion, suggested_presenters

__all__ = [
    "SeriesCard",
    "SeriesPage",
    "SessionPage",
    "Stats",
    "Suggestion",
    "community_series",
    "hosted_series",
    "active_feed",
    "digest",
    "feed_by_token",
    "first_presented",
    "next_occurrence",
    "occurrences_between",
    "person_events",
    "person_presented",
    "present_slots",
    "series_events",
    "series_list",
    "series_page",
    "series_stats",
    "session_page",
    "slots_of",
    "linkable",
    "people_by_ids",
    "series_with_hosts",
    "suggested_presenters",
]
