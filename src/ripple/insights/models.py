"""Insights' rollup tables: rebuilt from the learning-event ledger (and the surveys' results) by
`actions.refresh`, so every page reads a bounded number of rows whatever the length of the history.

Weeks start on Monday (UTC) and are stored as that Monday's date. Departments and teams are plain ids
(0 when the person has none), copied from the ledger for edges and from people's current placement
for people-based counts (docs/adr/0018-insights-metrics-and-privacy.md)."""

from __future__ import annotations

from django.db import models


class PersonWeek(models.Model):
    """What one person did in one week: events as learner, times others learned from them."""

    week = models.DateField()
    person_id = models.BigIntegerField()
    department_id = models.BigIntegerField(default=0)  # the person's current department
    team_id = models.BigIntegerField(default=0)
    learned = models.PositiveIntegerField(default=0)  # events with the person as learner (any kind)
    taught = models.PositiveIntegerField(default=0)  # transfer events with the person as source
    cross_team = models.PositiveIntegerField(default=0)  # transfers whose other end is in another team
    minutes = models.PositiveIntegerField(default=0)  # self-reported minutes saved (as learner)
    reuses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["week", "person_id"], name="insights_personweek_uniq")]
        indexes = [models.Index(fields=["department_id", "week"], name="insights_pw_dept")]

    def __str__(self) -> str:
        return f"{self.person_id} in week {self.week}"


class DepartmentWeek(models.Model):
    """Engagement depth of one department as of one week (the four weeks ending with it)."""

    week = models.DateField()
    department_id = models.BigIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    habitual = models.PositiveIntegerField(default=0)
    occasional = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    lapsed = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0)  # active in this week itself
    events = models.PositiveIntegerField(default=0)
    cross = models.PositiveIntegerField(default=0)  # transfers with one end here, the other elsewhere
    internal = models.PositiveIntegerField(default=0)  # transfers with both ends here

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["week", "department_id"], name="insights_deptweek_uniq")
        ]

    def __str__(self) -> str:
        return f"department {self.department_id} in week {self.week}"


class EdgeWeek(models.Model):
    """Transfers from `source` to `learner` of one kind in one week. Events about objects not everyone
    may see (registry.object_access hidden_ids) keep their object, one row per object, so the map can
    ask each viewer whether they may see it; all others have no object and are summed."""

    week = models.DateField()
    learner_id = models.BigIntegerField()
    source_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    learner_department_id = models.BigIntegerField(default=0)
    source_department_id = models.BigIntegerField(default=0)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["week"], name="insights_edge_week"),
            models.Index(fields=["source_id", "week"], name="insights_edge_source"),
            models.Index(fields=["learner_id", "week"], name="insights_edge_learner"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} <- {self.source_id} ({self.kind}) in week {self.week}"


class TeamWeek(models.Model):
    """One team's learning in one week: the sums of its members' PersonWeek rows (current team), so the
    thriving / dormant figures read teams × weeks rows, not person-weeks."""

    week = models.DateField()
    team_id = models.BigIntegerField()
    events = models.PositiveIntegerField(default=0)  # learned + taught of the members
    cross_team = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["week", "team_id"], name="insights_teamweek_uniq")]

    def __str__(self) -> str:
        return f"team {self.team_id} in week {self.week}"


class EdgeSpan(models.Model):
    """EdgeWeek summed over a span of weeks, one row per tie (learner, source, kind, departments copied
    on the events, restricted object): `span` is "all" (the whole history: my ripple) or
    "<first week>:<last week>" for the default views precomputed by each refresh (the last 12 weeks,
    this month, last month; `Refresh.spans` lists them). A page whose period is one of them reads one row
    per tie however many weeks or events it holds; any other period sums EdgeWeek."""

    span = models.CharField(max_length=24)
    learner_id = models.BigIntegerField()
    source_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    learner_department_id = models.BigIntegerField(default=0)
    source_department_id = models.BigIntegerField(default=0)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["span", "kind"], name="insights_span_kind"),
            models.Index(fields=["span", "source_id"], name="insights_span_source"),
            models.Index(fields=["span", "learner_id"], name="insights_span_learner"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} <- {self.source_id} ({self.kind}) over {self.span}"


class SurveyTrend(models.Model):
    """A closed survey round's mean for one scale question, for everyone (department 0 = all) or one
    department, exactly as the surveys app shows it (suppressed below its minimum group size)."""

    round_id = models.BigIntegerField()
    round_title = models.CharField(max_length=200)
    closed_on = models.DateField()
    department_id = models.BigIntegerField(default=0)
    question_key = models.CharField(max_length=80)
    question_text = models.CharField(max_length=500)
    mean = models.FloatField(null=True, blank=True)
    n = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=120, blank=True)  # why it is suppressed
    # What the round's rows were computed from (answers, departments, previous round): a refresh
    # recomputes a round only when this changes (closed rounds are sealed, so almost never).
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["department_id", "closed_on"], name="insights_survey_dept")]

    def __str__(self) -> str:
        return f"{self.round_title}: {self.question_key}"


class Refresh(models.Model):
    """One rebuild of the rollups (the newest row says how fresh the pages are)."""

    finished_at = models.DateTimeField()
    events = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    spans = models.JSONField(default=list)  # the EdgeSpan spans this refresh precomputed

    class Meta:
        indexes = [models.Index(fields=["-finished_at"], name="insights_refresh_new")]

    def __str__(self) -> str:
        return f"refresh at {self.finished_at}"
