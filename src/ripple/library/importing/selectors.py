"""Reads for an import: what the database says about parsed rows (departments, duplicates), and jobs.

Exact duplicates (same title and body) are skipped. Near-duplicates (near_duplicates: the same or
nearly the same title by the library's search ranking, and a very similar body) are imported but
flagged in the preview, so a person sees "this looks like a prompt you already have" before saving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from django.http import Http404

from ripple.core import search
from ripple.library.access import visible_prompts
from ripple.library.importing.rows import PromptRow
from ripple.library.models import PROMPT_SEARCH, ImportJob, ImportStatus, Prompt, Visibility
from ripple.people.models import Department, User


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def check_rows(*, actor: User, rows: list[PromptRow], near: bool = False) -> list[PromptRow]:
    """Mark departments that do not exist and exact duplicates (same title and body as a prompt
    `actor` can see, or as an earlier row); with `near` (the preview), near-duplicates too.
    Reads only; returns `rows`."""
    names = sorted({r.department.casefold() for r in rows if r.department})
    departments = {d.name.casefold(): d for d in Department.objects.all()} if names else {}
    titles = sorted({r.title for r in rows if r.title and r.body})
    existing: set[tuple[str, str]] = set()
    for chunk in _chunks(titles):
        existing.update(visible_prompts(actor).filter(title__in=chunk).values_list("title", "body"))
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        row.duplicate_of = ""
        if row.department:
            department = departments.get(row.department.casefold())
            if department is None:
                message = f"no department is called “{row.department}”"
                if message not in row.errors:
                    row.errors.append(message)
            else:
                row.department_id = department.pk
        if row.visibility == Visibility.DEPARTMENT and not (row.department_id or actor.department_id):
            message = "visibility “department” needs a department"
            if message not in row.errors:
                row.errors.append(message)
        if row.errors:
            continue
        if row.key in existing:
            row.duplicate_of = "an existing prompt"
        elif row.key in seen:
            row.duplicate_of = seen[row.key]
        else:
            seen[row.key] = row.where
    if near:
        near_duplicates(actor=actor, rows=rows)
    return rows


# --- near-duplicates -------------------------------------------------------------------------------

NEAR_BODY = 0.8  # share of the bodies' word triples in common (Jaccard) that counts as "very similar"
NEAR_HITS = 5  # best-ranked prompts compared with a candidate row
NEAR_RANKED = 100  # distinct titles ranked per file at most; past that, the titles' scan alone picks
_BODY_CHARS = 20_000  # of each body, enough to tell
_WORDS = re.compile(r"\w+")


def _title_key(title: str) -> frozenset[str]:
    """The title's searchable words (stop words and case aside, as the ranking reads them)."""
    return frozenset(search.parse(title + " ").words)


def _shorter(key: frozenset[str]) -> Iterable[frozenset[str]]:
    """The key less each of its words, when at least two words are left."""
    if len(key) > 2:
        for word in key:
            yield key - {word}


