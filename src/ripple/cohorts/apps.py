from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "ripple.cohorts"
    label = "cohorts"
    verbose_name = "Cohorts"

    def ready(self) -> None:
        from ripple.cohorts.kinds import Learned, Notice
        from ripple.core import registry

        registry.nav.register(registry.NavEntry("cohorts", "Cohorts", "cohorts:index", order=45))
        registry.register_kinds(Learned, Notice)
        registry.object_access.register(
            registry.ObjectAccess(
                "cohorts.checkin",
                "ripple.cohorts.access.visible_checkin_ids",
                "ripple.cohorts.access.hidden_checkin_ids",
            )
        )
        registry.outcomes.register(
            registry.OutcomeSource("cohorts", "Cohorts", "ripple.cohorts.outcomes.figures", order=20)
        )
        from ripple.cohorts import drills, hooks

        if drills.week_drills not in hooks.week_extras:
            hooks.week_extras.append(drills.week_drills)
