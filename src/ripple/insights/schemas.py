"""Insights' API shapes. People on the map are nodes, not PersonRefs: a node may stand for
"someone in <department>" (people who opted out of being named), so `person_id` is null then."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from ripple.core.api import In


class InsightsRangeQuery(In):
    start: str = Field("", alias="from", description="ISO date; default 12 weeks before `to`")
    end: str = Field("", alias="to", description="ISO date; default today")
    department: str = Field("", description="a department id; omit for everyone")


class InsightsMapQuery(In):
    start: str = Field("", alias="from", description="ISO date; default 12 weeks before `to`")
    end: str = Field("", alias="to", description="ISO date; default today")
    kind: str = Field("", description="one learning kind between people (reuse, fork, answer, kudos, demo…)")
    department: str = Field("", description="only ties with one end in this department")


class InsightsMonthQuery(In):
    month: str = Field("", description="YYYY-MM; default the last complete month")


class InsightsWeekOut(Schema):
    week: date
    habitual: int
    occasional: int
    new: int
    lapsed: int
    active: int
    events: int
    cross: int
    members: int


class InsightsDepartmentOut(Schema):
    group: str
    department: str
    members: int
    habitual: int | None
    occasional: int | None
    new: int | None
    lapsed: int | None
    not_yet: int | None
    events: int | None
    cross: int | None
    internal: int | None
    suppressed: bool
    note: str


class InsightsPeopleOut(Schema):
    contributors: int
    learners: int
    both: int
    minutes: int = Field(description="minutes saved as people reported them (self-reported)")
    reuses: int


class InsightsTeamOut(Schema):
    team: str
    department: str
    people: int
    state: str = Field(description="thriving | dormant | steady")
    events_28d: int
    cross_team_28d: int
    cross_team_before: int


class InsightsFigureOut(Schema):
    label: str
    value: Any = None
    note: str = ""


class InsightsOutcomeOut(Schema):
    source: str
    label: str
    rows: list[InsightsFigureOut]


class InsightsSurveyOut(Schema):
    round: str
    closed_on: date
    question: str
    mean: float | None
    n: int | None
    note: str


class InsightsAdoptionOut(Schema):
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    department: int | None
    refreshed_at: datetime | None
    suppressed: bool
    reason: str = ""
    weeks: list[InsightsWeekOut] = []
    departments: list[InsightsDepartmentOut] = []
    people: InsightsPeopleOut | None = None
    teams: list[InsightsTeamOut] = []
    surveys: list[InsightsSurveyOut] = []
    outcomes: list[InsightsOutcomeOut] = []


class InsightsNodeOut(Schema):
    id: str
    person_id: int | None
    label: str
    department: str
    group: str
    in_degree: int = Field(description="how many people learned from this one")
    out_degree: int
    betweenness: float
    broker_pairs: int


class InsightsEdgeOut(Schema):
    source: str = Field(description="the node learned from")
    target: str = Field(description="the learner")
    events: int
    kinds: list[str]


class InsightsEIOut(Schema):
    group: str
    department: str
    people: int
    internal: int | None
    external: int | None
    ei: float | None = Field(description="(external − internal) / (external + internal)")
    note: str


class InsightsBetweennessOut(Schema):
    method: str = Field(description="exact | sampled")
    sources: int
    error_bound: float = Field(description="bound on the normalised error (95 %), 0 when exact")


class InsightsMapOut(Schema):
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    kind: str | None
    department: int | None
    suppressed: bool
    reason: str = ""
    nodes: list[InsightsNodeOut]
    edges: list[InsightsEdgeOut]
    ties: int = 0
    cross_ties: int = 0
    cross_share: float | None = None
    betweenness: InsightsBetweennessOut | None = None
    departments: list[InsightsEIOut]
    connectors: list[InsightsNodeOut]
    brokers: list[InsightsNodeOut]
    hidden_events: int = Field(description="events about things you may not see, left out")


class InsightsSpreadWeekOut(Schema):
    week: date
    reuses: int
    forks: int
    suggestions: int
    new_departments: list[str]
    departments_reached: int


class InsightsTreeOut(Schema):
    id: str
    label: str
    person_id: int | None
    department: str
    kind: str
    at: datetime | None
    children: list[InsightsTreeOut]


class InsightsPromptRef(Schema):
    id: int
    title: str


class InsightsSpreadOut(Schema):
    prompt: InsightsPromptRef
    people: int
    departments: int
    events: int
    timeline: list[InsightsSpreadWeekOut]
    tree: InsightsTreeOut


class InsightsHeadlineOut(Schema):
    key: str
    label: str
    value: float | None
    previous: float | None
    change: float | None


class InsightsActionOut(Schema):
    action: str
    who: str
    why: str


class InsightsPocketOut(Schema):
    label: str
    rows: list[InsightsFigureOut]


class InsightsReportOut(Schema):
    month: str
    label: str
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    headline: list[InsightsHeadlineOut]
    connectors: list[InsightsNodeOut]
    brokers: list[InsightsNodeOut]
    teams: list[InsightsTeamOut]
    dormant: list[InsightsTeamOut]
    pockets: list[InsightsPocketOut]
    actions: list[InsightsActionOut]
