"""Every read of the drills app. Lists apply the spaces rule through `access.visible_drills`; figures
about several people are suppressed below k (`access.min_group`); a person's calibration is read
only for that person (`my_calibration` takes no other person)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from ripple.drills import access, scoring
from ripple.drills.models import Attempt, Drill, Flaw, KeyView, Mark
from ripple.spaces import access as spaces
from ripple.spaces.models import Space


def _with_mine(qs: QuerySet[Drill], viewer: Any) -> Any:
    mine = Attempt.objects.filter(drill=OuterRef("pk"), person_id=viewer.pk)
    seen = KeyView.objects.filter(drill=OuterRef("pk"), person_id=viewer.pk)
    return qs.select_related("created_by", "space").annotate(attempted=Exists(mine), gave_up=Exists(seen))


def drill_list(viewer: Any, *, todo: bool | None = None) -> Any:
    """The drills `viewer` may see, newest first, each with `attempted` / `gave_up` for them."""
    qs = _with_mine(access.visible_drills(viewer), viewer).order_by("-created_at", "-id")
    if todo is True:
        qs = qs.filter(attempted=False, gave_up=False).exclude(created_by_id=viewer.pk)
    elif todo is False:
        qs = qs.filter(attempted=True)
    return qs


def drills_for_space(viewer: Any, space: Space, week: int | None = None) -> Any:
    """The drills of a cohort's space (for the cohorts app), by week then date; none when `viewer` may
    not read the space."""
    if not spaces.can_read(viewer, space):
        return Drill.objects.none()
    qs = _with_mine(Drill.objects.filter(space=space), viewer)
    if week is not None:
        qs = qs.filter(week=week)
    return qs.order_by("week", "created_at", "id")


def drills_for_challenge(viewer: Any, challenge_id: int) -> Any:
    """The seam for the challenges app: drills with this `challenge_id` that `viewer` may see."""
    return drill_list(viewer).filter(challenge_id=challenge_id)


def key(drill: Drill) -> list[Flaw]:
    """The answer key. Callers check `access.state(...)["see_key"]` first."""
    flaws = list(Flaw.objects.filter(drill=drill).order_by("position"))
    for flaw in flaws:
        flaw.drill = drill  # `quote` reads the output without another query
    return flaws


def my_attempt(viewer: Any, drill: Drill) -> Attempt | None:
    return (
        Attempt.objects.filter(drill=drill, person_id=viewer.pk)
        .prefetch_related(Prefetch("marks", queryset=Mark.objects.order_by("start", "id")))
        .first()
    )


def my_calibration(viewer: Any) -> dict[str, Any]:
    """The viewer's own calibration over all their attempts (ADR 0015), with their recent attempts."""
    attempts = list(
        Attempt.objects.filter(person_id=viewer.pk).select_related("drill").order_by("-submitted_at", "-id")
    )
    figures = scoring.calibration([(a.confidence, a.score) for a in attempts])
    figures["attempts"] = attempts
    return figures


def _group(attempts: QuerySet[Attempt], k: int) -> dict[str, Any]:
    people = attempts.values("person_id").distinct().count()
    if people < k:
        return {"suppressed": True, "people": None, "k": k, "reason": f"fewer than {k} people have tried"}
    rows = list(attempts.values_list("confidence", "score", "found", "false_alarms"))
    figures = scoring.calibration([(c, s) for c, s, _, _ in rows])
    n = len(rows)
    return {
        "suppressed": False,
        "k": k,
        "people": people,
        "attempts": n,
        "mean_confidence": figures["mean_confidence"],
        "mean_score": figures["mean_score"],
        "gap": figures["gap"],
        "brier": figures["brier"],
        "mean_found": round(sum(r[2] for r in rows) / n, 2),
        "mean_false_alarms": round(sum(r[3] for r in rows) / n, 2),
    }


def drill_figures(drill: Drill, flaws: list[Flaw] | None = None) -> dict[str, Any]:
    """Aggregates of one drill's attempts — the share who found each flaw, mean confidence and score —
    or `suppressed` when fewer than k people have tried. Callers check `see_key` first."""
    k = access.min_group()
    figures = _group(Attempt.objects.filter(drill=drill), k)
    if figures["suppressed"]:
        return figures
    flaws = key(drill) if flaws is None else flaws
    found = dict(
        Mark.objects.filter(attempt__drill=drill, flaw__isnull=False, duplicate=False)
        .values("flaw_id")
        .annotate(n=Count("attempt_id", distinct=True))
        .values_list("flaw_id", "n")
    )
    figures["flaws"] = [
        {
            "position": f.position,
            "id": f.pk,
            "found_share": round(100 * found.get(f.pk, 0) / figures["attempts"]),
        }
        for f in flaws
    ]
    return figures


def space_figures(viewer: Any, space: Space) -> dict[str, Any]:
    """Aggregates over the drills of a cohort's space (for its members and leads), above k only."""
    if not spaces.can_read(viewer, space):
        return {"suppressed": True, "people": None, "k": access.min_group(), "reason": "not readable"}
    return _group(Attempt.objects.filter(drill__space=space), access.min_group())


def department_figures(department_id: int, *, public_only: bool = True) -> dict[str, Any]:
    """Aggregates of a department's attempts (as they were when submitted), above k only; drills of
    private spaces left out unless `public_only` is False."""
    attempts = Attempt.objects.filter(department_id=department_id)
    if public_only:
        attempts = attempts.filter(spaces.public_q("drill__space"))
    return _group(attempts, access.min_group())


def segments(text: str, flaws: list[Flaw], marks: list[Mark]) -> list[list[dict[str, Any]]]:
    """The output cut into lines of segments for the result view: each segment's text, the flaws (by
    position) and marks (by index, 1-based) covering it, and its CSS classes (a flaw found or missed,
    one of my marks)."""
    found = {m.flaw_id for m in marks if m.flaw_id}
    bounds = {0, len(text)}
    for f in flaws:
        bounds.update((f.start, f.end))
    for m in marks:
        bounds.update((m.start, m.end))
    for start, end in scoring.lines(text):
        bounds.update((start, end))
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    line_ends = {end for _, end in scoring.lines(text)}
    out: list[list[dict[str, Any]]] = [[]]
    for a, b in zip(cuts, cuts[1:], strict=False):
        flaw_pos = [f.position for f in flaws if f.start < b and f.end > a]
        mark_pos = [i for i, m in enumerate(marks, start=1) if m.start < b and m.end > a]
        classes = []
        if flaw_pos:
            hit = any(f.pk in found for f in flaws if f.start < b and f.end > a)
            classes.append("seg-flaw seg-found" if hit else "seg-flaw seg-missed")
        if mark_pos:
            classes.append("seg-mark")
        out[-1].append({"text": text[a:b], "flaws": flaw_pos, "marks": mark_pos, "cls": " ".join(classes)})
        if b in line_ends and b != len(text):
            out.append([])
    return out


def line_offsets(text: str) -> list[dict[str, Any]]:
    """Each line of the output with its starting offset (what the marking script maps selections to)."""
    return [{"start": s, "text": text[s:e]} for s, e in scoring.lines(text)]
