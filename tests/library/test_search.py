"""Prompt search: ranking, access rules, snippets — the same results on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from ripple.library import selectors
from ripple.library.selectors import Filters, search_prompts
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db

# A small sample in the spirit of prompts.chat (act, prompt), plus Ripple-style prompts.
SAMPLE = [
    ("Linux Terminal", "I want you to act as a linux terminal. I will type commands and you will reply "
     "with what the terminal should show.", ["developers"]),
    ("English Translator and Improver", "I want you to act as an English translator, spelling corrector "
     "and improver. Reply with the corrected and improved version of my text.", ["writing"]),
    ("Job Interviewer", "I want you to act as an interviewer. I will be the candidate and you will ask me "
     "the interview questions for the position.", ["recruiting"]),
    ("Contract clause reviewer", "Review the contract below and flag risky clauses: indemnity, liability "
     "caps and termination.", ["legal", "contracts"]),
    ("Sales email writer", "Write a short follow-up email to a prospect after a demo.", ["sales", "email"]),
    ("Spreadsheet formula helper", "Explain this Excel formula and suggest a simpler one.", ["excel"]),
    ("Travel Guide", "I want you to act as a travel guide. I will write you my location and you will suggest "
     "a place to visit near my location.", []),
    ("Interview feedback summary", "Summarise interview notes into strengths, concerns and a hiring "
     "recommendation.", ["recruiting"]),
]  # fmt: skip


@pytest.fixture
def library(db):
    owner = UserFactory()
    return {
        title: make_prompt(owner, title=title, body=body, tags=tags, purpose="")
        for title, body, tags in SAMPLE
    }


def _titles(viewer, text, **kw):
    return [p.title for p in search_prompts(viewer=viewer, text=text, **kw).items]


def test_title_matches_rank_first_and_more_words_beat_fewer(library, member):
    assert set(_titles(member, "interview")[:2]) == {"Job Interviewer", "Interview feedback summary"}
    assert _titles(member, "interview feedback")[0] == "Interview feedback summary"
    assert _titles(member, "contract clauses")[0] == "Contract clause reviewer"
    assert _titles(member, "linux terminal commands")[0] == "Linux Terminal"


def test_stemming_prefixes_and_tags(library, member):
    assert "Spreadsheet formula helper" in _titles(member, "formulas")
    assert "English Translator and Improver" in _titles(member, "translat")
    assert _titles(member, "legal") == ["Contract clause reviewer"]  # a tag only


def test_filters_and_no_match(library, member):
    assert _titles(member, "act", filters=Filters(tag="recruiting")) == ["Job Interviewer"]
    assert _titles(member, "zzzz") == [] and _titles(member, "   ") == []
    assert _titles(member, "' OR 1=1 --") == []  # punctuation is not syntax


def test_search_respects_visibility():
    legal = DepartmentFactory(name="Legal")
    owner, colleague, outsider = UserFactory(department=legal), UserFactory(department=legal), UserFactory()
    make_prompt(owner, title="Privileged memo", body="privileged memo text", visibility="department")
    make_prompt(owner, title="My privileged draft", body="privileged draft", visibility="private")
    assert _titles(outsider, "privileged") == []
    assert _titles(colleague, "privileged") == ["Privileged memo"]
    assert sorted(_titles(owner, "privileged")) == ["My privileged draft", "Privileged memo"]


def test_snippets_are_escaped_and_highlighted(member):
    prompt = make_prompt(
        UserFactory(), title="HTML helper", body="Wrap the <script>alert(1)</script> budget text"
    )
    results = search_prompts(viewer=member, text="budget")
    snippet = results.snippets[prompt.pk]
    # SQLite escapes the tag; PostgreSQL's ts_headline drops it. Neither lets it through.
    assert "<mark>budget</mark>" in snippet and "<script>" not in snippet


def test_snippets_of_a_long_body_come_from_its_start(member):
    """Past 20,000 characters only the body's start is read for the excerpt (on both databases)."""
    filler = "Lorem ipsum dolor sit amet consectetur. " * 400  # 16,000 characters
    near = make_prompt(
        UserFactory(),
        title="Long one",
        body=filler + "Then <b>draft</b> the quarterly budgets & totals. " + filler + "zebra at the end.",
    )
    results = search_prompts(viewer=member, text="budget")
    snippet = results.snippets[near.pk]
    assert "<mark>budget" in snippet and "quarterly" in snippet and "<b>" not in snippet
    assert "ipsum" in snippet  # words around it, not the start
    far = search_prompts(viewer=member, text="zebra").snippets[near.pk]  # beyond the start: no mark
    assert "<mark>" not in far and "zebra" not in far and far.lstrip("…").startswith("Lorem")


def test_pages_and_candidate_cap(member, monkeypatch):
    owner = UserFactory()
    for i in range(7):
        make_prompt(owner, title=f"Budget review {i}", body="budget")
    monkeypatch.setattr(selectors.browse, "SEARCH_CANDIDATES", 5)
    first = search_prompts(viewer=member, text="budget", size=3)
    second = search_prompts(viewer=member, text="budget", page=2, size=3)
    assert first.capped and first.has_next and not second.has_next
    assert len(first.items) == 3 and len(second.items) == 2
    assert not {p.pk for p in first.items} & {p.pk for p in second.items}


