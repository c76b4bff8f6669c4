"""Drill pages: the list, posting a drill, doing one (marking, confidence), the key and my result after
submitting, giving up, my calibration. Thin: rules in `access`, writes in `actions`, reads in
`selectors` (no ORM here)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.forms import apply_errors
from ripple.core.htmx import render_page
from ripple.drills import access, actions, selectors
from ripple.drills.forms import FALLBACK_ROWS, DrillForm, marks_from_post
from ripple.people.http import AuthedRequest
from ripple.spaces import selectors as space_selectors


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    show = request.GET.get("show", "")
    todo = True if show == "todo" else False if show == "done" else None
    return render_page(
        request,
        "drills/index.html",
        {
            "drills": list(selectors.drill_list(request.user, todo=todo)[:100]),
            "show": show,
            "can_create": access.can_create(request.user),
        },
        partials={"drill-list": "list"},
    )


def _spaces(request: AuthedRequest) -> list[Any]:
    return list(space_selectors.spaces_of(request.user).order_by("name"))


@require_http_methods(["GET", "POST"])
@login_required
def new(request: AuthedRequest) -> HttpResponse:
    access.require_create(request.user)
    spaces = _spaces(request)
    form = DrillForm(request.POST or None, spaces=spaces)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        space = None if data["space"] is None else access.access_space(request.user, data["space"])
        try:
            drill = actions.drill_create(
                actor=request.user, title=data["title"], kind=data["kind"], language=data["language"],
                tool=data["tool"], prompt=data["prompt"], output=data["output"], flaws=form.flaws(),
                space=space, week=data["week"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Drill posted. Its key stays hidden from everyone until they submit.")
            return redirect(drill)
    status = 400 if request.method == "POST" else 200
    return render(request, "drills/new.html", {"form": form}, status=status)


def _context(request: AuthedRequest, drill: Any, **extra: Any) -> dict[str, Any]:
    state = access.state(request.user, drill)
    ctx: dict[str, Any] = {
        "drill": drill,
        "state": state,
        "lines": selectors.line_offsets(drill.output),
        "values": {},
        "errors": {},
        **extra,
    }
    values = ctx["values"]
    ctx["posted_marks"] = _posted_marks(drill.output, values)
    ctx["fallback_rows"] = [
        {"i": i, **{part: values.get(f"{part}_{i}", "") for part in ("quote", "lines", "reason")}}
        for i in range(1, FALLBACK_ROWS + 1)
    ]
    if state["see_key"]:  # nothing of the key or of others' attempts is computed before this
        flaws = selectors.key(drill)
        mine = selectors.my_attempt(request.user, drill) if state["attempted"] else None
        marks = list(mine.marks.all()) if mine else []
        positions = {f.pk: f.position for f in flaws}
        found = {m.flaw_id for m in marks if m.flaw_id}
        ctx.update(
            flaws=flaws,
            found=found,
            mine=mine,
            marks=[
                {
                    "mark": m,
                    "quote": drill.output[m.start : m.end],
                    "flaw_position": positions.get(m.flaw_id or 0),
                }  # noqa: E501
                for m in marks
            ],
            segments=selectors.segments(drill.output, flaws, marks),
            figures=selectors.drill_figures(drill, flaws),
        )
    return ctx


def _posted_marks(output: str, values: Any) -> list[dict[str, Any]]:
    """The script's marks of a refused form, drawn again so the person does not lose them."""
    if not hasattr(values, "getlist"):
        return []
    out = []
    reasons = values.getlist("mark_reason")
    for i, (start, end) in enumerate(
        zip(values.getlist("mark_start"), values.getlist("mark_end"), strict=False)
    ):
        try:
            a, b = int(start), int(end)
        except ValueError:
            continue
        if 0 <= a < b <= len(output):
            out.append(
                {
                    "n": i + 1,
                    "start": a,
                    "end": b,
                    "quote": output[a:b],
                    "reason": reasons[i] if i < len(reasons) else "",
                }
            )
    return out


@require_http_methods(["GET", "POST"])
@login_required
def drill(request: AuthedRequest, drill_id: int) -> HttpResponse:
    """Do the drill (mark, say why, state confidence, submit) — or, once submitted, the key and my marks."""
    drill = access.access_drill(request.user, drill_id)
    if request.method == "POST":
        try:
            actions.attempt_submit(
                actor=request.user, drill=drill, marks=marks_from_post(request.POST),
                confidence=request.POST.get("confidence", ""),
            )  # fmt: skip
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"drill": exc.messages}
            ctx = _context(request, drill, values=request.POST, errors=errors)
            return render(request, "drills/drill.html", ctx, status=400)
        messages.success(request, "Submitted — here is the key, with your marks matched against it.")
        return redirect(drill)
    return render_page(
        request, "drills/drill.html", _context(request, drill), partials={"drill-results": "results"}
    )


@require_POST
@login_required
def reveal(request: AuthedRequest, drill_id: int) -> HttpResponse:
    drill = access.access_drill(request.user, drill_id)
    if actions.reveal_key(actor=request.user, drill=drill):
        messages.info(request, "Here is the key. You can no longer attempt this drill.")
    return redirect(drill)


@require_GET
@login_required
def calibration(request: AuthedRequest) -> HttpResponse:
    """My calibration: only ever the signed-in person's own (there is no URL for anyone else's)."""
    figures = selectors.my_calibration(request.user)
    chart = {
        "labels": [b["label"] for b in figures["buckets"]],
        "confidence": [b["mean_confidence"] for b in figures["buckets"]],
        "score": [b["mean_score"] for b in figures["buckets"]],
    }
    return render(request, "drills/calibration.html", {"c": figures, "chart": chart})
