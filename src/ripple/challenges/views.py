"""Challenge pages. Thin: access rules in `access`, writes in `actions`, reads in `selectors`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.challenges import access, actions, selectors
from ripple.challenges.forms import CRITERIA_ROWS, ChallengeForm, EntryForm, ScoreForm, criteria_from_post
from ripple.challenges.models import Challenge, Phase, Submission
from ripple.core.forms import apply_errors, error_text
from ripple.core.htmx import render_page
from ripple.core.uploads import UploadError, cap_upload, declared_too_big, read_capped, upload_too_big
from ripple.people.http import AuthedRequest

LABELS = {"challenge": "", "vote": "", "scores": "Scores", "criteria": "Criteria"}


def _page(request: AuthedRequest, template: str, context: dict, status: int | None = None) -> HttpResponse:
    return render_page(request, f"challenges/{template}", context, partials={}, status=status)


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    groups: dict[str, list[Challenge]] = {"open": [], "voting": [], "closed": []}
    for c in selectors.challenge_list():
        phase = c.phase(now)
        c.current_phase = Phase(phase).label  # type: ignore[attr-defined]
        key = "closed" if phase == Phase.CLOSED else "voting" if phase == Phase.VOTING else "open"
        groups[key].append(c)
    return _page(request, "index.html", {"groups": groups, "can_create": access.can_create(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def new(request: AuthedRequest) -> HttpResponse:
    access.require_can_create(request.user)
    form = ChallengeForm(request.POST or None)
    criteria = criteria_from_post(request.POST) if request.method == "POST" else []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = actions.challenge_create(
                actor=request.user,
                data=actions.ChallengeInput(
                    **{k: data[k] for k in actions.FIELDS}, criteria=criteria, judges=list(data["judges"])
                ),
            )
        except ValidationError as exc:
            apply_errors(form, exc, LABELS)
        else:
            messages.success(
                request, "Challenge created. Its entries' prompts will gather in its library collection."
            )
            return redirect(challenge)
    rows = [criteria[i] if i < len(criteria) else ("", "") for i in CRITERIA_ROWS]
    status = 400 if request.method == "POST" else None
    return _page(request, "challenge_form.html", {"form": form, "criteria_rows": rows}, status)


def _detail_context(request: AuthedRequest, challenge: Challenge) -> dict:
    now = timezone.now()
    entries = selectors.entries(challenge, request.user)
    votes = selectors.my_votes(challenge, request.user)
    return {
        "challenge": challenge,
        "phase": Phase(challenge.phase(now)).label,
        "accepting": challenge.accepting_entries(now),
        "voting": challenge.voting_open(now),
        "closed": challenge.voting_closed(now),
        "entries": entries,
        "my_votes": votes,
        "votes_left": challenge.votes_per_member - len(votes),
        "my_entry": next((s for s in entries if request.user.pk in s.entrant_ids), None),  # type: ignore[attr-defined]
        "criteria": selectors.criteria(challenge),
        "judges": selectors.judges(challenge),
        "drills": selectors.drills(challenge, request.user),
        "is_judge": access.is_judge(request.user, challenge),
        "can_manage": access.can_manage(request.user, challenge),
    }


@require_GET
@login_required
def detail(request: AuthedRequest, challenge_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    return _page(request, "detail.html", _detail_context(request, challenge))


def _entry_input(request: AuthedRequest, form: EntryForm) -> actions.EntryInput:
    data = form.cleaned_data
    upload = data.get("attachment")
    attachment = None
    if upload is not None:
        attachment = actions.Upload(name=upload.name, data=read_capped(upload, actions.ATTACHMENT_MAX))
    return actions.EntryInput(
        title=data["title"], description=data["description"], demo_url=data["demo_url"],
        teammates=list(data.get("teammates") or []), prompt_ids=data["prompt_ids"],
        new_prompt_title=data["new_prompt_title"], new_prompt_body=data["new_prompt_body"],
        attachment=attachment, remove_attachment=data["remove_attachment"],
        submit=request.POST.get("save") != "draft",
    )  # fmt: skip


def _entry_form(request: AuthedRequest, challenge: Challenge, submission: Submission | None) -> HttpResponse:
    if request.method == "GET" and not challenge.accepting_entries():
        messages.info(request, "This challenge is not taking entries now.")
        return redirect(submission or challenge)
    if request.method == "POST":
        cap_upload(request, actions.ATTACHMENT_MAX)
    initial = {}
    if submission is not None:
        submission = selectors.submission_detail(submission)
        initial = {
            "title": submission.title, "description": submission.description, "demo_url": submission.demo_url,
            "teammates": [e.person for e in submission.entrants.all() if e.person != submission.submitter],
            "prompt_ids": ",".join(str(p.pk) for p in submission.prompts.all()),
        }  # fmt: skip
    too_big = request.method == "POST" and declared_too_big(request, actions.ATTACHMENT_MAX)
    problem = ""
    form = EntryForm(
        None if too_big else (request.POST or None), None if too_big else (request.FILES or None),
        initial=initial, team=challenge.is_team,
    )  # fmt: skip
    if request.method == "POST":
        if too_big or upload_too_big(request):
            form = EntryForm(initial=initial, team=challenge.is_team)
            problem = "The file is larger than 5 MB; nothing was saved."
        elif form.is_valid():
            try:
                saved = actions.submission_save(
                    actor=request.user,
                    challenge=challenge,
                    submission=submission,
                    data=_entry_input(request, form),
                )
            except (ValidationError, UploadError) as exc:
                if isinstance(exc, UploadError):
                    form.add_error("attachment", str(exc))
                else:
                    apply_errors(form, exc, LABELS)
            else:
                messages.success(
                    request, "Draft saved: only your team sees it." if saved.is_draft else "Your entry is in."
                )
                return redirect(saved)
    context = {"challenge": challenge, "submission": submission, "form": form, "problem": problem}
    return _page(request, "entry_form.html", context, 400 if request.method == "POST" else None)


@require_http_methods(["GET", "POST"])
@login_required
def enter(request: AuthedRequest, challenge_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    mine = selectors.my_entry(challenge, request.user)
    if mine is not None:
        return redirect("challenges:edit", challenge.pk, mine.pk)
    return _entry_form(request, challenge, None)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: AuthedRequest, challenge_id: int, submission_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    submission = access.access_submission(request.user, submission_id, challenge)
    if not access.is_entrant(request.user, submission):
        return redirect(submission)
    return _entry_form(request, challenge, submission)


@require_http_methods(["GET", "POST"])
@login_required
def submission(request: AuthedRequest, challenge_id: int, submission_id: int) -> HttpResponse:
    """An entry; judges score it here (POST)."""
    challenge = access.access_challenge(request.user, challenge_id)
    entry = access.access_submission(request.user, submission_id, challenge)
    criteria = selectors.criteria(challenge)
    judging = access.is_judge(request.user, challenge) and not access.is_entrant(request.user, entry)
    form = None
    status = None
    if judging or request.method == "POST":
        mine = selectors.my_scores(entry, request.user)
        form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=mine)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    actions.scores_set(actor=request.user, submission=entry, scores=form.scores())
                except ValidationError as exc:
                    apply_errors(form, exc, LABELS)
                else:
                    messages.success(request, "Scores saved.")
                    return redirect(entry)
    now = timezone.now()
    votes = selectors.my_votes(challenge, request.user)
    context = {
        "challenge": challenge, "entry": selectors.submission_detail(entry), "score_form": form,
        "judging": judging and not entry.is_draft, "voting": challenge.voting_open(now),
        "voted": entry.pk in votes, "votes_left": challenge.votes_per_member - len(votes),
        "is_entrant": access.is_entrant(request.user, entry), "accepting": challenge.accepting_entries(now),
    }  # fmt: skip
    return _page(request, "submission.html", context, status)


@require_POST
@login_required
def vote(request: AuthedRequest, challenge_id: int, submission_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    entry = access.access_submission(request.user, submission_id, challenge)
    try:
        if request.POST.get("action") == "retract":
            actions.vote_retract(actor=request.user, submission=entry)
            messages.success(request, f"Vote for “{entry.title}” taken back.")
        else:
            actions.vote_cast(actor=request.user, submission=entry)
            messages.success(request, f"You voted for “{entry.title}”.")
    except ValidationError as exc:
        messages.error(request, error_text(exc, LABELS))
    back = request.POST.get("next", "")
    return redirect(entry if back == "entry" else challenge)


@require_GET
@login_required
def attachment(request: AuthedRequest, challenge_id: int, submission_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    entry = access.access_submission(request.user, submission_id, challenge)
    file = selectors.attachment(entry)
    if file is None:
        return redirect(entry)
    response = HttpResponse(bytes(file.data), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
@login_required
def results(request: AuthedRequest, challenge_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    closed = challenge.voting_closed()
    context: dict = {
        "challenge": challenge,
        "closed": closed,
        "can_manage": access.can_manage(request.user, challenge),
    }
    if closed:
        entries = selectors.entries(challenge, request.user)
        context["results"] = selectors.results(challenge, entries)
        context["show_judging"] = access.can_see_judging(request.user, challenge)
    return _page(request, "results.html", context, None if closed else 403)


@require_POST
@login_required
def publish(request: AuthedRequest, challenge_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    try:
        actions.results_publish(actor=request.user, challenge=challenge)
        messages.success(request, "Results published; every entrant has been told.")
    except ValidationError as exc:
        messages.error(request, error_text(exc, LABELS))
    return redirect("challenges:results", challenge.pk)


@require_POST
@login_required
def announce(request: AuthedRequest, challenge_id: int) -> HttpResponse:
    challenge = access.access_challenge(request.user, challenge_id)
    access.require_manager(request.user, challenge)
    winners = selectors.results(challenge, selectors.entries(challenge, request.user)).winners()
    try:
        actions.winners_announce(actor=request.user, challenge=challenge, winners=winners)
        messages.success(request, "Winners announced on the feed.")
    except ValidationError as exc:
        messages.error(request, error_text(exc, LABELS))
    return redirect("challenges:results", challenge.pk)
