"""The surveys API shapes. Results are figures only; there is no shape for an answer row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from ripple.core.api import In, Page


class QuestionIn(In):
    key: str = ""
    kind: str
    text: str
    help_text: str = ""
    required: bool = True
    scale: int = 5
    low_label: str = ""
    high_label: str = ""
    choices: list[str] = Field(default_factory=list)


class InstrumentIn(In):
    title: str
    description: str = ""
    questions: list[QuestionIn] | None = Field(
        None, description="Leave out to start from the built-in “AI capability and confidence” questions."
    )


class QuestionOut(Schema):
    id: int
    key: str
    kind: str
    text: str
    help_text: str
    required: bool
    scale: int | None
    low_label: str
    high_label: str
    choices: list[str]

    @staticmethod
    def resolve_scale(obj: Any) -> int | None:
        return obj.scale if obj.kind == "likert" else None


class InstrumentSummaryOut(Schema):
    id: int
    title: str
    description: str
    version: int
    builtin: bool
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class InstrumentOut(InstrumentSummaryOut):
    questions: list[QuestionOut]


InstrumentPage = Page[InstrumentSummaryOut]


class RoundIn(In):
    title: str
    opens_at: datetime
    closes_at: datetime
    remind_at: datetime | None = None
    min_group: int | None = Field(
        None, description="Minimum group size k (default from settings, never below 3)."
    )
    audience: str = Field("everyone", description="everyone, departments, teams or people")
    departments: list[int] = Field(default_factory=list)
    teams: list[int] = Field(default_factory=list)
    people: list[int] = Field(default_factory=list)
    pair_role: str = Field("", description="'' (not paired), 'before' or 'after'")
    paired_with: int | None = Field(None, description="For an 'after' round: the id of its 'before' round.")


class RoundOut(Schema):
    id: int
    title: str
    survey: int
    opens_at: datetime
    closes_at: datetime
    status: str
    min_group: int
    audience: str
    pair_role: str
    paired_with: int | None
    url: str
    answered: bool | None = Field(None, description="Whether you answered (null if it was not sent to you).")


class RoundDetailOut(RoundOut):
    questions: list[QuestionOut]


RoundPage = Page[RoundOut]


class SurveyAnswersIn(In):
    answers: dict[str, Any] = Field(
        description='{"<question id>": value}: 1…scale, a choice, a list of choices or text.'
    )
    replace: bool = Field(False, description="Change your earlier answers (allowed until the round closes).")


class SurveyAnswersOut(Schema):
    answered: bool
    changed: bool


def round_out(round_: Any, answered: bool | None, questions: list[Any] | None = None) -> dict[str, Any]:
    out = {
        "id": round_.pk, "title": round_.title, "survey": round_.instrument_id, "opens_at": round_.opens_at,
        "closes_at": round_.closes_at, "status": round_.status(), "min_group": round_.k,
        "audience": round_.audience,
        "pair_role": round_.pair_role, "paired_with": round_.paired_with_id, "url": round_.get_absolute_url(),
        "answered": answered,
    }  # fmt: skip
    if questions is not None:
        out["questions"] = questions
    return out
