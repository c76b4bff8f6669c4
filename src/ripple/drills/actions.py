"""Every write of the drills app: posting a drill with its key, submitting an attempt, giving up to see
the key. Keyword-only; each checks its rule in `access` and refuses bad input with a ValidationError
naming the field, before anything is written."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ripple.core.api import text_problem
from ripple.drills import access
from ripple.drills.models import (
    MAX_CONFIDENCE,
    MAX_FLAWS,
    MAX_MARKS,
    MAX_OUTPUT,
    MIN_CONFIDENCE,
    Attempt,
    Drill,
    Flaw,
    KeyView,
    Mark,
    OutputKind,
    Severity,
)
from ripple.drills.scoring import Span, line_span, score_marks
from ripple.people.models import User
from ripple.spaces.models import Space

LINES = re.compile(r"^\s*(\d{1,6})\s*(?:[-–]\s*(\d{1,6}))?\s*$")


def _text(value: Any, field: str, *, limit: int, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise ValidationError({field: "Must be text."})
    problem = text_problem(text)
    if problem:
        raise ValidationError({field: problem})
    if required and not text:
        raise ValidationError({field: "This field is required."})
    if len(text) > limit:
        raise ValidationError({field: f"At most {limit:,} characters."})
    return text


def normalise_output(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def resolve_span(output: str, item: Mapping[str, Any], label: str) -> Span:
    """The span an input names: `start`/`end` character offsets, or an exact `quote` of the output
    (its `occurrence`-th appearance, 1 by default), or `lines` ("12" or "12-14", 1-based)."""
    start, end = item.get("start"), item.get("end")
    quote, lines = item.get("quote") or "", (item.get("lines") or "").strip()
    if start is not None or end is not None:
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            raise ValidationError(f"{label}: give both start and end as whole numbers.")
        if not 0 <= start < end <= len(output):
            raise ValidationError(
                f"{label}: the span {start}–{end} is outside the text (it has {len(output)} characters)."
            )
        return Span(start, end)
    if quote:
        quote = normalise_output(quote)
        occurrence = item.get("occurrence") or 1
        if not isinstance(occurrence, int) or occurrence < 1:
            raise ValidationError(f"{label}: occurrence must be 1 or more.")
        at = -1
        for _ in range(occurrence):
            at = output.find(quote, at + 1)
            if at < 0:
                raise ValidationError(
                    f"{label}: “{quote[:60]}” does not appear in the text (quote it exactly)."
                )
        return Span(at, at + len(quote))
    if lines:
        match = LINES.match(lines)
        span = None
        if match:
            first = int(match.group(1))
            span = line_span(output, first, int(match.group(2) or first))
        if span is None:
            count = output.count("\n") + 1
            raise ValidationError(f"{label}: lines “{lines}” are not in the text (it has {count} lines).")
        return span
    raise ValidationError(f"{label}: say where — select the text, quote it, or give line numbers.")


def _clean_flaws(output: str, flaws: Sequence[Mapping[str, Any]]) -> list[tuple[Span, str, str]]:
    if len(flaws) > MAX_FLAWS:
        raise ValidationError({"flaws": f"At most {MAX_FLAWS} flaws."})
    cleaned: list[tuple[Span, str, str]] = []
    problems: list[str] = []
    for i, item in enumerate(flaws, start=1):
        try:
            span = resolve_span(output, item, f"Flaw {i}")
            explanation = _text(item.get("explanation"), "explanation", limit=4000)
        except ValidationError as exc:
            problems.extend(
                f"Flaw {i}: the explanation is required (or too long)." if hasattr(exc, "error_dict") else m
                for m in exc.messages
            )
            continue
        severity = item.get("severity") or Severity.MAJOR
        if severity not in Severity.values:
            problems.append(f"Flaw {i}: severity must be one of {', '.join(Severity.values)}.")
            continue
        cleaned.append((span, explanation, severity))
    if problems:
        raise ValidationError({"flaws": problems})
    return cleaned


@transaction.atomic
def drill_create(
    *,
    actor: User,
    title: str,
    output: str,
    prompt: str,
    flaws: Sequence[Mapping[str, Any]],
    kind: str = OutputKind.TEXT,
    language: str = "",
    tool: str = "",
    space: Space | None = None,
    week: int | None = None,
    challenge_id: int | None = None,
    now: datetime | None = None,
) -> Drill:
    """Post a drill and its private key. `flaws`: dicts with a span (`start`/`end`, `quote`, or `lines`),
    `explanation` and `severity`. A drill may have no flaw at all (a clean output is a fair test)."""
    access.require_create(actor, space)
    title = _text(title, "title", limit=160)
    prompt = _text(prompt, "prompt", limit=8000)
    output = normalise_output(output if isinstance(output, str) else "")
    if not output.strip():
        raise ValidationError({"output": "Paste the AI output to examine."})
    if len(output) > MAX_OUTPUT:
        raise ValidationError({"output": f"At most {MAX_OUTPUT:,} characters."})
    if kind not in OutputKind.values:
        raise ValidationError({"kind": "Choose text or code."})
    language = _text(language, "language", limit=40, required=False)
    tool = _text(tool, "tool", limit=80, required=False)
    if week is not None and (space is None or not 1 <= week <= 52):
        raise ValidationError({"week": "A week (1–52) belongs to a drill in a cohort's space."})
    cleaned = _clean_flaws(output, flaws)
    drill = Drill.objects.create(
        title=title, kind=kind, language=language, tool=tool, prompt=prompt, output=output,
        created_by=actor, created_at=now or timezone.now(), space=space, week=week, challenge_id=challenge_id,
    )  # fmt: skip
    Flaw.objects.bulk_create(
        Flaw(drill=drill, position=i, start=s.start, end=s.end, explanation=why, severity=sev)
        for i, (s, why, sev) in enumerate(sorted(cleaned, key=lambda c: (c[0].start, c[0].end)), start=1)
    )
    return drill


def _clean_confidence(value: Any) -> int:
    try:
        confidence = int(value) if not isinstance(value, bool) and value not in (None, "") else None
    except (TypeError, ValueError):
        confidence = None
    if confidence is None or isinstance(value, float) and value != int(value):
        raise ValidationError({"confidence": "Say how sure you are, as a whole number from 50 to 100."})
    if not MIN_CONFIDENCE <= confidence <= MAX_CONFIDENCE:
        raise ValidationError(
            {"confidence": f"Confidence must be between {MIN_CONFIDENCE} and {MAX_CONFIDENCE} %."}
        )
    return confidence


def _clean_marks(output: str, marks: Sequence[Mapping[str, Any]]) -> list[tuple[Span, str]]:
    if len(marks) > MAX_MARKS:
        raise ValidationError({"marks": f"At most {MAX_MARKS} marks."})
    cleaned: list[tuple[Span, str]] = []
    problems: list[str] = []
    for i, item in enumerate(marks, start=1):
        try:
            span = resolve_span(output, item, f"Mark {i}")
            reason = _text(item.get("reason"), "reason", limit=2000, required=False)
        except ValidationError as exc:
            problems.extend(
                f"Mark {i}: the reason is too long." if hasattr(exc, "error_dict") else m
                for m in exc.messages
            )
            continue
        cleaned.append((span, reason))
    if problems:
        raise ValidationError({"marks": problems})
    return cleaned


@transaction.atomic
def attempt_submit(
    *,
    actor: User,
    drill: Drill,
    marks: Sequence[Mapping[str, Any]],
    confidence: Any,
    now: datetime | None = None,
) -> Attempt:
    """Submit `actor`'s one attempt: marks (spans as in `resolve_span`, each with a `reason`) and overall
    confidence 50–100. Scored against the key at once and locked. Refused (nothing written) after an
    attempt, after seeing the key, for the drill's author, and for bad input."""
    Drill.objects.select_for_update(no_key=True).filter(pk=drill.pk).first()  # one attempt at a time
    access.refuse_attempt(actor, drill)
    confidence = _clean_confidence(confidence)
    cleaned = _clean_marks(drill.output, marks)
    flaws = list(Flaw.objects.filter(drill=drill).order_by("position"))
    result = score_marks([s for s, _ in cleaned], [Span(f.start, f.end) for f in flaws])
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                drill=drill, person=actor, confidence=confidence, submitted_at=now or timezone.now(),
                found=result.found, missed=result.missed, false_alarms=result.false_alarms,
                score=result.score, department_id=actor.department_id,
            )  # fmt: skip
    except IntegrityError as exc:
        raise ValidationError({"drill": "You have already submitted an attempt: it is locked."}) from exc
    Mark.objects.bulk_create(
        Mark(
            attempt=attempt,
            start=span.start,
            end=span.end,
            reason=reason,
            flaw=None if result.flaw_of_mark[i] is None else flaws[result.flaw_of_mark[i]],  # type: ignore[index]
            duplicate=result.duplicate[i],
        )  # fmt: skip
        for i, (span, reason) in enumerate(cleaned)
    )
    Drill.objects.filter(pk=drill.pk).update(attempt_count=F("attempt_count") + 1)
    return attempt


@transaction.atomic
def reveal_key(*, actor: User, drill: Drill, now: datetime | None = None) -> bool:
    """`actor` gives up and sees the key: recorded, so an attempt is refused from now on. True when this
    is new (nothing is recorded for the author or someone who already attempted)."""
    state = access.state(actor, drill)
    if state["see_key"]:
        return False
    _, created = KeyView.objects.get_or_create(
        drill=drill, person=actor, defaults={"seen_at": now or timezone.now()}
    )
    return created
