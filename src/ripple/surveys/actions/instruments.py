"""Instruments and their questions. A version that a round uses is never edited: changes go into the
next version (`instrument_new_version`), copies start a new family (`instrument_copy`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from ripple.people.models import User
from ripple.surveys import access, builtin
from ripple.surveys.models import Instrument, Kind, Question, Round

MAX_QUESTIONS = 60
MAX_CHOICES = 20


def clean_question(data: dict[str, Any]) -> dict[str, Any]:
    """A question's fields, validated, or a ValidationError naming the field."""
    kind = str(data.get("kind") or "")
    if kind not in Kind.values:
        raise ValidationError({"kind": f"Choose one of: {', '.join(Kind.values)}."})
    text = str(data.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": "Write the question."})
    if len(text) > 300:
        raise ValidationError({"text": "Keep the question under 300 characters."})
    out: dict[str, Any] = {
        "kind": kind,
        "text": text,
        "help_text": str(data.get("help_text") or "").strip()[:300],
        "required": bool(data.get("required", True)),
        "scale": 5,
        "low_label": "",
        "high_label": "",
        "choices": [],
    }
    if kind == Kind.LIKERT:
        try:
            scale = int(data.get("scale") or 5)
        except (TypeError, ValueError):
            scale = 0
        if scale not in (5, 7):
            raise ValidationError({"scale": "A scale runs from 1 to 5 or from 1 to 7."})
        low = str(data.get("low_label") or "").strip()
        high = str(data.get("high_label") or "").strip()
        if not low or not high:
            raise ValidationError({"low_label": "Label both ends of the scale (e.g. “Strongly disagree”)."})
        out.update(scale=scale, low_label=low[:60], high_label=high[:60])
    elif kind in (Kind.SINGLE, Kind.MULTI):
        raw = data.get("choices") or []
        if isinstance(raw, str):
            raw = raw.splitlines()
        if not isinstance(raw, list):
            raise ValidationError({"choices": "Give the choices as a list."})
        choices = [str(c).strip()[:120] for c in raw if str(c).strip()]
        if len(choices) < 2:
            raise ValidationError({"choices": "Give at least two choices, one per line."})
        if len(choices) > MAX_CHOICES:
            raise ValidationError({"choices": f"At most {MAX_CHOICES} choices."})
        if len(set(choices)) != len(choices):
            raise ValidationError({"choices": "Each choice must be different."})
        out["choices"] = choices
    return out


def _unique_key(wanted: str, taken: set[str]) -> str:
    base = slugify(wanted)[:50] or "q"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _add_questions(instrument: Instrument, questions: list[dict[str, Any]]) -> None:
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError({"questions": f"At most {MAX_QUESTIONS} questions."})
    taken: set[str] = set()
    rows = []
    for i, raw in enumerate(questions):
        if not isinstance(raw, dict):
            raise ValidationError({"questions": f"Question {i + 1} is not an object."})
        try:
            fields = clean_question(raw)
        except ValidationError as exc:
            raise ValidationError({f"questions[{i}]": exc.messages}) from exc
        key = _unique_key(str(raw.get("key") or fields["text"]), taken)
        taken.add(key)
        rows.append(Question(instrument=instrument, position=i, key=key, **fields))
    Question.objects.bulk_create(rows)


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Give the survey a title."})
    if len(title) > 160:
        raise ValidationError({"title": "Keep the title under 160 characters."})
    return title


@transaction.atomic
def ensure_builtin_instrument() -> Instrument:
    """The built-in "AI capability and confidence" instrument, created the first time it is needed."""
    existing = Instrument.objects.filter(builtin=True, family__isnull=True).first()
    if existing is not None:
        return existing
    instrument = Instrument.objects.create(title=builtin.TITLE, description=builtin.DESCRIPTION, builtin=True)
    _add_questions(instrument, builtin.QUESTIONS)
    return instrument


@transaction.atomic
def instrument_create(
    *, actor: User, title: str, description: str = "", questions: list[dict[str, Any]] | None = None
) -> Instrument:
    """A new instrument; without questions it starts as a copy of the built-in one."""
    access.require_manager(actor)
    title = _check_title(title)
    instrument = Instrument.objects.create(
        title=title, description=(description or "").strip()[:2000], created_by=actor
    )
    _add_questions(instrument, builtin.QUESTIONS if questions is None else questions)
    return instrument


def _in_use(instrument: Instrument) -> bool:
    return Round.objects.filter(instrument=instrument).exists()


def _require_editable(actor: User, instrument: Instrument) -> None:
    access.require_manager(actor)
    if not access.can_edit_instrument(actor, instrument, in_use=_in_use(instrument)):
        raise PermissionDenied(
            "This version is built in or already used by a round, so it cannot change: "
            "copy it or start a new version."
        )


@transaction.atomic
def instrument_update(
    *, actor: User, instrument: Instrument, title: str, description: str = ""
) -> Instrument:
    _require_editable(actor, instrument)
    instrument.title = _check_title(title)
    instrument.description = (description or "").strip()[:2000]
    instrument.save(update_fields=["title", "description"])
    return instrument


def _clone(instrument: Instrument, **fields: Any) -> Instrument:
    clone = Instrument.objects.create(**fields)
    Question.objects.bulk_create(
        Question(
            instrument=clone, position=q.position, key=q.key, kind=q.kind, text=q.text, help_text=q.help_text,
            required=q.required, scale=q.scale, low_label=q.low_label, high_label=q.high_label,
            choices=q.choices,
        )
        for q in instrument.questions.all()
    )  # fmt: skip
    return clone


@transaction.atomic
def instrument_copy(*, actor: User, instrument: Instrument, title: str = "") -> Instrument:
    """A new, editable instrument with the same questions (and question keys, so results compare)."""
    access.require_manager(actor)
    return _clone(
        instrument,
        title=_check_title(title or f"{instrument.title} (copy)"[:160]),
        description=instrument.description,
        created_by=actor,
    )


@transaction.atomic
def instrument_new_version(*, actor: User, instrument: Instrument) -> Instrument:
    """The next version of an instrument that rounds already use; the old version stays as it was."""
    access.require_manager(actor)
    if instrument.builtin:
        raise PermissionDenied("The built-in survey cannot change; copy it to make your own.")
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if instrument.superseded:
        raise ValidationError({"version": "A newer version of this survey exists already; edit that one."})
    family = instrument.family_id or instrument.pk
    latest = (
        Instrument.objects.filter(family_id=family).aggregate(v=Max("version"))["v"] or instrument.version
    )
    clone = _clone(
        instrument, title=instrument.title, description=instrument.description, created_by=actor,
        family_id=family, version=latest + 1,
    )  # fmt: skip
    instrument.superseded = True
    instrument.save(update_fields=["superseded"])
    return clone


@transaction.atomic
def question_add(*, actor: User, instrument: Instrument, data: dict[str, Any]) -> Question:
    _require_editable(actor, instrument)
    fields = clean_question(data)
    existing = list(instrument.questions.values_list("key", "position"))
    if len(existing) >= MAX_QUESTIONS:
        raise ValidationError({"questions": f"At most {MAX_QUESTIONS} questions."})
    key = _unique_key(str(data.get("key") or fields["text"]), {k for k, _ in existing})
    position = max((p for _, p in existing), default=-1) + 1
    return Question.objects.create(instrument=instrument, key=key, position=position, **fields)


@transaction.atomic
def question_update(*, actor: User, question: Question, data: dict[str, Any]) -> Question:
    _require_editable(actor, question.instrument)
    for name, value in clean_question(data).items():
        setattr(question, name, value)
    question.save()
    return question


@transaction.atomic
def question_delete(*, actor: User, question: Question) -> None:
    _require_editable(actor, question.instrument)
    question.delete()


@transaction.atomic
def question_move(*, actor: User, question: Question, direction: str) -> None:
    """Swap a question with its neighbour ("up" or "down")."""
    _require_editable(actor, question.instrument)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": "Move a question up or down."})
    ordered = list(question.instrument.questions.order_by("position", "id"))
    i = next(n for n, q in enumerate(ordered) if q.pk == question.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(ordered):
        return
    ordered[i], ordered[j] = ordered[j], ordered[i]
    for n, q in enumerate(ordered):
        if q.position != n:
            q.position = n
            q.save(update_fields=["position"])