def _close(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two titles' keys are the same, or one is the other with one word more ("Note-Taking Assistant" /
    "Act as a Note-Taking Assistant"); not one word swapped ("Life Coach" / "Career Coach")."""
    return (
        a == b
        or (len(a) > 2 and len(a) == len(b) + 1 and b < a)
        or (len(b) > 2 and len(b) == len(a) + 1 and a < b)
    )


def _lookup(
    key: frozenset[str],
    by_key: dict[frozenset[str], list[PromptRow]],
    by_shorter: dict[frozenset[str], list[PromptRow]],
) -> Iterator[PromptRow]:
    """The rows whose title is close to one with `key` (see _close), each once."""
    if not key:
        return
    seen: set[int] = set()
    for row in [
        *by_key.get(key, ()),
        *by_shorter.get(key, ()),
        *(r for s in _shorter(key) for r in by_key.get(s, ())),
    ]:
        if id(row) not in seen:
            seen.add(id(row))
            yield row


def _triples(text: str) -> frozenset[tuple[str, ...]]:
    words = _WORDS.findall(text[:_BODY_CHARS].casefold())
    if len(words) < 3:
        return frozenset([tuple(words)])
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def _similar(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= NEAR_BODY


def near_duplicates(*, actor: User, rows: list[PromptRow]) -> int:
    """Flag the new rows (no problem, not an exact duplicate) that look like an earlier row or a prompt
    `actor` can see: a title with the same searchable words or one word more or less, and a body sharing
    NEAR_BODY of its word triples. Sets `near_duplicate_of` (and `near_duplicate_id`); returns how many.

    Queries: one for every visible title (streamed; matched in memory against the file's titles, so the
    cost is one scan, not one query per row), then one `core.search.rank` query (the library's
    ranking) per distinct title with a close match (at most NEAR_RANKED), and one for the bodies."""
    new = [r for r in rows if not r.errors and not r.duplicate_of and r.title and r.body]
    keys = {id(r): _title_key(r.title) for r in new}
    triples = {id(r): _triples(r.body) for r in new}
    by_key: dict[frozenset[str], list[PromptRow]] = {}  # rows by their key
    by_shorter: dict[frozenset[str], list[PromptRow]] = {}  # rows by their key less one word
    for row in new:  # earlier rows in the same file
        key = keys[id(row)]
        if not key:
            continue
        earlier = [*_lookup(key, by_key, by_shorter)]
        match = next((e for e in earlier if _similar(triples[id(e)], triples[id(row)])), None)
        if match is not None:
            row.near_duplicate_of = match.where
        by_key.setdefault(key, []).append(row)
        for shorter in _shorter(key):
            by_shorter.setdefault(shorter, []).append(row)
    waiting = {id(r): r for r in new if not r.near_duplicate_of and keys[id(r)]}
    if not waiting:
        return sum(1 for r in new if r.near_duplicate_of)
    visible = visible_prompts(actor)
    close: dict[int, list[int]] = {}  # row → prompts whose title is close, from the scan
    rows_by_id = {id(r): r for r in new}
    for pk, title in visible.values_list("pk", "title").iterator(chunk_size=5_000):
        for row in _lookup(_title_key(title), by_key, by_shorter):
            if id(row) in waiting and len(close.setdefault(id(row), [])) < NEAR_HITS:
                close[id(row)].append(pk)
    ranked: dict[frozenset[str], list[int]] = {}
    for row_id in close:  # the library's ranking orders what each is compared with: once per title
        key = keys[row_id]
        if key not in ranked and len(ranked) < NEAR_RANKED:
            ranking = search.rank(visible, PROMPT_SEARCH, rows_by_id[row_id].title + " ", limit=NEAR_HITS)
            ranked[key] = [hit.id for hit in ranking.hits[:NEAR_HITS]]
    compare = {
        row_id: list(dict.fromkeys([*ranked.get(keys[row_id], []), *pks])) for row_id, pks in close.items()
    }
    wanted = {pk for pks in compare.values() for pk in pks}
    found = (
        {p.pk: p for p in Prompt.objects.filter(pk__in=wanted).only("pk", "title", "body")} if wanted else {}
    )
    for row_id, pks in compare.items():
        row, key, body = rows_by_id[row_id], keys[row_id], triples[row_id]
        for pk in pks:
            prompt = found.get(pk)
            if prompt is None or not _close(key, _title_key(prompt.title)):
                continue
            if _similar(_triples(prompt.body), body):
                row.near_duplicate_of, row.near_duplicate_id = f"“{prompt.title}”", pk
                break
    return sum(1 for r in new if r.near_duplicate_of)


def import_job(*, viewer: User, job_id: object, staged: bool | None = None) -> ImportJob:
    """`viewer`'s own import job (404 for anyone else's, an unknown id or an expired upload); with
    `staged=True` only one still waiting for confirmation, with `staged=False` only one handed over."""
    jobs = ImportJob.objects.filter(owner=viewer).defer("data")
    if staged is True:
        jobs = jobs.filter(status=ImportStatus.STAGED)
    elif staged is False:
        jobs = jobs.exclude(status=ImportStatus.STAGED)
    try:
        job = jobs.filter(pk=str(job_id)).first()
    except (ValueError, TypeError, ValidationError):
        job = None
    if job is None:
        raise Http404("That import is not there any more; choose the file again.")
    return job


def staged_file(*, viewer: User, job_id: object) -> ImportJob:
    """A staged upload with its bytes, for the preview and the confirm."""
    job = import_job(viewer=viewer, job_id=job_id, staged=True)
    job.refresh_from_db(fields=["data"])
    return job
