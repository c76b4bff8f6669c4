from django.apps import AppConfig


class DrillsConfig(AppConfig):
    name = "ripple.drills"
    label = "drills"
    verbose_name = "Spot the flaw"

    def ready(self) -> None:
        from ripple.core import registry

        registry.nav.register(registry.NavEntry("drills", "Drills", "drills:index", order=35))
        registry.outcomes.register(
            registry.OutcomeSource(
                "drills", "Spot the flaw drills", "ripple.drills.outcomes.figures", order=50
            )
        )