def test_relevance_on_real_prompts_chat_text(member):
    """The first 400 rows of the real prompts.chat export (CC0): well-known prompts come first."""
    import csv
    import sys

    from ripple.library.importing import PROMPTS_CHAT_CSV
    from ripple.library.models import Prompt

    csv.field_size_limit(sys.maxsize)
    owner = UserFactory()
    with PROMPTS_CHAT_CSV.open(newline="", encoding="utf-8") as stream:
        rows = [row for _, row in zip(range(400), csv.DictReader(stream), strict=False)]
    Prompt.objects.bulk_create(
        Prompt(title=row["act"][:200], body=row["prompt"][:20_000], owner=owner, tags=[], tags_text="")
        for row in rows
    )
    assert _titles(member, "linux terminal")[0] == "Linux Terminal"
    assert _titles(member, "english translator")[0] == "English Translator and Improver"
    assert (
        "Travel Guide" in _titles(member, "I want you to act as a travel guide")[:2]
    )  # with "Time Travel Guide"
    assert "Job Interviewer" in _titles(member, "interviewer")[:3]


MISSES = [  # searches reported as missing the obvious prompt (issue #9), among prompts that share words
    ("Write semgrep rule", "Write a Semgrep rule that flags the insecure pattern in this code."),
    ("Improve academic writing", "Rewrite this paragraph in a formal, academic register."),
    ("Analyze logs", "Find the errors and their likely causes in these log lines."),
    ("Storyteller", "I want you to write a story. Write stories with a rule: end every chapter on a twist."),
    ("Novel writer", "Write a novel chapter. Write vivid scenes; the golden rule is show, don't tell."),
    ("Screenwriter", "Write a screenplay. Write dialogue that follows the rule of three."),
    ("Writing coach", "Improve my writing: make it academic when I ask, casual otherwise. Improve flow."),
    ("Academic essay writer", "Write an academic essay on the topic I give you, improving its structure."),
    ("Server admin", "Analyze the server configuration, the server logs and the server load for me."),
    ("Log parser", "Parse server logs into JSON; analyze fields and server names."),
]


@pytest.fixture
def misses(db):
    owner = UserFactory()
    return {title: make_prompt(owner, title=title, body=body, purpose="") for title, body in MISSES}


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("write a semgrep rule", "Write semgrep rule"),
        ("improve academic writing", "Improve academic writing"),
        ("analyze server logs", "Analyze logs"),  # a near-exact title beats all three words in a body
    ],
)
def test_reported_misses_now_rank_first(misses, member, query, first):
    assert _titles(member, query)[0] == first


def test_stop_words_do_not_widen_or_match_on_their_own(misses, member):
    assert _titles(member, "write a semgrep rule") == _titles(member, "write semgrep rule")
    assert _titles(member, "improve my academic writing") == _titles(member, "improve academic writing")
    for alone in ("a", "my", "how to do it"):
        assert _titles(member, alone) == []


def test_all_words_beat_some_and_side_by_side_beats_apart(member):
    owner = UserFactory()
    for title, body in [
        ("Helper one", "Budget notes for the quarterly review of spending and travel."),
        ("Helper two", "Quarterly budget review: spending, travel and notes for the team."),
        ("Helper three", "Budget notes, travel spending and team plans for each quarter."),
    ]:
        make_prompt(owner, title=title, body=body, purpose="")
    assert _titles(member, "budget review")[:2] == ["Helper two", "Helper one"]  # "budget review" adjacent
    assert _titles(member, "budget review")[2] == "Helper three"  # only one of the words


def test_whole_match_set_is_ranked_so_the_best_is_not_left_out(member, monkeypatch):
    """More matches than a pass keeps: the best one still comes first, whenever it was created."""
    owner = UserFactory()
    make_prompt(owner, title="Budget", body="The budget.", purpose="")
    for i in range(30):
        make_prompt(owner, title=f"Team notes {i}", body="Notes that mention the budget once. " * 3)
    monkeypatch.setattr(selectors.browse, "SEARCH_CANDIDATES", 5)
    results = search_prompts(viewer=member, text="budget")
    assert results.capped and [p.title for p in results.items][0] == "Budget"


def test_snippets_of_a_middling_body_mark_the_word_where_it_is(member):
    """A body of a few thousand characters (the excerpt is cut in Python on SQLite) is marked around
    the first query word, however far in, escaped (PostgreSQL's ts_headline drops the tag)."""
    filler = "Lorem ipsum dolor sit amet consectetur. " * 150  # 6,000 characters
    prompt = make_prompt(
        UserFactory(), title="Middling", body=filler + "Check the <i>invoices</i> twice. " + filler
    )
    snippet = search_prompts(viewer=member, text="invoice").snippets[prompt.pk]
    assert "<mark>invoices</mark>" in snippet and "<i>" not in snippet and "twice" in snippet


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's covering index for FTS5 matches")
def test_every_pass_filters_its_matches_from_the_covering_index(member):
    """The access rule's columns are all in the covering index, and each pass is told to use it: no
    match reads the wide prompt row to be filtered (a common word matched thousands)."""
    from ripple.core.search import ranking
    from ripple.core.search.query import parse
    from ripple.library.models import PROMPT_SEARCH

    for viewer in (member, UserFactory(department=None)):
        queryset = selectors.browse._filtered(viewer, Filters())
        for kind in ("title", "all", "any"):
            sql, params = ranking._pass_sql(queryset, PROMPT_SEARCH, parse("email customer"), kind, 200)
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                plan = " | ".join(row[-1] for row in cursor.fetchall())
            assert f"COVERING INDEX {PROMPT_SEARCH.cover_index}" in plan, plan
