"""The demo organization's spot-the-flaw drills: five real-looking AI answers, each with planted flaws
(a wrong statistic, an invented citation, an off-by-one, a confidently wrong legal date, a subtle SQL
injection) and one clean answer, with attempts by demo people. The demo member has done three, so their
calibration page has something to show (overconfident, like most people at first), and two wait."""

from __future__ import annotations

import random
import re
from datetime import timedelta
from typing import Any

from django.utils import timezone

from ripple.demo.people import MEMBER_EMAIL
from ripple.drills import actions
from ripple.drills.models import Drill
from ripple.people.models import Role, User

CHURN = """Q3 churn summary

Monthly churn fell from 5.0% in Q2 to 4.0% in Q3, a 40% relative improvement. The drop is concentrated in the SMB segment, where churn went from 7.1% to 5.2%.

Customers on annual plans churned at 1.8%, against 6.3% on monthly plans. Moving 500 monthly customers to annual plans would therefore save roughly 225 customers a month.

Recommendation: offer a 15% discount for switching to annual billing before the end of Q4."""

RESEARCH = """Summary: does AI assistance improve support agents' productivity?

Yes. The strongest evidence is a 2023 field study of 5,179 customer-support agents (Brynjolfsson, Li and Raymond, NBER Working Paper 31161), which found that access to a generative AI assistant raised issues resolved per hour by 14% on average, with the largest gains for novice and low-skilled workers.

A follow-up by the MIT Sloan Productivity Lab (Harrison & Oduya, 2024, "Assisted Service at Scale", Journal of Service Economics 41(2), pp. 112–139) replicated the result across 40 companies and found gains of 31% after six months.

Gains were smallest for the most experienced agents, whose quality sometimes dipped slightly."""

PAGING = '''def page_of(items, page, per_page=20):
    """Return the items on `page` (1-based) and whether there is a next page."""
    if page < 1:
        raise ValueError("page starts at 1")
    start = page * per_page
    end = start + per_page
    chunk = items[start:end]
    has_next = end < len(items)
    return chunk, has_next


def last_page(items, per_page=20):
    """The number of the last page (at least 1)."""
    return max(1, (len(items) + per_page - 1) // per_page)'''

GDPR = """Data breach: what we must do and by when

Under the GDPR (Article 33), if a personal data breach is likely to result in a risk to people's rights and freedoms, we must notify the supervisory authority within 7 days of becoming aware of it. If we cannot give all the details at once, we can provide them in phases.

If the risk to individuals is high, we must also tell the affected people without undue delay (Article 34).

The EU AI Act has applied in full since 1 January 2024, so any AI system involved in the breach must also be reported to the AI Office.

Keep an internal record of every breach, including those we did not have to report."""

SQL = '''def search_orders(conn, customer_id, status, sort="created_at"):
    """Orders of one customer with a status, newest first by default."""
    allowed = {"created_at", "total", "status"}
    if sort not in allowed:
        sort = "created_at"
    query = (
        "SELECT id, status, total, created_at FROM orders "
        "WHERE customer_id = %s AND status = %s "
        f"ORDER BY {sort} DESC"
    )
    return conn.execute(query, (customer_id, status)).fetchall()


def orders_by_reference(conn, reference):
    """The order with this reference (what customers quote on the phone)."""
    query = "SELECT id, status, total FROM orders WHERE reference = '" + reference.strip() + "'"
    return conn.execute(query).fetchone()'''

CLEAN = """Formula: =IFERROR(VLOOKUP(A2, Prices!A:B, 2, FALSE), "not found")

What it does: looks up the product code in A2 in the first column of the Prices sheet and returns the price beside it, from column B. FALSE asks for an exact match, so a code that is not in the list does not pick up the nearest one. IFERROR turns the #N/A error for a missing code into the text "not found"."""

