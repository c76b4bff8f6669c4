from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "ripple.challenges"
    label = "challenges"
    verbose_name = "Challenges"

    def ready(self) -> None:
        from ripple.challenges.kinds import Notice
        from ripple.core import registry

        registry.nav.register(registry.NavEntry("challenges", "Challenges", "challenges:index", order=45))
        registry.register_kinds(Notice)
        registry.outcomes.register(
            registry.OutcomeSource(
                "challenges", "Challenges", "ripple.challenges.selectors.outcomes.figures", order=40
            )
        )
