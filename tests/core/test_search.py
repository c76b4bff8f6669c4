"""The search interface, exercised through the people index on whichever database runs the tests."""

from __future__ import annotations

import pytest
from django.db import connection

from ripple.core import search
from ripple.people.models import PEOPLE_SEARCH, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def ranked(text: str) -> list[str]:
    qs = search.matching(User.objects.all(), PEOPLE_SEARCH, text).order_by("-search_rank", "id")
    return [u.name for u in qs]


def test_title_weight_and_word_coverage_order_results():
    UserFactory(name="Bio Only", bio="I love forecasting and budgets")
    UserFactory(name="Forecasting Fan", bio="numbers")
    UserFactory(name="Both Words", skills="forecasting, budgets")
    results = ranked("forecasting budgets")
    assert results[0] in {"Both Words", "Bio Only"}  # both words beat one word
    assert results[-1] == "Forecasting Fan"
    assert ranked("forecasting")[0] == "Forecasting Fan"  # the name (weight A) beats the bio (weight C)


def test_stemming_prefix_and_no_match():
    UserFactory(name="Rita", skills="negotiating contracts")
    assert ranked("negotiation") == ["Rita"]
    assert ranked("contr") == ["Rita"]
    assert ranked("zebra") == []
    assert ranked("   ") == [] and ranked("!!! ???") == []


def test_hostile_query_text_is_only_data():
    UserFactory(name="Quote O'Brien", bio='says "hello" AND OR NOT NEAR')
    for text in ['"', "' OR 1=1 --", "AND OR NOT", "NEAR(", "a*b:c^d", "(((", "\x00", "🙂 emoji", "x" * 5000]:
        ranked(text)  # no error
    assert "Quote O'Brien" in ranked("o'brien")


def test_index_follows_inserts_updates_deletes_and_bulk_writes():
    person = UserFactory(name="Original Name")
    assert ranked("original") == ["Original Name"]
    person.name = "Renamed Person"
    person.save()
    assert ranked("original") == [] and ranked("renamed") == ["Renamed Person"]
    User.objects.filter(pk=person.pk).update(skills="kubernetes")
    assert ranked("kubernetes") == ["Renamed Person"]
    User.objects.bulk_create([User(email="bulk@example.org", name="Bulk Created", skills="terraform")])
    assert ranked("terraform") == ["Bulk Created"]
    person.delete()
    assert ranked("renamed") == []


def test_snippets_highlight_and_escape():
    person = UserFactory(name="Snip", bio="<b>bold</b> claims about forecasting revenue in the next quarter")
    html = search.snippets(PEOPLE_SEARCH, "bio", [person.pk], "forecasting")[person.pk]
    assert "<mark>forecasting</mark>" in html
    assert "<b>" not in html  # escaped (SQLite) or dropped as markup (PostgreSQL's ts_headline)


def test_ensure_indexes_is_idempotent_and_repairs():
    UserFactory(name="Repair Me", skills="gardening")
    search.ensure_indexes()
    search.ensure_indexes()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER people_user_fts_ai")
        search.ensure_indexes()
        UserFactory(name="After Repair", skills="gardening")
    assert set(ranked("gardening")) >= {"Repair Me"}
    if connection.vendor == "sqlite":
        assert "After Repair" in ranked("gardening")


def test_terms_are_bounded():
    assert search.terms("A a B b c") == ["a", "b", "c"]
    assert len(search.terms(" ".join(f"w{i}" for i in range(50)))) == search.MAX_TERMS


def test_parse_drops_stop_words_and_marks_only_the_word_being_typed():
    assert search.parse("Write a semgrep rule") == search.Query(("write", "semgrep", "rule"), prefix=True)
    assert search.parse("write a semgrep rule ") == search.Query(("write", "semgrep", "rule"), prefix=False)
    assert search.parse("how to do it") == search.Query((), prefix=False)  # only stop words
    assert search.parse("summary of the").prefix is False  # the word being typed is a stop word
    assert search.parse("an sq").prefix is False  # too short to be a prefix yet
    assert search.parse("a b c x y z") == search.Query((), prefix=False)  # single letters
    assert search.parse("top 5 tips").words == ("top", "5", "tips")
    assert {"a", "my", "the", "please"} <= search.STOP_WORDS
    many = " ".join(["the"] * 30 + [f"w{i}" for i in range(20)])
    assert search.parse(many).words == tuple(f"w{i}" for i in range(search.MAX_TERMS))


def test_stop_words_match_nothing_on_their_own():
    UserFactory(name="The Person", bio="a person who is in the office and at the desk")
    assert ranked("the") == [] and ranked("a") == [] and ranked("who is in the") == []
    assert search.rank(User.objects.all(), PEOPLE_SEARCH, "in the at").hits == []


