"""The notification kinds surveys add (registered in SurveysConfig.ready). Surveys record no learning."""

from ripple.core import registry


class Notice:
    ROUND_OPEN = registry.NotificationKind("survey_open", "Surveys for me")
    REMINDER = registry.NotificationKind("survey_reminder", "Reminders about surveys I have not answered")
