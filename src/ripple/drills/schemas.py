"""Drills API shapes. Inputs are `core.api.In`; people are `PersonRef`. No shape carries the key
except those returned after the viewer's attempt (or to the author), and none carries another
person's attempt or calibration."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from ripple.core.api import Id, In, Page
from ripple.people.schemas import PersonRef


class SpanIn(In):
    """Where: `start`/`end` (character offsets of the output, end exclusive), or an exact `quote`
    (its `occurrence`-th appearance), or `lines` ("12" or "12-14")."""

    start: int | None = None
    end: int | None = None
    quote: str | None = Field(None, max_length=4000)
    occurrence: int | None = None
    lines: str | None = Field(None, max_length=20)


class FlawIn(SpanIn):
    explanation: str = Field(max_length=4000)
    severity: Literal["minor", "major", "critical"] = "major"


class DrillIn(In):
    title: str = Field(max_length=160)
    kind: Literal["text", "code"] = "text"
    language: str = Field("", max_length=40)
    tool: str = Field("", max_length=80, description="The model or tool that produced the output")
    prompt: str = Field(max_length=8000)
    output: str = Field(max_length=20000)
    flaws: list[FlawIn] = Field(default=[], description="The private answer key")
    space_id: Id | None = Field(None, description="A cohort's space (members only see the drill if private)")
    week: int | None = Field(None, description="The cohort week (with space_id)")
    challenge_id: Id | None = None


class MarkIn(SpanIn):
    reason: str = Field("", max_length=2000)


class AttemptIn(In):
    marks: list[MarkIn] = []
    confidence: int = Field(description="How sure you are that your marks are right: 50–100 (%)")


class DrillSummaryOut(Schema):
    id: int
    url: str
    title: str
    kind: str
    language: str
    tool: str
    created_at: datetime
    created_by: PersonRef
    space_id: int | None
    week: int | None
    challenge_id: int | None
    attempt_count: int
    status: Literal["todo", "attempted", "gave_up", "author"]


DrillPage = Page[DrillSummaryOut]


class FlawOut(Schema):
    position: int
    start: int
    end: int
    quote: str
    explanation: str
    severity: str
    found: bool | None = Field(None, description="Whether your attempt found it (null: no attempt)")


class DrillOut(DrillSummaryOut):
    prompt: str
    output: str
    key: list[FlawOut] | None = Field(description="Null until you have submitted an attempt (or gave up)")


class MarkOut(Schema):
    start: int
    end: int
    quote: str
    reason: str
    outcome: Literal["found", "duplicate", "false_alarm"]
    flaw_position: int | None


class AttemptOut(Schema):
    id: int
    drill_id: int
    confidence: int
    submitted_at: datetime
    found: int
    missed: int
    false_alarms: int
    score: float = Field(description="found / (flaws + false alarms), 0–1")
    marks: list[MarkOut]
    key: list[FlawOut]


class FlawShareOut(Schema):
    position: int
    found_share: int = Field(description="Percent of attempts that found this flaw")


class DrillResultsOut(Schema):
    suppressed: bool
    k: int
    reason: str = ""
    people: int | None = None
    attempts: int | None = None
    mean_confidence: float | None = None
    mean_score: float | None = None
    gap: float | None = None
    brier: float | None = None
    mean_found: float | None = None
    mean_false_alarms: float | None = None
    flaws: list[FlawShareOut] | None = None


class BucketOut(Schema):
    label: str
    count: int
    mean_confidence: float | None
    mean_score: float | None


class CalibrationOut(Schema):
    n: int
    brier: float | None
    mean_confidence: float | None
    mean_score: float | None
    gap: float | None = Field(
        description="Mean confidence minus mean score, in points (positive: overconfident)"
    )
    buckets: list[BucketOut]


def status(drill: Any, viewer_id: int) -> str:
    if drill.created_by_id == viewer_id:
        return "author"
    if getattr(drill, "attempted", False):
        return "attempted"
    return "gave_up" if getattr(drill, "gave_up", False) else "todo"


def summary(drill: Any, viewer_id: int) -> dict[str, Any]:
    return {
        "id": drill.pk, "url": drill.get_absolute_url(), "title": drill.title, "kind": drill.kind,
        "language": drill.language, "tool": drill.tool, "created_at": drill.created_at,
        "created_by": drill.created_by, "space_id": drill.space_id, "week": drill.week,
        "challenge_id": drill.challenge_id, "attempt_count": drill.attempt_count,
        "status": status(drill, viewer_id),
    }  # fmt: skip


def flaw_out(drill: Any, flaw: Any, found: set[int] | None) -> dict[str, Any]:
    return {
        "position": flaw.position, "start": flaw.start, "end": flaw.end,
        "quote": drill.output[flaw.start : flaw.end], "explanation": flaw.explanation,
        "severity": flaw.severity, "found": None if found is None else flaw.pk in found,
    }  # fmt: skip


def attempt_out(drill: Any, attempt: Any, flaws: list[Any]) -> dict[str, Any]:
    positions = {f.pk: f.position for f in flaws}
    marks = list(attempt.marks.all())
    found = {m.flaw_id for m in marks if m.flaw_id}
    return {
        "id": attempt.pk, "drill_id": drill.pk, "confidence": attempt.confidence,
        "submitted_at": attempt.submitted_at, "found": attempt.found, "missed": attempt.missed,
        "false_alarms": attempt.false_alarms, "score": round(attempt.score, 3),
        "marks": [
            {
                "start": m.start, "end": m.end, "quote": drill.output[m.start : m.end], "reason": m.reason,
                "outcome": "found" if m.flaw_id else "duplicate" if m.duplicate else "false_alarm",
                "flaw_position": positions.get(m.flaw_id) if m.flaw_id else None,
            }
            for m in marks
        ],
        "key": [flaw_out(drill, f, found) for f in flaws],
    }  # fmt: skip