def test_prefix_only_for_the_last_word():
    UserFactory(name="Rita", skills="contracts")
    assert ranked("contr") == ["Rita"]  # still typing
    assert ranked("contr ") == []  # a finished word is a whole word
    assert ranked("contr zebra") == []  # no prefix in the middle
    assert ranked("zebra contr") == ["Rita"]
    assert ranked("co") == []  # too short to be a prefix


def test_prefixes_of_every_length_a_query_can_type_match():
    """SQLite keeps prefix indexes only for PREFIX_MIN and PREFIX_MIN + 1 letters (a shorter prefix is
    never queried); a longer prefix reads the main index: every length finds the same row."""
    UserFactory(name="Rita", skills="contracts")
    for n in range(search.PREFIX_MIN, len("contracts")):
        assert ranked("contracts"[:n]) == ["Rita"], n
    assert ranked("contracts"[: search.PREFIX_MIN - 1]) == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [PEOPLE_SEARCH.fts_table])
            (sql,) = cursor.fetchone()
        assert f"prefix='{search.PREFIX_MIN} {search.PREFIX_MIN + 1}'" in sql


def test_an_index_made_with_the_old_prefix_lengths_is_rebuilt_after_migrate():
    """An upgrade: a SQLite table made with `prefix='2 3 4'` (before stop 24) is recreated with the
    current definition by ensure_indexes (run after every migrate) and finds what it found."""
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 prefix indexes are SQLite's")
    UserFactory(name="Rita", skills="contracts")
    f = PEOPLE_SEARCH.fts_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [f])
        (current,) = cursor.fetchone()
        old = current.replace(f"prefix='{search.PREFIX_MIN} {search.PREFIX_MIN + 1}'", "prefix='2 3 4'")
        assert old != current
        cursor.execute(f"DROP TABLE {f}")
        cursor.execute(old)
        cursor.execute(f"INSERT INTO {f}({f}) VALUES ('rebuild')")  # noqa: S608 - the index's own table name
    search.ensure_indexes()
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [f])
        assert cursor.fetchone()[0] == current
    assert ranked("contr") == ["Rita"] and ranked("contracts") == ["Rita"]


def test_rank_orders_exact_title_then_all_words_then_some():
    UserFactory(name="Forecast Budget", bio="numbers")
    UserFactory(name="Planner", bio="I forecast the budget every month")
    UserFactory(name="Budget Keeper", bio="spreadsheets")
    UserFactory(name="Another Planner", bio="forecast only")
    hits = search.rank(User.objects.all(), PEOPLE_SEARCH, "forecast budget").hits
    names = dict(User.objects.values_list("pk", "name"))
    order = [names[h.id] for h in hits]
    assert order[0] == "Forecast Budget" and hits[0].score > hits[1].score + 2  # the exact title, well ahead
    assert order.index("Planner") < order.index("Another Planner")  # all words beat one, both in the bio
    assert order.index("Budget Keeper") < order.index("Another Planner")  # one word: the title beats the bio
    assert len(order) == 4


def _plain_title_fit(marked: str, n: int) -> tuple[int, int, int]:
    """The definition `ranking._title_fit` implements in one loop: each part's `terms`."""
    import re

    from ripple.core.search.indexes import _START, _STOP, terms
    from ripple.core.search.query import STOP_WORDS

    found: set[str] = set()
    others: set[str] = set()
    run = best = 0
    for part in re.split(f"({_START}[^{_STOP}]*{_STOP})", marked):
        hit = part.startswith(_START)
        for word in terms(part):
            if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
                continue
            (found if hit else others).add(word)
            run = run + 1 if hit else 0
            best = max(best, run)
    return min(len(found), n), len(others - found), best


@pytest.mark.django_db(False)
def test_title_fit_is_its_plain_definition():
    import random

    from ripple.core.search.indexes import _START, _STOP
    from ripple.core.search.ranking import _title_fit

    pieces = [
        "a",
        "the",
        "email",
        "Email",
        "x_y",
        "_",
        "__",
        "9",
        "é",
        "Customer",
        "-",
        " ",
        "to",
        "ab",
        _START,
        _STOP,
    ]
    rng = random.Random(7)
    samples = [
        "",
        f"{_START}Email{_STOP} a {_START}customer{_STOP} reply",
        " ".join(f"w{i % 17}" for i in range(40)),
    ]
    samples += [
        "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 30)))
        for _ in range(3000)
    ]
    for text in samples:
        for n in (1, 2, 3):
            assert _title_fit(text, n) == _plain_title_fit(text, n), text
