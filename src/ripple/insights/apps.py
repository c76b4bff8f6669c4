from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "ripple.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from ripple.core import registry
        from ripple.insights import hooks

        registry.nav.register(registry.NavEntry("insights", "Insights", "insights:index", order=70))
        registry.nav.register(
            registry.NavEntry("my-ripple", "My ripple", "insights:mine", order=20, placement="account")
        )
        registry.profile_sections.register(registry.ProfileSection("insights", "insights:person", order=60))
        hooks.register_builtin()