DRILLS: list[dict[str, Any]] = [
    {
        "title": "Q3 churn summary for the leadership meeting",
        "kind": "text", "tool": "ChatGPT (GPT-4o)", "output": CHURN, "days_ago": 40,
        "prompt": "Here is our churn table for Q2 and Q3 (pasted). Write a short summary with one recommendation.",
        "flaws": [
            {"quote": "a 40% relative improvement", "severity": "major",
             "explanation": "From 5.0% to 4.0% is a 20% relative improvement (1 point out of 5), not 40%."},
            {"quote": "roughly 225 customers a month", "severity": "major",
             "explanation": "500 × (6.3% − 1.8%) is about 22 customers a month, not 225: a decimal slip. It also "
                            "assumes switching causes the lower churn, when loyal customers are the ones who "
                            "choose annual plans."},
        ],
    },
    {
        "title": "Research summary: AI and support-agent productivity",
        "kind": "text", "tool": "Perplexity", "output": RESEARCH, "days_ago": 30,
        "prompt": "Summarise the research on whether generative AI improves customer support productivity. Cite sources.",
        "flaws": [
            {"quote": "A follow-up by the MIT Sloan Productivity Lab (Harrison & Oduya, 2024, \"Assisted Service at Scale\", Journal of Service Economics 41(2), pp. 112–139)",
             "severity": "critical",
             "explanation": "This study, its authors and the journal issue do not exist: a hallucinated citation "
                            "with convincing detail (volume, pages). Always open the source."},
            {"quote": "found gains of 31% after six months", "severity": "major",
             "explanation": "The number comes from the invented study, so it must not be repeated anywhere."},
        ],
    },
    {
        "title": "Pagination helper from the code assistant",
        "kind": "code", "language": "python", "tool": "GitHub Copilot", "output": PAGING, "days_ago": 21,
        "prompt": "Write a Python function that returns one page of a list (pages start at 1) and whether there is a next page.",
        "flaws": [
            {"lines": "5", "severity": "critical",
             "explanation": "Off by one: pages are 1-based, so the start is (page - 1) * per_page. As written, "
                            "page 1 skips the first 20 items and the last page is always empty."},
        ],
    },
    {
        "title": "Breach notification: the rules in one page",
        "kind": "text", "tool": "Claude", "output": GDPR, "days_ago": 14,
        "prompt": "Explain in plain words what we have to do legally if we have a personal data breach, with deadlines.",
        "flaws": [
            {"quote": "within 7 days of becoming aware of it", "severity": "critical",
             "explanation": "Article 33 GDPR: without undue delay and, where feasible, within 72 hours — not 7 days."},
            {"quote": "The EU AI Act has applied in full since 1 January 2024, so any AI system involved in the breach must also be reported to the AI Office.",
             "severity": "major",
             "explanation": "Wrong date and wrong duty: the AI Act entered into force on 1 August 2024 and applies in "
                            "stages until 2026–2027; it has no general duty to report a data breach to the AI Office."},
        ],
    },
    {
        "title": "Order search queries (code review)",
        "kind": "code", "language": "python", "tool": "ChatGPT (GPT-4o)", "output": SQL, "days_ago": 7,
        "prompt": "Write two functions for our order lookup: by customer and status (sortable), and by order reference.",
        "flaws": [
            {"quote": "\"SELECT id, status, total FROM orders WHERE reference = '\" + reference.strip() + \"'\"",
             "severity": "critical",
             "explanation": "SQL injection: the reference customers type is pasted into the query. Pass it as a "
                            "parameter (WHERE reference = %s). The ORDER BY above is safe: it is checked against an "
                            "allow-list."},
        ],
    },
    {
        "title": "Explain this spreadsheet formula",
        "kind": "text", "tool": "Microsoft Copilot", "output": CLEAN, "days_ago": 3,
        "prompt": "Explain what this formula does in plain words: =IFERROR(VLOOKUP(A2, Prices!A:B, 2, FALSE), \"not found\")",
        "flaws": [],
    },
]  # fmt: skip

REASONS = [
    "This looks wrong to me.",
    "I checked this and it does not add up.",
    "I doubt this is true.",
    "Would not trust this without a source.",
    "This would break in production.",
]
FALSE_ALARMS = ["The drop is concentrated", "Gains were smallest", "def last_page", "Keep an internal record",
                "allowed = {", "FALSE asks for an exact match", "without undue delay"]  # fmt: skip


def _marks(rng: random.Random, output: str, drill: Drill, skill: float) -> list[dict[str, Any]]:
    marks: list[dict[str, Any]] = []
    for flaw in drill.flaws.all():
        if rng.random() < skill:
            # Most people mark a part of the flaw (whole words), not all of it.
            words = [(w.start(), w.end()) for w in re.finditer(r"\S+", output[flaw.start : flaw.end])]
            first = rng.randint(0, max(0, len(words) // 4))
            last = len(words) - 1 - rng.randint(0, max(0, len(words) // 4))
            start, end = flaw.start + words[first][0], flaw.start + words[max(first, last)][1]
            marks.append({"start": start, "end": end, "reason": rng.choice(REASONS)})
    if rng.random() < 0.35:
        options = [q for q in FALSE_ALARMS if q in output]
        if options:
            marks.append({"quote": rng.choice(options), "reason": "Not sure this is right."})
    return marks


def build_drills(*, rng: random.Random) -> None:
    if Drill.objects.exists():
        return
    people = list(User.objects.filter(is_active=True).order_by("pk"))
    facilitators = [p for p in people if p.role in (Role.FACILITATOR, Role.ADMIN)]
    if not facilitators or len(people) < 12:
        return
    member = next((p for p in people if p.email == MEMBER_EMAIL), None)
    now = timezone.now()
    for i, spec in enumerate(DRILLS):
        author = facilitators[i % len(facilitators)]
        created = now - timedelta(days=spec["days_ago"])
        drill = actions.drill_create(
            actor=author, title=spec["title"], kind=spec["kind"], language=spec.get("language", ""),
            tool=spec["tool"], prompt=spec["prompt"], output=spec["output"], flaws=spec["flaws"], now=created,
        )  # fmt: skip
        pool = [p for p in people if p.pk != author.pk and p != member]
        takers = rng.sample(pool, k=min(len(pool), rng.randint(9, 22)))
        if member is not None and i < 3:
            takers.append(member)
        for n, person in enumerate(takers):
            skill = rng.uniform(0.3, 0.9)
            confidence = max(50, min(100, round(rng.gauss(78, 10))))  # people start out overconfident
            actions.attempt_submit(
                actor=person, drill=drill, marks=_marks(rng, drill.output, drill, skill), confidence=confidence,
                now=created + timedelta(hours=2 + 5 * n),
            )  # fmt: skip
