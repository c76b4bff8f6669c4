"""Prompt library: search at 10,000 and at 100,000 prompts side by side, list and prompt pages against
a bare Django view. Rows are real prompts.chat text (CC0), varied and bulk-inserted."""

from __future__ import annotations

import csv
import os
import random
import sys
import time

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client

from ripple.core import search as core_search
from ripple.library import actions, importing
from ripple.library.importing import PROMPTS_CHAT_CSV
from ripple.library.models import PROMPT_SEARCH, Prompt, Tool
from ripple.library.selectors import search_prompts
from ripple.people.models import Department, User
from tests.bench.harness import Report, median_seconds
from tests.library.relevance import QUERIES, evaluate

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
TOOLS = list(Tool.values)
TAGS = ["sales", "email", "contracts", "finance", "excel", "support", "sql", "hiring", "policy", "writing"]


def _texts() -> list[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with PROMPTS_CHAT_CSV.open(newline="", encoding="utf-8") as stream:
        return [(row["act"][:150], row["prompt"][:1500]) for row in csv.DictReader(stream)]


def _add_prompts(n: int, start: int, owners: list[User], departments: list[Department], texts) -> float:
    """Insert `n` prompts with bulk_create (the database triggers index them); returns rows per second."""
    rng = random.Random(start)
    began = time.perf_counter()
    batch: list[Prompt] = []
    for i in range(start, start + n):
        title, body = texts[i % len(texts)]
        tags = rng.sample(TAGS, 2)
        owner = owners[i % len(owners)]
        batch.append(
            Prompt(
                title=f"{title} #{i}",
                body=body,
                purpose="",
                tools=rng.sample(TOOLS, 1),
                tags=tags,
                tags_text=" ".join(tags),
                owner=owner,
                department=departments[i % len(departments)],
                visibility="everyone" if i % 10 else "private",
                reuse_count=rng.randrange(40),
                minutes_saved_total=rng.randrange(900),
            )
        )
        if len(batch) == 2000:
            Prompt.objects.bulk_create(batch)
            batch = []
    if batch:
        Prompt.objects.bulk_create(batch)
    rate = n / (time.perf_counter() - began)
    # A live database has planner statistics (autovacuum, `PRAGMA optimize`); a freshly bulk-loaded
    # one does not, and PostgreSQL then sorted the whole table for the list page.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return rate


# A word in a few prompts, one in about a third of them (in many titles), one as common that titles
# seldom use (the any-word pass runs), and a five-word request (stop words aside).
SEARCHES = {
    "rare word": "pomodoro",
    "common word": "write",
    "common body word": "provide",
    "five words": "write a short story for children about dragons",
}


def _relevance(report: Report, owner: User) -> None:
    """The labelled queries over the real export alone (imported with the library's importer)."""
    with PROMPTS_CHAT_CSV.open("rb") as stream:
        created = importing.import_rows(actor=owner, rows=importing.parse(stream, "csv")).created
    began = time.perf_counter()
    scores = evaluate(lambda q: [p.title for p in search_prompts(viewer=owner, text=q, size=5).items])
    elapsed = (time.perf_counter() - began) / len(QUERIES)
    label = f"relevance top-1 ({len(QUERIES)} labelled queries, {len(created):,} real prompts)"
    report.share(label, scores.top1, "≥ 70 %")
    report.share("relevance top-5", scores.top5, "≥ 90 %")
    report.rows.append(("relevance MRR", f"{scores.mrr:.2f}", ""))
    report.time("relevance: mean search (selector)", elapsed)
    Prompt.objects.filter(pk__in=[p.pk for p in created]).delete()


def _matches(text: str) -> int:
    return core_search.matching(Prompt.objects.all(), PROMPT_SEARCH, text).count()


def run(report: Report) -> None:
    report.section("prompt library")
    texts = _texts()
    password = make_password("bench-password-123")
    departments = [Department.objects.get_or_create(name=f"Library dept {i}")[0] for i in range(6)]
    owners = [
        User.objects.create(email=f"lib{i}@example.org", name=f"Library Owner {i}", password=password,
                            department=departments[i % 6])
        for i in range(20)
    ]  # fmt: skip
    viewer = owners[0]
    _relevance(report, owners[19])
    small, large = int(10_000 * SCALE) or 100, int(100_000 * SCALE) or 1000
    rate = _add_prompts(small, 0, owners, departments, texts)
    page_prompt = actions.prompt_create(
        actor=owners[1],
        title="Renewal email for {{customer}}",
        body="Write a renewal email to {{customer}} in a {{tone:warm|formal}} tone about {{topic:pricing}}.",
        check_output="Check names and numbers.",
        tags=["sales", "email"],
    )
    for person in owners[2:12]:
        actions.reuse_record(actor=person, prompt=page_prompt, minutes_saved=20)
        actions.prompt_fork(actor=person, prompt=page_prompt)
    collection = actions.collection_create(actor=viewer, title="Bench pack")
    actions.collection_add(actor=viewer, collection=collection, prompt=page_prompt)
    client = Client()
    client.force_login(viewer)
    queries = ["contract review", "act as a translator", "sql database query", "marketing"]

    def floor() -> None:
        client.get("/healthz")

    def listing() -> None:
        assert client.get("/library/").status_code == 200

    def search() -> None:
        for q in queries:
            assert client.get("/library/", {"q": q}).status_code == 200

    def one_search(text: str):
        return lambda: client.get("/library/", {"q": text}).status_code == 200 or None

    def prompt_page() -> None:
        assert client.get(page_prompt.get_absolute_url()).status_code == 200

    def family_and_collection() -> None:
        assert client.get(f"{page_prompt.get_absolute_url()}lineage/").status_code == 200
        assert client.get(collection.get_absolute_url()).status_code == 200

    t_floor = median_seconds(floor)
    t_list_small, t_search_small = median_seconds(listing), median_seconds(search, repeat=7) / len(queries)
    t_prompt, t_family = median_seconds(prompt_page), median_seconds(family_and_collection)
    t_kinds_small = {kind: median_seconds(one_search(q), repeat=9) for kind, q in SEARCHES.items()}
    matches_small = {kind: _matches(q) for kind, q in SEARCHES.items()}
    rate_large = _add_prompts(large - small, small, owners, departments, texts)
    t_list_large, t_search_large = median_seconds(listing), median_seconds(search, repeat=7) / len(queries)
    t_prompt_large, t_family_large = median_seconds(prompt_page), median_seconds(family_and_collection)
    t_kinds_large = {kind: median_seconds(one_search(q), repeat=9) for kind, q in SEARCHES.items()}
    matches_large = {kind: _matches(q) for kind, q in SEARCHES.items()}
    report.rate("bulk insert (indexed by triggers)", (rate + rate_large) / 2)
    report.time("bare Django view (/healthz)", t_floor)
    report.time(f"library search, {small:,} prompts (mean of {len(queries)} queries)", t_search_small)
    report.time(f"library search, {large:,} prompts", t_search_large)
    report.ratio(f"search {large:,} ÷ {small:,} prompts", t_search_large / t_search_small, "≤ 2")
    for kind, text in SEARCHES.items():
        report.time(f"search page, {kind} “{text}”, {small:,} prompts ({matches_small[kind]:,} match)",
                    t_kinds_small[kind])  # fmt: skip
        report.time(f"search page, {kind}, {large:,} prompts ({matches_large[kind]:,} match)",
                    t_kinds_large[kind])  # fmt: skip
        report.ratio(f"search page, {kind}: {large:,} ÷ {small:,}", t_kinds_large[kind] / t_kinds_small[kind],
                     "(reported: whole match set ranked)")  # fmt: skip
    report.time(f"library list, {small:,} prompts", t_list_small)
    report.ratio(f"library list {large:,} ÷ {small:,}", t_list_large / t_list_small, "≤ 1.3")
    report.time(f"prompt page, {small:,} prompts", t_prompt)
    report.ratio(f"prompt page {large:,} ÷ {small:,}", t_prompt_large / t_prompt, "≤ 1.3")
    report.ratio(f"lineage + collection pages {large:,} ÷ {small:,}", t_family_large / t_family, "≤ 1.3")
    report.ratio("prompt page ÷ bare view", t_prompt_large / t_floor, "≤ 10 × fortunes (~50×)")
