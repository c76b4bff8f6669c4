"""Survey pages: my surveys, answering, managing instruments and rounds, results. Thin: access rules in
`access`, writes in `actions`, reads in `selectors` (no ORM here)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.forms import apply_errors
from ripple.people.http import AuthedRequest
from ripple.surveys import access, actions, selectors
from ripple.surveys.forms import InstrumentForm, NewInstrumentForm, QuestionForm, RoundForm, answers_from_post
from ripple.surveys.models import Instrument, Kind, Question, default_min_group


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "surveys/index.html",
        {
            "open_rounds": selectors.my_open_rounds(request.user),
            "closed_rounds": selectors.my_closed_rounds(request.user),
            "can_manage": access.can_manage_rounds(request.user),
        },
    )


@require_GET
@login_required
def badge(request: AuthedRequest) -> HttpResponse:
    """HTMX: how many open surveys wait for me (the top bar)."""
    return render(request, "surveys/index.html#badge", {"waiting": selectors.open_count(request.user)})


def _answer_context(round_, questions: list[Question], values: dict, errors: dict, mine) -> dict:
    return {
        "round": round_,
        "questions": questions,
        "values": values,
        "errors": errors,
        "mine": mine,
        "can_manage": False,
    }


@require_http_methods(["GET", "POST"])
@login_required
def round_page(request: AuthedRequest, round_id: int) -> HttpResponse:
    """Answer a round sent to me (or change my answers while it is open); managers see its status."""
    round_, mine = access.access_round(request.user, round_id)
    questions = selectors.questions(round_.instrument_id)
    if request.method == "POST":
        if mine is None:
            raise Http404("No such survey round.")
        submitted = answers_from_post(questions, request.POST)
        try:
            actions.submit_answers(
                actor=request.user, round_=round_, answers=submitted, replace=mine.answered
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"round": exc.messages}
            values = {int(k): v for k, v in submitted.items()}
            ctx = _answer_context(round_, questions, values, errors, mine)
            return render(request, "surveys/round.html", ctx, status=400)
        messages.success(
            request,
            "Thank you — your answers are saved anonymously. You can change them until the survey closes."
            if not mine.answered
            else "Your answers are updated.",
        )
        return redirect("surveys:index")
    values = selectors.my_answers(request.user, round_) if mine is not None and mine.answered else {}
    ctx = _answer_context(round_, questions, values, {}, mine)
    ctx["can_manage"] = access.can_manage_rounds(request.user)
    if ctx["can_manage"]:
        ctx["response"] = selectors.response_rate(round_)
    return render(request, "surveys/round.html", ctx)


@require_GET
@login_required
def manage(request: AuthedRequest) -> HttpResponse:
    access.require_manager(request.user)
    actions.ensure_builtin_instrument()
    return render(
        request,
        "surveys/manage.html",
        {"instruments": selectors.instruments(), "rounds": selectors.rounds()[:50], "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def instrument_new(request: AuthedRequest) -> HttpResponse:
    access.require_manager(request.user)
    form = NewInstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = actions.instrument_create(
                actor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                questions=None if form.cleaned_data["start"] == "builtin" else [],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Survey created. Adjust its questions, then send a round.")
            return redirect(instrument)
    return render(request, "surveys/instrument_form.html", {"form": form, "instrument": None})


def _instrument_context(request: AuthedRequest, instrument: Instrument, **extra: object) -> dict:
    in_use = selectors.instrument_in_use(instrument)
    return {
        "instrument": instrument,
        "questions": selectors.questions(instrument.pk),
        "in_use": in_use,
        "editable": access.can_edit_instrument(request.user, instrument, in_use=in_use),
        "versions": selectors.instrument_versions(instrument),
        "rounds": selectors.instrument_rounds(instrument),
        "question_form": extra.pop("question_form", None) or QuestionForm(),
        "kinds": Kind,
        **extra,
    }


@require_http_methods(["GET", "POST"])
@login_required
def instrument(request: AuthedRequest, instrument_id: int) -> HttpResponse:
    """An instrument's questions; while no round uses it (and it is not built in), edit it here."""
    instrument = access.access_instrument(request.user, instrument_id)
    form = InstrumentForm(
        request.POST or None, initial={"title": instrument.title, "description": instrument.description}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.instrument_update(actor=request.user, instrument=instrument, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(instrument)
    return render(request, "surveys/instrument.html", _instrument_context(request, instrument, form=form))


@require_POST
@login_required
def question_add(request: AuthedRequest, instrument_id: int) -> HttpResponse:
    instrument = access.access_instrument(request.user, instrument_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            actions.question_add(actor=request.user, instrument=instrument, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Question added.")
            return redirect(instrument)
    ctx = _instrument_context(
        request, instrument, form=InstrumentForm(initial={"title": instrument.title}), question_form=form
    )
    return render(request, "surveys/instrument.html", ctx, status=400)


def _question(request: AuthedRequest, instrument_id: int, question_id: int) -> tuple[Instrument, Question]:
    instrument = access.access_instrument(request.user, instrument_id)
    question = selectors.get_question(instrument, question_id)
    if question is None:
        raise Http404("No such question.")
    return instrument, question


@require_http_methods(["GET", "POST"])
@login_required
def question_edit(request: AuthedRequest, instrument_id: int, question_id: int) -> HttpResponse:
    instrument, question = _question(request, instrument_id, question_id)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            actions.question_update(actor=request.user, question=question, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Question saved.")
            return redirect(instrument)
    return render(
        request, "surveys/question_form.html", {"instrument": instrument, "question": question, "form": form}
    )


@require_POST
@login_required
def question_delete(request: AuthedRequest, instrument_id: int, question_id: int) -> HttpResponse:
    instrument, question = _question(request, instrument_id, question_id)
    actions.question_delete(actor=request.user, question=question)
    messages.success(request, "Question removed.")
    return redirect(instrument)


@require_POST
@login_required
def question_move(request: AuthedRequest, instrument_id: int, question_id: int) -> HttpResponse:
    instrument, question = _question(request, instrument_id, question_id)
    try:
        actions.question_move(
            actor=request.user, question=question, direction=request.POST.get("direction", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(instrument)


@require_POST
@login_required
def instrument_copy(request: AuthedRequest, instrument_id: int) -> HttpResponse:
    instrument = access.access_instrument(request.user, instrument_id)
    copy = actions.instrument_copy(actor=request.user, instrument=instrument)
    messages.success(request, "Copied. This copy is yours to edit.")
    return redirect(copy)


@require_POST
@login_required
def instrument_version(request: AuthedRequest, instrument_id: int) -> HttpResponse:
    instrument = access.access_instrument(request.user, instrument_id)
    try:
        new = actions.instrument_new_version(actor=request.user, instrument=instrument)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(instrument)
    messages.success(
        request, f"Version {new.version} started. Rounds already sent keep version {instrument.version}."
    )
    return redirect(new)


@require_http_methods(["GET", "POST"])
@login_required
def round_new(request: AuthedRequest, instrument_id: int) -> HttpResponse:
    instrument = access.access_instrument(request.user, instrument_id)
    now = timezone.localtime().replace(second=0, microsecond=0)
    initial = {
        "title": f"{instrument.title} — {now:%B %Y}"[:160],
        "opens_at": now,
        "closes_at": now + timedelta(days=14),
        "min_group": default_min_group(),
    }
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = actions.round_create(
                actor=request.user, instrument=instrument, title=data["title"], opens_at=data["opens_at"],
                closes_at=data["closes_at"], remind_at=data["remind_at"], min_group=data["min_group"],
                audience=data["audience"], departments=data["departments"], teams=data["teams"],
                people=data["people"], pair_role=data["pair_role"] or "", paired_with=data["paired_with"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, f"“{round_.title}” is on its way to {round_.participants.count()} people."
            )
            return redirect(round_)
    return render(request, "surveys/round_form.html", {"instrument": instrument, "form": form})


def _results(request: AuthedRequest, round_id: int) -> tuple:
    round_, _mine = access.access_round(request.user, round_id)
    access.require_results(request.user, round_)
    department = selectors.department(request.GET.get("department"))
    team = selectors.team(request.GET.get("team"))
    if team is not None and department is not None and team.department_id != department.pk:
        team = None
    actions.seal_round(round_id=round_.pk)  # no-op unless closed and not yet sealed
    return round_, selectors.round_results(round_, department=department, team=team), department, team


@require_GET
@login_required
def results(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_, figures, department, team = _results(request, round_id)
    departments, teams = selectors.filter_choices()
    charts = [
        {
            "id": q["id"],
            "labels": [d["label"] for d in q["distribution"]],
            "counts": [d["count"] for d in q["distribution"]],
        }
        for q in figures.get("questions", [])
        if not q.get("suppressed") and q.get("distribution")
    ]
    return render(
        request,
        "surveys/results.html",
        {
            "round": round_, "r": figures, "charts": charts, "departments": departments, "teams": teams,
            "department": department, "team": team,
        },
    )  # fmt: skip


@require_GET
@login_required
def results_csv(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_, figures, _d, _t = _results(request, round_id)
    response = HttpResponse(selectors.results_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-round-{round_.pk}-results.csv"'
    return response
